import type { Metadata } from 'next';
import { SecurityManagersBreadcrumb } from '@/components/security-managers/security-manager-context';
import { NewSecurityManager } from '@/components/security-managers/security-manager-form-pages';
import { AdminOnlyPage } from '@/components/shell/admin-only-page';

export const metadata: Metadata = { title: 'New security manager' };

export default async function NewSecurityManagerPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const org = decodeURIComponent(orgId);
  return (
    <AdminOnlyPage
      title="New security manager"
      breadcrumb={<SecurityManagersBreadcrumb orgId={org} />}
      refusal="Only administrators can change security managers"
      reason="You are signed in as a viewer. Ask an administrator, or to be given the admin role."
      back={{ href: `/organizations/${encodeURIComponent(org)}/security-managers`, label: 'Back to security managers' }}
    >
      <NewSecurityManager orgId={org} />
    </AdminOnlyPage>
  );
}
