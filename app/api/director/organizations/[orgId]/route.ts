import { organizationParams } from '@/lib/schemas/organization';
import { getOrganization } from '@/lib/server/director/organizations';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export const GET = route({ role: 'viewer', params: organizationParams }, ({ params }) => getOrganization(params.orgId));
