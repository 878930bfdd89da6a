import { listOrganizationsQuery } from '@/lib/schemas/organization';
import { listOrganizations } from '@/lib/server/director/organizations';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export const GET = route({ role: 'viewer', query: listOrganizationsQuery }, ({ query }) => listOrganizations(query));
