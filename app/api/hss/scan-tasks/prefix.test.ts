import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '@/lib/schemas/common';
import type { ListScanTasksResponse } from '@/lib/schemas/scan-task';
import { getJson, setTestEnv, testSessions } from '@/lib/testing/bff';
import { hssEnv, startHssSimulator } from '@/lib/testing/hss';

/** The task-id filter takes the 8 characters the table shows, through the real route and the simulator. */
const sim = await startHssSimulator({ tasks: 700 });
setTestEnv(sim.url, hssEnv(sim, 'aksk', { HSS_CALLS_PER_MINUTE: '600', HSS_CALL_BURST: '60' }));
const list = await import('./route');
const { clearScanTaskCache, taskPrefixScan } = await import('@/lib/server/hss/scan-tasks');

const { viewer } = await testSessions();
beforeEach(() => {
  clearScanTaskCache();
  sim.hss.resetRequestCounts();
});
afterAll(() => sim.close());

const getList = (query: string) => getJson<ListScanTasksResponse & ErrorEnvelope>(list.GET, `/api/hss/scan-tasks?${query}`, viewer);
const searchable = taskPrefixScan.pageSize * taskPrefixScan.maxPages;

describe('task-id prefix filter', () => {
  it('finds a task by the 8 characters the table shows, in either case', async () => {
    const target = sim.hss.tasks()[42]!;
    const shown = target.id.slice(0, 8);
    for (const typed of [shown, shown.toUpperCase()]) {
      const res = await getList(`taskId=${typed}`);
      expect(res.status).toBe(200);
      expect(res.body.items.map((t) => t.id)).toContain(target.id);
      expect(res.body.items.every((t) => t.id.startsWith(shown))).toBe(true);
      expect(res.body.total).toBe(
        sim.hss
          .tasks()
          .slice(0, searchable)
          .filter((t) => t.id.startsWith(shown)).length,
      );
    }
  });

  it('pages the matches and keeps the other filters', async () => {
    const tasks = sim.hss.tasks().slice(0, searchable);
    // One hex digit matches about a sixteenth of the tasks: enough for several pages.
    const prefix = tasks[0]!.id.slice(0, 1);
    const manual = tasks.filter((t) => t.id.startsWith(prefix) && t.scan_type === 'manual');
    const page2 = await getList(`taskId=${prefix}&scanType=manual&page=2&pageSize=10`);
    expect(page2.status).toBe(200);
    expect(page2.body.items.map((t) => t.id)).toEqual(manual.slice(10, 20).map((t) => t.id));
  });

  it('reads at most a bounded number of HSS pages, says how many tasks it searched, and reuses them', async () => {
    const beyond = sim.hss.tasks()[searchable + 50]!;
    const res = await getList(`taskId=${beyond.id.slice(0, 12)}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((t) => t.id)).not.toContain(beyond.id);
    expect(res.body.searchedTasks).toBe(searchable);
    expect(sim.hss.requestCounts()['scan-tasks']).toBe(taskPrefixScan.maxPages);
    // Another prefix reads the same cached pages: typing does not buy HSS calls.
    await getList('taskId=ab');
    expect(sim.hss.requestCounts()['scan-tasks']).toBe(taskPrefixScan.maxPages);
  });

  it('sends a whole task id to HSS as its own filter, which finds tasks past the prefix limit', async () => {
    const beyond = sim.hss.tasks()[searchable + 50]!;
    const res = await getList(`taskId=${beyond.id}`);
    expect(res.body.items.map((t) => t.id)).toEqual([beyond.id]);
    expect(res.body.searchedTasks).toBeUndefined();
    expect(sim.hss.requestCounts()['scan-tasks']).toBe(1);
  });
});
