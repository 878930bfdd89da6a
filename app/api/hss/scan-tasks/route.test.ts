import { describe, expect, it, vi } from 'vitest';
import type { ErrorEnvelope } from '@/lib/schemas/common';
import type { CreateScanTaskResponse, ListScanTaskHostsResponse, ListScanTasksResponse, ScanTaskResponse } from '@/lib/schemas/scan-task';
import { apiRequest, context, getJson } from '@/lib/testing/bff';
import { hssTestSetup } from '@/lib/testing/hss';

// AK/SK mode: every call below passes the simulator's signature check, or it would answer 401.
const ttlMs = 400;
const { sim, admin, viewer } = await hssTestSetup('aksk', { HSS_CACHE_TTL_MS: String(ttlMs) });
const list = await import('./route');
const detail = await import('./[taskId]/route');
const hosts = await import('./[taskId]/hosts/route');
const rescan = await import('./[taskId]/rescan/route');
const { clearScanTaskCache } = await import('@/lib/server/hss/scan-tasks');

const getList = (query: string, cookie = viewer) => getJson<ListScanTasksResponse & ErrorEnvelope>(list.GET, `/api/hss/scan-tasks?${query}`, cookie);

describe('GET /api/hss/scan-tasks', () => {
  it('pages onto offset/limit and answers camelCase rows with their age', async () => {
    const all = sim.hss.tasks();
    const page2 = await getList('page=2&pageSize=10');
    expect(page2.status).toBe(200);
    expect(page2.body.total).toBe(all.length);
    expect(page2.body.items.map((t) => t.id)).toEqual(all.slice(10, 20).map((t) => t.id));
    const first = page2.body.items[0]!;
    const vendor = all[10]!;
    expect(first).toEqual({
      id: vendor.id,
      scanType: vendor.scan_type,
      vulTypes: vendor.scan_vul_types,
      status: vendor.status,
      startTime: vendor.start_time,
      ...(vendor.end_time ? { endTime: vendor.end_time } : {}),
      ...(vendor.estimated_time ? { estimatedTime: vendor.estimated_time } : {}),
      scanningHosts: vendor.scanning_host_num,
      successHosts: vendor.success_host_num,
      failedHosts: vendor.failed_host_num,
    });
    expect(page2.body.fetchedAt).toBeLessThanOrEqual(Date.now());
    expect(page2.body.ageMs).toBeGreaterThanOrEqual(0);
  });

  it('filters by scan type, task id and start-time range on HSS', async () => {
    const manual = await getList('pageSize=100&scanType=manual');
    expect(manual.body.total).toBe(sim.hss.tasks().filter((t) => t.scan_type === 'manual').length);
    expect(manual.body.items.every((t) => t.scanType === 'manual')).toBe(true);
    const target = sim.hss.tasks()[5]!;
    const byId = await getList(`taskId=${target.id}`);
    expect(byId.body.items.map((t) => t.id)).toEqual([target.id]);
    const from = sim.hss.tasks()[20]!.start_time;
    const to = sim.hss.tasks()[10]!.start_time;
    const ranged = await getList(`pageSize=100&startFrom=${from}&startTo=${to}`);
    expect(ranged.body.total).toBe(sim.hss.tasks().filter((t) => t.start_time >= from && t.start_time <= to).length);
    expect(ranged.body.items.every((t) => t.startTime! >= from && t.startTime! <= to)).toBe(true);
  });

  it('refuses bad filters with field details before HSS is asked', async () => {
    const res = await getList('pageSize=7&scanType=nightly&taskId=../x&startFrom=5&startTo=1');
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.details ?? {}).sort()).toEqual(['pageSize', 'scanType', 'taskId']);
    const range = await getList('startFrom=5&startTo=1');
    expect(Object.keys(range.body.error.details ?? {})).toEqual(['startTo']);
    expect(sim.hss.requestCounts()['scan-tasks']).toBe(0);
  });

  it("pages up to HSS's offset cap; a page past it is a 400, not a 502, and HSS is not asked", async () => {
    // Offset 2,000,000 is the last HSS takes: an empty page past the end, but a page.
    const last = await getList('page=20001&pageSize=100');
    expect(last.status).toBe(200);
    expect(last.body.items).toEqual([]);
    const calls = sim.hss.requestCounts()['scan-tasks'];
    const past = await getList('page=20002&pageSize=100');
    expect(past.status).toBe(400);
    expect(past.body.error.details?.page?.[0]).toMatch(/HSS's limit of 2,000,000 rows/);
    expect(sim.hss.requestCounts()['scan-tasks']).toBe(calls);
    const hostsPast = await hosts.GET(apiRequest('/api/hss/scan-tasks/t-1/hosts?page=80002&pageSize=25', { cookie: viewer }), context({ taskId: 't-1' }));
    expect(hostsPast.status).toBe(400);
  });

  it('serves 50 concurrent viewers with at most one HSS call per freshness window', async () => {
    // The clock stands still until the test moves it, so a slow machine cannot end the window early.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    try {
      const burst = () => Promise.all(Array.from({ length: 50 }, () => getList('page=1&pageSize=25')));
      const first = await burst();
      expect(first.every((r) => r.status === 200)).toBe(true);
      expect(new Set(first.map((r) => r.body.fetchedAt)).size).toBe(1);
      expect(sim.hss.requestCounts()['scan-tasks']).toBe(1);
      await burst();
      expect(sim.hss.requestCounts()['scan-tasks']).toBe(1);
      vi.setSystemTime(Date.now() + ttlMs + 1);
      const later = await burst();
      expect(later.every((r) => r.status === 200)).toBe(true);
      expect(sim.hss.requestCounts()['scan-tasks']).toBe(2);
      expect(later[0]!.body.fetchedAt).toBeGreaterThan(first[0]!.body.fetchedAt);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps the vendor code, message and request id of a refusal, and never retries a signature failure', async () => {
    const refusal = { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: verify aksk signature fail' };
    sim.failNext({ pathPrefix: '/v5/', times: 2, response: { status: 401, headers: { 'X-Request-Id': 'req-sig-1' }, body: refusal } });
    const res = await getList('page=1');
    expect(res.status).toBe(502);
    expect(res.body.error.upstream).toEqual({ vendor: 'hss', status: 401, code: 'APIGW.0301', message: refusal.error_msg, requestId: 'req-sig-1' });
    // The second use of the rule is still there: the first call was not retried.
    clearScanTaskCache();
    expect((await getList('page=1')).status).toBe(502);
    clearScanTaskCache();
    expect((await getList('page=1')).status).toBe(200);
  });

  it('reports an API Gateway failure as 502 with the vendor code', async () => {
    // three times: the upstream layer retries a GET twice on 503 before giving the answer back
    sim.failNext({ pathPrefix: '/v5/', times: 3, response: { status: 503, body: { error_code: 'APIGW.0201', error_msg: 'Backend unavailable' } } });
    const res = await getList('page=3');
    expect(res.status).toBe(502);
    expect(res.body.error.upstream?.code).toBe('APIGW.0201');
  });

  it('answers 401 without a session', async () => {
    const res = await list.GET(apiRequest('/api/hss/scan-tasks'), context());
    expect(res.status).toBe(401);
  });
});

describe('GET /api/hss/scan-tasks/{taskId} and /hosts', () => {
  it('answers one task and its hosts with failure reasons', async () => {
    const vendor = sim.hss.tasks().find((t) => t.failed_host_num > 0)!;
    const res = await detail.GET(apiRequest(`/api/hss/scan-tasks/${vendor.id}`, { cookie: viewer }), context({ taskId: vendor.id }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as ScanTaskResponse;
    expect(body.task.id).toBe(vendor.id);
    expect(body.task.failedHosts).toBe(vendor.failed_host_num);

    const failed = await hosts.GET(
      apiRequest(`/api/hss/scan-tasks/${vendor.id}/hosts?scanStatus=failed&pageSize=50`, { cookie: viewer }),
      context({ taskId: vendor.id }),
    );
    const page = (await failed.json()) as ListScanTaskHostsResponse;
    expect(page.total).toBe(vendor.failed_host_num);
    expect(page.items.every((h) => h.scanStatus === 'failed' && h.vulScans.some((v) => v.status === 'failed' && v.reason))).toBe(true);
    expect(page.items[0]).toHaveProperty('hostName');
    expect(page.items[0]).not.toHaveProperty('host_name');
  });

  it('answers 404 for an unknown task and refuses an id that could be a path', async () => {
    const missing = await detail.GET(apiRequest('/api/hss/scan-tasks/abc', { cookie: viewer }), context({ taskId: 'abc' }));
    expect(missing.status).toBe(404);
    const missingHosts = await hosts.GET(apiRequest('/api/hss/scan-tasks/abc/hosts', { cookie: viewer }), context({ taskId: 'abc' }));
    expect(missingHosts.status).toBe(404);
    expect(((await missingHosts.json()) as ErrorEnvelope).error.upstream).toMatchObject({ vendor: 'hss', code: 'HSS.0011' });
    const bad = await detail.GET(apiRequest('/api/hss/scan-tasks/x', { cookie: viewer }), context({ taskId: '../../x' }));
    expect(bad.status).toBe(400);
  });
});

describe('POST /api/hss/scan-tasks and PUT /rescan', () => {
  const create = (body: unknown, cookie = admin, headers?: Record<string, string>) =>
    list.POST(apiRequest('/api/hss/scan-tasks', { method: 'POST', cookie, body, headers }), context());

  it('refuses viewers and missing CSRF before HSS is asked', async () => {
    expect((await create({ vulTypes: ['linux_vul'], scope: 'all' }, viewer)).status).toBe(403);
    expect((await create({ vulTypes: ['linux_vul'], scope: 'all' }, admin, { 'x-csrf': '' })).status).toBe(403);
    const task = sim.hss.tasks()[0]!;
    const put = await rescan.PUT(
      apiRequest(`/api/hss/scan-tasks/${task.id}/rescan`, { method: 'PUT', cookie: viewer, body: {} }),
      context({ taskId: task.id }),
    );
    expect(put.status).toBe(403);
    expect(sim.hss.requestCounts()).toMatchObject({ 'create-scan-task': 0, rescan: 0 });
  });

  it('refuses an empty type list or chosen scope without hosts with field errors', async () => {
    const res = await create({ vulTypes: [], scope: 'chosen', agentIds: [] });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as ErrorEnvelope;
    expect(Object.keys(error.details ?? {}).sort()).toEqual(['agentIds', 'vulTypes']);
  });

  it('starts a manual scan that a cached list shows at once', async () => {
    await getList('page=1');
    const host = sim.hss.hosts().find((h) => h.agent_status === 'online')!;
    // Manual scans name agents: a host id is refused by HSS with its own words.
    const wrong = await create({ vulTypes: ['linux_vul'], scope: 'chosen', agentIds: [host.host_id] });
    expect(wrong.status).toBe(422);
    expect(((await wrong.json()) as ErrorEnvelope).error.upstream).toMatchObject({ vendor: 'hss', code: 'HSS.0001' });
    const res = await create({ vulTypes: ['linux_vul', 'web_cms'], scope: 'chosen', agentIds: [host.agent_id!] });
    expect(res.status).toBe(201);
    const { taskId } = (await res.json()) as CreateScanTaskResponse;
    expect(taskId).toBeTruthy();
    const after = await getList('page=1');
    expect(after.body.items[0]).toMatchObject({ id: taskId, scanType: 'manual', status: 'running', vulTypes: ['linux_vul', 'web_cms'], scanningHosts: 1 });
    expect(sim.hss.requestCounts()['scan-tasks']).toBe(2);
  });

  it('rescans the failed hosts of a task', async () => {
    const task = sim.hss.tasks().find((t) => t.status === 'finished' && t.failed_host_num > 0)!;
    const res = await rescan.PUT(
      apiRequest(`/api/hss/scan-tasks/${task.id}/rescan`, { method: 'PUT', cookie: admin, body: { scope: 'failed' } }),
      context({ taskId: task.id }),
    );
    expect(res.status).toBe(204);
    expect(sim.hss.task(task.id)).toMatchObject({ status: 'running', failed_host_num: 0, scanning_host_num: task.failed_host_num });
  });

  it('rescans chosen hosts of a task (range_type specific_host)', async () => {
    const task = sim.hss.tasks().find((t) => t.status === 'finished' && t.success_host_num > 3)!;
    const chosen = sim.hss
      .taskHosts(task.id)!
      .filter((h) => h.scan_status === 'success')
      .slice(0, 2)
      .map((h) => h.host_id);
    const res = await rescan.PUT(
      apiRequest(`/api/hss/scan-tasks/${task.id}/rescan`, { method: 'PUT', cookie: admin, body: { scope: 'chosen', hostIds: chosen } }),
      context({ taskId: task.id }),
    );
    expect(res.status).toBe(204);
    const hosts = sim.hss.taskHosts(task.id)!;
    expect(
      hosts
        .filter((h) => h.scan_status === 'scanning')
        .map((h) => h.host_id)
        .sort(),
    ).toEqual([...chosen].sort());
  });
});
