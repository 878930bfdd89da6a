import { organizationParams } from '@/lib/schemas/security-manager';
import { route } from '@/lib/server/route';
import { getSecurityManagerFormContext } from '@/lib/server/sci/organizations';

export const dynamic = 'force-dynamic';

/**
 * The organization's name and SCI, and whether ScanDeck has a connection to that SCI: every
 * security-manager page reads it first, to explain a missing connection instead of failing.
 */
export const GET = route({ role: 'viewer', params: organizationParams }, ({ params }) => getSecurityManagerFormContext(params.orgId));
