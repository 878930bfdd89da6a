import { scanTaskParams } from '@/lib/schemas/scan-task';
import { getScanTask } from '@/lib/server/hss/scan-tasks';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export const GET = route({ role: 'viewer', params: scanTaskParams }, ({ params }) => getScanTask(params.taskId));
