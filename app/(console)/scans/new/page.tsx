import type { Metadata } from 'next';
import { ListBackLink } from '@/components/data-table/list-back-link';
import { ScanForm } from '@/components/scans/scan-form';
import { AdminOnlyPage } from '@/components/shell/admin-only-page';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'New scan' };

const backLink = <ListBackLink path="/scans">← Scans</ListBackLink>;

export default function NewScanPage() {
  return (
    <AdminOnlyPage
      title="New scan"
      breadcrumb={backLink}
      refusal="Only administrators can create scans"
      reason="You are signed in as a viewer. Ask an administrator to create the scan or to give you the admin role."
      back={{ href: '/scans', label: 'Back to scans' }}
    >
      <div className="max-w-5xl">
        <PageHeader
          breadcrumb={backLink}
          title="New scan"
          description="Defined on the chosen Tenable.sc instance through Director. Fields marked * are required."
        />
        <ScanForm />
      </div>
    </AdminOnlyPage>
  );
}
