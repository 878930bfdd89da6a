import { numericOrganizationParams } from '@/lib/schemas/security-manager';
import { getSecurityManagerFormContext } from '@/lib/server/director/security-managers';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

/** The organization's name, SCI and LDAP servers: what the security manager pages and form need. */
export const GET = route({ role: 'viewer', params: numericOrganizationParams }, ({ params }) => getSecurityManagerFormContext(params.orgId));
