import { auditChainStatus } from '@/lib/server/audit/trail';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

/** How far the trail's hash chain checks out, for the audit page ("chain verified up to …"). */
export const GET = route({ role: 'admin' }, () => auditChainStatus());
