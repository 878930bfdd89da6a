'use client';

import { useQuery } from '@tanstack/react-query';
import { ErrorPanel } from '@/components/ui/error-panel';
import { PageHeader } from '@/components/ui/page-header';
import { useDocumentTitle } from '@/components/ui/use-document-title';
import { PageSkeleton } from '@/components/ui/skeleton';
import { isApiError } from '@/lib/api/api-error';
import { securityManagerDetailOptions, securityManagerFormContextOptions } from '@/lib/api/security-managers';
import { isNotConnected, NotConnectedNotice } from './security-manager-context';
import { SecurityManagerBackLink } from './security-manager-details';
import { managerName } from './security-manager-format';
import { SecurityManagerForm } from './security-manager-form';

/** /organizations/{orgId}/security-managers/new */
export function NewSecurityManager({ orgId }: { orgId: string }) {
  const context = useQuery(securityManagerFormContextOptions(orgId));
  const organization = context.data?.organization;
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
  const context = useQuery(securityManagerFormContextOptions(orgId));
  const organization = context.data?.organization;
  const manager = useQuery({ ...securityManagerDetailOptions(orgId, id), enabled: context.data?.connection.status === 'connected' });
  const breadcrumb = <SecurityManagerBackLink orgId={orgId} orgName={organization?.name} />;
  useDocumentTitle(manager.data ? `Edit ${managerName(manager.data)} · Security manager` : undefined);
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
      <PageHeader
        breadcrumb={breadcrumb}
        title={`Edit ${managerName(manager.data)}`}
        description={`Only the fields you change are sent to ${organization?.sci?.name ?? 'the SCI'}.`}
      />
      {/* Not keyed by the row: a remount when the saved row lands would drop the save's own navigation. */}
      <SecurityManagerForm orgId={orgId} mode="edit" manager={manager.data} />
    </div>
  );
}
