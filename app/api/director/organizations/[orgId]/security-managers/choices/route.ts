import { organizationParams } from '@/lib/schemas/security-manager';
import { route } from '@/lib/server/route';
import { getSecurityManagerChoices } from '@/lib/server/sci/lookups';

export const dynamic = 'force-dynamic';

/** Roles, groups, LDAP servers, asset lists, administrators and users of the organization's SCI, in its ids. */
export const GET = route({ role: 'viewer', params: organizationParams }, ({ params }) => getSecurityManagerChoices(params.orgId));
