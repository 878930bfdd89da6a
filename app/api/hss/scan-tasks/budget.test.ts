import { describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '@/lib/schemas/common';
import type { ListScanTasksResponse } from '@/lib/schemas/scan-task';
import { apiRequest, context } from '@/lib/testing/bff';
import { hssTest, hssTestSetup } from '@/lib/testing/hss';

/** The HSS call budget through the real routes and the simulator's per-route request counts. */
const ttlMs = 200;
const { sim, admin, viewer } = await hssTestSetup('aksk', { HSS_CACHE_TTL_MS: String(ttlMs), HSS_CALLS_PER_MINUTE: '6', HSS_CALL_BURST: '3' });
const list = await import('./route');
const hosts = await import('./[taskId]/hosts/route');
const hostList = await import('../hosts/route');
const { clearScanTaskCache } = await import('@/lib/server/hss/scan-tasks');

async function getList(query: string, cookie = viewer) {
  const res = await list.GET(apiRequest(`/api/hss/scan-tasks?${query}`, { cookie }), context());
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as ListScanTasksResponse & ErrorEnvelope };
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('HSS call budget', () => {
  it('a viewer varying startFrom buys no HSS calls beyond their share: the rest get 429 with Retry-After, and another user still gets answers', async () => {
    const answers = [];
    for (let i = 0; i < 12; i += 1) answers.push(await getList(`page=1&pageSize=10&startFrom=${1_700_000_000_000 + i}`));
    // Burst 3: one user's share is 2 of them.
    expect(sim.hss.requestCounts()['scan-tasks']).toBe(2);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(2);
    const refused = answers.filter((a) => a.status !== 200);
    expect(refused).toHaveLength(10);
    for (const r of refused) {
      expect(r.status).toBe(429);
      expect(r.body.error.code).toBe('too_many_requests');
      expect(r.body.error.message).toMatch(/HSS allows only a few calls a minute for the scan task list.*Try again in \d+ s\./);
      // A user's share refills at 4 a minute: their next call is 15 s away.
      expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(r.retryAfter)).toBeLessThanOrEqual(15);
    }
    const other = await getList('page=1&pageSize=10&scanType=manual', admin);
    expect(other.status).toBe(200);
    expect(sim.hss.requestCounts()['scan-tasks']).toBe(3);
    // That was the API's last call for now, for everyone.
    expect((await getList('page=2&pageSize=10&scanType=manual', admin)).status).toBe(429);
  });

  it('over budget, a query answered before is served from the cache with its age', async () => {
    const first = await getList('page=1&pageSize=10');
    expect(first.status).toBe(200);
    await getList('page=2&pageSize=10');
    expect((await getList('page=3&pageSize=10')).status).toBe(429);
    await sleep(ttlMs + 50);
    const again = await getList('page=1&pageSize=10');
    expect(again.status).toBe(200);
    expect(again.body.fetchedAt).toBe(first.body.fetchedAt);
    expect(again.body.ageMs).toBeGreaterThanOrEqual(ttlMs);
    expect(again.body.items).toEqual(first.body.items);
    expect(sim.hss.requestCounts()['scan-tasks']).toBe(2);
  });

  it("the host picker's searches spend the host list's own budget: what is typed cannot buy more calls", async () => {
    const search = (q: string) => hostList.GET(apiRequest(`/api/hss/hosts?q=${q}`, { cookie: viewer }), context());
    const statuses = [];
    for (const q of ['w', 'we', 'web', 'web-', 'web-0']) statuses.push((await search(q)).status);
    expect(statuses).toEqual([200, 200, 429, 429, 429]);
    expect(sim.hss.requestCounts().hosts).toBe(2);
    // The task list's budget is untouched.
    expect((await getList('page=1&pageSize=10')).status).toBe(200);
  });

  it('identical queries share one call per freshness window', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => getList('page=1&pageSize=25')));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(sim.hss.requestCounts()['scan-tasks']).toBe(1);
  });

  it('each API has its own budget: spending the list budget leaves the hosts of a task readable', async () => {
    for (let i = 0; i < 4; i += 1) await getList(`page=${i + 1}&pageSize=10`);
    const taskId = sim.hss.tasks()[0]!.id;
    const res = await hosts.GET(apiRequest(`/api/hss/scan-tasks/${taskId}/hosts?page=1&pageSize=10`, { cookie: viewer }), context({ taskId }));
    expect(res.status).toBe(200);
  });

  it("HSS's own throttling is never a 502: the last answer with its age, or 429", async () => {
    const first = await getList('page=1&pageSize=10');
    await sleep(ttlMs + 50);
    // A new rule object each time: the simulator counts a rule's uses down on the object itself.
    const path = `/v5/${hssTest.projectId}/vulnerability/scan-tasks`;
    const throttled = () => ({
      pathPrefix: path,
      response: { status: 429, headers: { 'Retry-After': '1' }, body: { error_code: 'APIGW.0308', error_msg: 'The request is throttled.' } },
    });
    const callsTo = () => sim.requests.filter((r) => r.path === path).length;
    sim.failNext(throttled());
    const before = callsTo();
    const cached = await getList('page=1&pageSize=10');
    expect(cached.status).toBe(200);
    expect(cached.body.fetchedAt).toBe(first.body.fetchedAt);
    // One call met the throttle and was not retried: a retry would have spent another of HSS's calls.
    expect(callsTo()).toBe(before + 1);
    clearScanTaskCache();
    sim.failNext(throttled());
    const refused = await getList('page=1&pageSize=10');
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe('60');
    expect(callsTo()).toBe(before + 2);
  });

  it('a change spends its own API budget and leaves earlier answers to show when the list budget is spent', async () => {
    const before = await getList('page=1&pageSize=10');
    await getList('page=2&pageSize=10');
    await getList('page=3&pageSize=10');
    const res = await list.POST(
      apiRequest('/api/hss/scan-tasks', { method: 'POST', cookie: admin, body: { scope: 'all', vulTypes: ['linux_vul'] } }),
      context(),
    );
    expect(res.status).toBe(201);
    // Stale after the change, but the list budget is spent: the old page with its age, not an error.
    const after = await getList('page=1&pageSize=10');
    expect(after.status).toBe(200);
    expect(after.body.fetchedAt).toBe(before.body.fetchedAt);
  });
});
