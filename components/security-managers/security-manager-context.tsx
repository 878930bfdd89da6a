'use client';

import { useQuery } from '@tanstack/react-query';
import { securityManagerFormContextOptions } from '@/lib/api/security-managers';
import { SciNotConnected } from './sci-not-connected';
import { SecurityManagerBackLink } from './security-manager-details';

export function useOrganizationName(orgId: string) {
  return useQuery(securityManagerFormContextOptions(orgId)).data?.organization;
}

/** The explanation instead of a form when the organization's SCI has no connection; null otherwise. */
export function NotConnectedNotice({ orgId }: { orgId: string }) {
  const context = useQuery(securityManagerFormContextOptions(orgId));
  if (context.data?.connection.status !== 'not_connected') return null;
  return <SciNotConnected organization={context.data.organization} connection={context.data.connection} />;
}
export const isNotConnected = (data: { connection: { status: string } } | undefined) => data?.connection.status === 'not_connected';

/** The way back to the organization, named once its name has loaded. */
export function SecurityManagersBreadcrumb({ orgId }: { orgId: string }) {
  const organization = useOrganizationName(orgId);
  return <SecurityManagerBackLink orgId={orgId} orgName={organization?.name} />;
}
