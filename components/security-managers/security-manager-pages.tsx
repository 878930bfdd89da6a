'use client';

import { useQuery } from '@tanstack/react-query';
import { useIsAdmin } from '@/components/shell/current-user';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorPanel } from '@/components/ui/error-panel';
import { PageHeader } from '@/components/ui/page-header';
import { PageSkeleton } from '@/components/ui/skeleton';
import { isApiError } from '@/lib/api/api-error';
import { securityManagerDetailOptions, securityManagerFormContextOptions } from '@/lib/api/security-managers';
import { SciNotConnected } from './sci-not-connected';
import { SecurityManagerBackLink } from './security-manager-details';
import { managerName } from './security-manager-format';
import { SecurityManagerForm } from './security-manager-form';
import { SecurityManagersTable } from './security-managers-table';

function useOrganizationName(orgId: string) {
  return useQuery(securityManagerFormContextOptions(orgId)).data?.organization;
}

/** The explanation instead of a form when the organization's SCI has no connection; null otherwise. */
function NotConnectedNotice({ orgId }: { orgId: string }) {
  const context = useQuery(securityManagerFormContextOptions(orgId));
  if (context.data?.connection.status !== 'not_connected') return null;
  return <SciNotConnected organization={context.data.organization} connection={context.data.connection} />;
}
const isNotConnected = (data: { connection: { status: string } } | undefined) => data?.connection.status === 'not_connected';

/** /organizations/{orgId}/security-managers */
export function SecurityManagersOverview({ orgId }: { orgId: string }) {
  const organization = useOrganizationName(orgId);
  return (
    <>
      <PageHeader
        breadcrumb={<SecurityManagerBackLink orgId={orgId} orgName={organization?.name} />}
        title={organization ? `Security managers of ${organization.name}` : 'Security managers'}
        description={organization?.sci ? `Organization on ${organization.sci.name}; its security managers are managed there.` : undefined}
      />
      <SecurityManagersTable orgId={orgId} />
    </>
  );
}

function AdminsOnly({ orgId, title }: { orgId: string; title: string }) {
  const organization = useOrganizationName(orgId);
  return (
    <>
      <PageHeader breadcrumb={<SecurityManagerBackLink orgId={orgId} orgName={organization?.name} />} title={title} />
      <div className="rounded-lg border border-slate-200 bg-white">
        <EmptyState
          title="Only administrators can change security managers"
          description="You are signed in as a viewer. Ask an administrator, or to be given the admin role."
          action={<ButtonLink href={`/organizations/${encodeURIComponent(orgId)}/security-managers`}>Back to security managers</ButtonLink>}
        />
      </div>
    </>
  );
}

/** /organizations/{orgId}/security-managers/new */
export function NewSecurityManager({ orgId }: { orgId: string }) {
  const isAdmin = useIsAdmin();
  const context = useQuery(securityManagerFormContextOptions(orgId));
  const organization = context.data?.organization;
  if (!isAdmin) return <AdminsOnly orgId={orgId} title="New security manager" />;
  if (isNotConnected(context.data)) {
    return (
      <>
        <PageHeader breadcrumb={<SecurityManagerBackLink orgId={orgId} orgName={organization?.name} />} title="New security manager" />
        <NotConnectedNotice orgId={orgId} />
      </>
    );
  }
  return (
    <div className="max-w-5xl">
      <PageHeader
        breadcrumb={<SecurityManagerBackLink orgId={orgId} orgName={organization?.name} />}
        title="New security manager"
        description={`Created in ${organization?.name ?? 'the organization'} on ${organization?.sci?.name ?? 'its SCI'}. Fields marked * are required.`}
      />
      <SecurityManagerForm orgId={orgId} mode="create" />
    </div>
  );
}

/** /organizations/{orgId}/security-managers/{id}/edit */
export function EditSecurityManager({ orgId, id }: { orgId: string; id: string }) {
  const isAdmin = useIsAdmin();
  const context = useQuery(securityManagerFormContextOptions(orgId));
  const organization = context.data?.organization;
  const manager = useQuery({ ...securityManagerDetailOptions(orgId, id), enabled: context.data?.connection.status === 'connected' });
  const breadcrumb = <SecurityManagerBackLink orgId={orgId} orgName={organization?.name} />;
  if (!isAdmin) return <AdminsOnly orgId={orgId} title="Edit security manager" />;
  if (isNotConnected(context.data)) {
    return (
      <>
        <PageHeader breadcrumb={breadcrumb} title="Edit security manager" />
        <NotConnectedNotice orgId={orgId} />
      </>
    );
  }
  if (context.isPending) return <PageSkeleton label="Loading security manager" />;
  if (manager.isLoading) return <PageSkeleton label="Loading security manager" />;
  if (!manager.data) {
    const isMissing = isApiError(manager.error) && manager.error.isNotFound;
    return (
      <>
        <PageHeader breadcrumb={breadcrumb} title={isMissing ? 'Security manager not found' : 'Edit security manager'} />
        <ErrorPanel title="Could not load the security manager" error={manager.error} onRetry={() => void manager.refetch()} />
      </>
    );
  }
  return (
    <div className="max-w-5xl">
      <PageHeader breadcrumb={breadcrumb} title={`Edit ${managerName(manager.data)}`} description={`Only the fields you change are sent to ${organization?.sci?.name ?? 'the SCI'}.`} />
      {/* Not keyed by the row: a remount when the saved row lands would drop the save's own navigation. */}
      <SecurityManagerForm orgId={orgId} mode="edit" manager={manager.data} />
    </div>
  );
}
