import { listHssHostsQuery } from '@/lib/schemas/scan-task';
import { listHssHosts } from '@/lib/server/hss/hosts';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export const GET = route({ role: 'viewer', query: listHssHostsQuery }, ({ query }) => listHssHosts(query));
