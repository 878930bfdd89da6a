import { rescanInput, scanTaskParams } from '@/lib/schemas/scan-task';
import { rescanScanTask } from '@/lib/server/hss/scan-tasks';
import { noContent, route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export const PUT = route({ role: 'admin', params: scanTaskParams, body: rescanInput }, async ({ params, body }) => {
  await rescanScanTask(params.taskId, body);
  return noContent();
});
