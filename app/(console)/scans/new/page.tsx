import type { Metadata } from 'next';
import { ListBackLink } from '@/components/data-table/list-return';
import { ScanForm } from '@/components/scans/scan-form';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageSession } from '@/lib/server/session';

export const metadata: Metadata = { title: 'New scan' };

const backLink = <ListBackLink path="/scans">← Scans</ListBackLink>;

export default async function NewScanPage() {
  const session = await requirePageSession();
  if (session.role !== 'admin') {
    return (
      <>
        <PageHeader breadcrumb={backLink} title="New scan" />
        <div className="rounded-lg border border-slate-200 bg-white">
          <EmptyState
            title="Only administrators can create scans"
            description="You are signed in as a viewer. Ask an administrator to create the scan or to give you the admin role."
            action={<ButtonLink href="/scans">Back to scans</ButtonLink>}
          />
        </div>
      </>
    );
  }
  return (
    <div className="max-w-5xl">
      <PageHeader breadcrumb={backLink} title="New scan" description="Defined on the chosen Tenable.sc instance through Director. Fields marked * are required." />
      <ScanForm />
    </div>
  );
}
