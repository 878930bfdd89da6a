import { describe, expect, it } from 'vitest';
import { listScanTasksQuery } from '@/lib/schemas/scan-task';
import { hssTestSetup } from '@/lib/testing/hss';

/** The scan task page's first rows against the HSS answers' freshness window, on the simulator. */
const ttlMs = 300;
const { sim } = await hssTestSetup('aksk', { HSS_CACHE_TTL_MS: String(ttlMs), HSS_CALLS_PER_MINUTE: '60', HSS_CALL_BURST: '10' });
const { listScanTasks } = await import('@/lib/server/hss/scan-tasks');
const { markStale } = await import('@/lib/server/hss/answers');

const query = listScanTasksQuery.parse({ page: '1', pageSize: '10' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const calls = () => sim.hss.requestCounts()['scan-tasks'] ?? 0;
async function until(check: () => boolean) {
  for (let i = 0; i < 100 && !check(); i += 1) await sleep(20);
  expect(check()).toBe(true);
}

describe('a page drawn on the server (staleFirst)', () => {
  it('shows an answer past its freshness window at once, with its age, and asks HSS behind it for the table', async () => {
    const first = await listScanTasks(query);
    expect(calls()).toBe(1);
    await sleep(ttlMs + 50);
    const page = await listScanTasks(query, { staleFirst: true });
    expect(page.fetchedAt).toBe(first.fetchedAt);
    expect(page.ageMs).toBeGreaterThanOrEqual(ttlMs);
    expect(page.items).toEqual(first.items);
    // The call behind it is under way: the table's request, as it mounts, gets its answer.
    await until(() => calls() === 2);
    const table = await listScanTasks(query);
    expect(table.fetchedAt).toBeGreaterThan(first.fetchedAt);
    expect(calls()).toBe(2);
  });

  it('an API request past the window still waits for HSS: only the page draws the stale answer', async () => {
    const first = await listScanTasks(query);
    await sleep(ttlMs + 50);
    const again = await listScanTasks(query);
    expect(again.fetchedAt).toBeGreaterThan(first.fetchedAt);
    expect(calls()).toBe(2);
  });

  it('after a change, the page waits for HSS: an answer the change made stale is not drawn', async () => {
    const first = await listScanTasks(query);
    await markStale();
    const page = await listScanTasks(query, { staleFirst: true });
    expect(page.fetchedAt).toBeGreaterThan(first.fetchedAt);
    expect(calls()).toBe(2);
  });

  it('a fresh answer is served as is, with no call behind it', async () => {
    const first = await listScanTasks(query);
    const page = await listScanTasks(query, { staleFirst: true });
    expect(page.fetchedAt).toBe(first.fetchedAt);
    await sleep(50);
    expect(calls()).toBe(1);
  });
});
