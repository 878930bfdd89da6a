import { listScis } from '@/lib/server/director/lookups';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export const GET = route({ role: 'viewer' }, () => listScis());
