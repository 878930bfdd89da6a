import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AuditChainStatus } from '@/components/audit/audit-chain-status';
import { AuditTable } from '@/components/audit/audit-table';
import { SignOutUserDialog } from '@/components/audit/sign-out-user-dialog';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { PageSkeleton } from '@/components/ui/skeleton';
import { requirePageSession } from '@/lib/server/session';

export const metadata: Metadata = { title: 'Audit trail' };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requirePageSession();
  await searchParams;
  if (session.role !== 'admin') {
    return (
      <>
        <PageHeader title="Audit trail" />
        <div className="rounded-lg border border-slate-200 bg-white">
          <EmptyState
            title="Only administrators can see the audit trail"
            description="You are signed in as a viewer. The trail records who changed what, so it is kept to administrators."
            action={<ButtonLink href="/scans">Back to scans</ButtonLink>}
          />
        </div>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every change made through ScanDeck, every refused request and every sign-in, newest first."
        actions={<SignOutUserDialog />}
      />
      <div className="mb-4">
        <AuditChainStatus />
      </div>
      <Suspense fallback={<PageSkeleton label="Loading the audit trail" />}>
        <AuditTable />
      </Suspense>
    </>
  );
}
