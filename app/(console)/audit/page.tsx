import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AuditChainSlot } from '@/components/audit/audit-chain-slot';
import { AuditTable } from '@/components/audit/audit-table';
import { SignOutUserDialog } from '@/components/audit/sign-out-user-dialog';
import { AdminOnlyPage } from '@/components/shell/admin-only-page';
import { PageHeader } from '@/components/ui/page-header';
import { PageSkeleton } from '@/components/ui/skeleton';
import { openListPage } from '@/lib/server/list-opening';

export const metadata: Metadata = { title: 'Audit trail' };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Opened with the reader's default view (when the URL holds no list state) and kept columns.
  const { columns } = await openListPage('audit', '/audit', await searchParams);
  return (
    <AdminOnlyPage
      title="Audit trail"
      refusal="Only administrators can see the audit trail"
      reason="You are signed in as a viewer. The trail records who changed what, so it is kept to administrators."
      back={{ href: '/scans', label: 'Back to scans' }}
    >
      <PageHeader
        title="Audit trail"
        description="Every change made through ScanDeck, every refused request and every sign-in, newest first."
        actions={<SignOutUserDialog />}
      />
      <div className="mb-4">
        <AuditChainSlot />
      </div>
      <Suspense fallback={<PageSkeleton label="Loading the audit trail" />}>
        <AuditTable columns={columns} />
      </Suspense>
    </AdminOnlyPage>
  );
}
