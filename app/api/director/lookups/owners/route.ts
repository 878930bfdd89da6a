import { sciScopedQuery } from '@/lib/schemas/lookup';
import { listOwners } from '@/lib/server/director/lookups';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export const GET = route({ role: 'viewer', query: sciScopedQuery }, ({ query }) => listOwners(query.sciId));
