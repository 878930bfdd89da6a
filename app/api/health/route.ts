import { getHealth } from '@/lib/server/health';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export const GET = route({ role: 'viewer' }, () => getHealth());
