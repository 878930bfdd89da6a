import { optionalSciQuery } from '@/lib/schemas/lookup';
import { listOrgOptions } from '@/lib/server/director/lookups';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export const GET = route({ role: 'viewer', query: optionalSciQuery }, ({ query }) => listOrgOptions(query.sciId));
