import { listScanTaskHostsQuery, scanTaskParams } from '@/lib/schemas/scan-task';
import { listScanTaskHosts } from '@/lib/server/hss/scan-tasks';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export const GET = route({ role: 'viewer', params: scanTaskParams, query: listScanTaskHostsQuery }, ({ params, query }) =>
  listScanTaskHosts(params.taskId, query),
);
