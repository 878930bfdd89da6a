import type { Metadata } from 'next';
import { SecurityManagersBreadcrumb } from '@/components/security-managers/security-manager-context';
import { EditSecurityManager } from '@/components/security-managers/security-manager-form-pages';
import { AdminOnlyPage } from '@/components/shell/admin-only-page';

export const metadata: Metadata = { title: 'Edit security manager' };

export default async function EditSecurityManagerPage({ params }: { params: Promise<{ orgId: string; id: string }> }) {
  const { orgId, id } = await params;
  const org = decodeURIComponent(orgId);
  return (
    <AdminOnlyPage
      title="Edit security manager"
      breadcrumb={<SecurityManagersBreadcrumb orgId={org} />}
      refusal="Only administrators can change security managers"
      reason="You are signed in as a viewer. Ask an administrator, or to be given the admin role."
      back={{ href: `/organizations/${encodeURIComponent(org)}/security-managers`, label: 'Back to security managers' }}
    >
      <EditSecurityManager orgId={org} id={decodeURIComponent(id)} />
    </AdminOnlyPage>
  );
}
