import { getOverview } from '@/lib/server/overview';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export const GET = route({ role: 'viewer' }, () => getOverview());
