import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { ListScanTasksResponse } from '@/lib/schemas/scan-task';
import { apiRequest, context, getJson, setTestEnv, testSessions } from '@/lib/testing/bff';
import { parseCsv } from '@/lib/testing/csv';
import { hssEnv, startHssSimulatorWithTasks } from '@/lib/testing/hss';

/** CSV export of the HSS task list: every task while the call budget allows, and the file says where it stopped. */
const sim = await startHssSimulatorWithTasks(1_250);
// A budget this file never runs short of; export-budget.test.ts runs one short.
setTestEnv(sim.url, hssEnv(sim, 'aksk', { HSS_CALLS_PER_MINUTE: '1', HSS_CALL_BURST: '100', HSS_CACHE_TTL_MS: '60000' }));
const list = await import('./route');
const exportRoute = await import('./export/route');
const { clearScanTaskCache } = await import('@/lib/server/hss/scan-tasks');
const { viewer } = await testSessions();
afterAll(() => sim.close());
beforeEach(() => {
  clearScanTaskCache();
  sim.hss.resetRequestCounts();
});

async function exportCsv(query: string) {
  const res = await exportRoute.GET(apiRequest(`/api/hss/scan-tasks/export?${query}`, { cookie: viewer }), context());
  return { res, rows: parseCsv(await res.text()) };
}

describe('GET /api/hss/scan-tasks/export', () => {
  it('writes every task matching the filter, newest first as the table lists them, times in UTC', async () => {
    const { body } = await getJson<ListScanTasksResponse>(list.GET, '/api/hss/scan-tasks?scanType=schedule&pageSize=100', viewer);
    expect(body.total).toBeGreaterThan(100);
    expect(body.total).toBeLessThanOrEqual(1_000);
    const { res, rows } = await exportCsv('scanType=schedule&page=3&pageSize=10');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/filename="scandeck-scan-tasks-/);
    const [header, ...tasks] = rows;
    expect(header?.slice(0, 4)).toEqual(['id', 'scanType', 'vulTypes', 'status']);
    expect(tasks).toHaveLength(body.total);
    expect(tasks.slice(0, 100).map((r) => r[0])).toEqual(body.items.map((t) => t.id));
    expect(tasks.every((r) => r[1] === 'schedule')).toBe(true);
    expect(tasks[0]?.[7]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // Pages of 100, each one call: the first page was the table's own answer, shared.
    expect(sim.hss.requestCounts()['scan-tasks']).toBe(Math.ceil(body.total / 100));
  });

  it('stops at 1,000 tasks and says so in the file', async () => {
    const { res, rows } = await exportCsv('');
    expect(res.headers.get('x-export-total')).toBe('1250');
    expect(res.headers.get('x-export-rows')).toBe('1000');
    expect(rows).toHaveLength(1 + 1_000 + 1);
    expect(rows.at(-1)?.[0]).toBe('# ScanDeck exported the first 1000 of 1250 rows (at most 1000 in one file); narrow the filter for the rest.');
    expect(sim.hss.requestCounts()['scan-tasks']).toBe(10);
  });
});
