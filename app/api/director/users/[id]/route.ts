import { userParams } from '@/lib/schemas/user';
import { getUser } from '@/lib/server/director/users';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export const GET = route({ role: 'viewer', params: userParams }, ({ params }) => getUser(params.id));
