import { createScanTaskInput, listScanTasksQuery } from '@/lib/schemas/scan-task';
import { createScanTask, listScanTasks } from '@/lib/server/hss/scan-tasks';
import { jsonResponse, route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export const GET = route({ role: 'viewer', query: listScanTasksQuery }, ({ query }) => listScanTasks(query));

export const POST = route({ role: 'admin', body: createScanTaskInput }, async ({ body }) => jsonResponse(await createScanTask(body), 201));
