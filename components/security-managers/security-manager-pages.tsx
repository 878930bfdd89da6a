'use client';

import { Suspense } from 'react';
import { PageHeader } from '@/components/ui/page-header';
import { PageSkeleton } from '@/components/ui/skeleton';
import { SecurityManagerBackLink } from './security-manager-details';
import { useOrganizationName } from './security-manager-context';
import { SecurityManagersTable } from './security-managers-table';

/** /organizations/{orgId}/security-managers */
export function SecurityManagersOverview({ orgId, columns }: { orgId: string; columns?: string[] | undefined }) {
  const organization = useOrganizationName(orgId);
  return (
    <>
      <PageHeader
        breadcrumb={<SecurityManagerBackLink orgId={orgId} orgName={organization?.name} />}
        title={organization ? `Security managers of ${organization.name}` : 'Security managers'}
        description={organization?.sci ? `Organization on ${organization.sci.name}; its security managers are managed there.` : undefined}
      />
      <Suspense fallback={<PageSkeleton label="Loading security managers" />}>
        <SecurityManagersTable orgId={orgId} columns={columns} />
      </Suspense>
    </>
  );
}
