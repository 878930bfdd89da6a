import { listUsersQuery } from '@/lib/schemas/user';
import { listUsers } from '@/lib/server/director/users';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export const GET = route({ role: 'viewer', query: listUsersQuery }, ({ query }) => listUsers(query));
