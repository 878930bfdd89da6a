import { listSecurityManagersQuery, organizationParams } from '@/lib/schemas/security-manager';
import { route } from '@/lib/server/route';
import { selectSecurityManagers } from '@/lib/server/sci/security-managers';

export const dynamic = 'force-dynamic';

/** "Select all matching the search" of an organization's security managers: ids and names, for admins. */
export const GET = route({ role: 'admin', params: organizationParams, query: listSecurityManagersQuery }, ({ params, query }) =>
  selectSecurityManagers(params.orgId, query),
);
