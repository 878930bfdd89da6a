import { describe, expect, it } from 'vitest';
import { apiRequest, context } from '@/lib/testing/bff';
import { hssTestSetup } from '@/lib/testing/hss';

const { sim, admin } = await hssTestSetup('aksk');
const list = await import('@/app/api/hss/scan-tasks/route');
const rescan = await import('@/app/api/hss/scan-tasks/[taskId]/rescan/route');
const { getAuditStore } = await import('./trail');

const newest = async () => (await getAuditStore().list({ page: 1, pageSize: 10, order: 'asc' })).items[0];
const hssRequestId = /^[0-9a-f]{32}$/;

describe('HSS mutations on the audit trail', () => {
  it('records a manual scan with the new task id and the request id HSS gave', async () => {
    const host = sim.hss.hosts().find((h) => h.agent_status === 'online')!;
    const res = await list.POST(
      apiRequest('/api/hss/scan-tasks', { method: 'POST', cookie: admin, body: { vulTypes: ['linux_vul'], scope: 'chosen', agentIds: [host.agent_id!] } }),
      context(),
    );
    expect(res.status).toBe(201);
    const { taskId } = (await res.json()) as { taskId: string };
    const event = await newest();
    expect(event).toMatchObject({ username: 'ada', action: 'POST /api/hss/scan-tasks', target: { taskId }, outcome: 'success', status: 201 });
    expect(event?.requestIds.length).toBeGreaterThan(0);
    for (const id of event!.requestIds) expect(id).toMatch(hssRequestId);
  });

  it('records a rescan under the route shape, with the task as its target', async () => {
    const task = sim.hss.tasks().find((t) => t.status === 'finished' && t.failed_host_num > 0)!;
    const res = await rescan.PUT(
      apiRequest(`/api/hss/scan-tasks/${task.id}/rescan`, { method: 'PUT', cookie: admin, body: { scope: 'failed' } }),
      context({ taskId: task.id }),
    );
    expect(res.status).toBe(204);
    expect(await newest()).toMatchObject({ action: 'PUT /api/hss/scan-tasks/{taskId}/rescan', target: { taskId: task.id }, outcome: 'success', status: 204 });
    expect((await newest())?.requestIds.some((id) => hssRequestId.test(id))).toBe(true);
  });
});
