import { afterAll, describe, expect, it } from 'vitest';
import type { ListScanTasksResponse } from '@/lib/schemas/scan-task';
import { apiRequest, context, getJson, setTestEnv, testSessions } from '@/lib/testing/bff';
import { parseCsv } from '@/lib/testing/csv';
import { hssEnv, startHssSimulatorWithTasks } from '@/lib/testing/hss';

/** An export never spends the task list's last HSS call: it stops and the file says where. */
const sim = await startHssSimulatorWithTasks(450);
setTestEnv(sim.url, hssEnv(sim, 'aksk', { HSS_CALLS_PER_MINUTE: '1', HSS_CALL_BURST: '3', HSS_CACHE_TTL_MS: '60000' }));
const list = await import('./route');
const exportRoute = await import('./export/route');
const { viewer } = await testSessions();
afterAll(() => sim.close());

describe('GET /api/hss/scan-tasks/export within the HSS budget', () => {
  it('keeps a call of the budget for the live task list and says where it stopped', async () => {
    const res = await exportRoute.GET(apiRequest('/api/hss/scan-tasks/export', { cookie: viewer }), context());
    expect(res.status).toBe(200);
    const rows = parseCsv(await res.text());
    // Burst 3, of which one user may spend 2: the first page, leaving the user's other call for the table.
    expect(rows).toHaveLength(1 + 100 + 1);
    expect(rows.at(-1)?.[0]).toMatch(/^# ScanDeck stopped after 100 of 450 rows: HSS allows only a few calls a minute/);
    expect(sim.hss.requestCounts()['scan-tasks']).toBe(1);
    const table = await getJson<ListScanTasksResponse>(list.GET, '/api/hss/scan-tasks?pageSize=10', viewer);
    expect(table.status).toBe(200);
    expect(sim.hss.requestCounts()['scan-tasks']).toBe(2);
  });

  it('with the budget spent, refuses with 429 and Retry-After rather than an empty file', async () => {
    const res = await exportRoute.GET(apiRequest('/api/hss/scan-tasks/export?scanType=manual', { cookie: viewer }), context());
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
