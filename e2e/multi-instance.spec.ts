import { expect, test } from '@playwright/test';
import { startRedis, type TestRedis } from '@/lib/testing/redis';
import { upstreamRequests } from './helpers';
import { attempt, type Instance, multiUsers, sessionCookie, signInOn, startInstances, withCookie } from './instances';

// Two ScanDeck instances (the same production build, `next start` twice) on one real Redis and one
// simulator, as behind a load balancer: what one instance learns about sessions, sign-in failures
// and changes, the other knows at once (launcher: e2e/instances.ts).
let redis: TestRedis;
let a: Instance;
let b: Instance;
let simUrl: string;
let stop: (() => Promise<void>) | undefined;
const metricsToken = `multi-metrics-${'m'.repeat(32)}`;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  redis = await startRedis();
  // HSS's budget at 1 call a minute (burst 2): nothing refills while the budget tests run, however slow the machine.
  ({ a, b, simUrl, stop } = await startInstances('multi', {
    REDIS_URL: redis.url,
    HSS_CALLS_PER_MINUTE: '1',
    HSS_CALL_BURST: '2',
    METRICS_TOKEN: metricsToken,
  }));
});

test.afterAll(async () => {
  await stop?.();
  await redis?.dispose();
});

test('a session signed out on instance A is refused on instance B', async ({ playwright }) => {
  const { context, cookie } = await signInOn(playwright, a.appUrl, multiUsers.viewer);
  const onB = await withCookie(playwright, b.appUrl, cookie);
  expect((await onB.get('/api/director/scans')).status()).toBe(200);
  const { csrfToken } = (await (await context.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const out = await context.post('/api/auth/signout', { form: { csrfToken, callbackUrl: '/login', json: 'true' }, maxRedirects: 0 });
  expect(out.status()).toBeLessThan(400);
  const after = await onB.get('/api/director/scans');
  expect(after.status()).toBe(401);
  await Promise.all([context.dispose(), onB.dispose()]);
});

test('the sign-in throttle counts failures on A and B together', async ({ playwright }) => {
  const { target } = multiUsers;
  // Five failures from this address, spread over both instances: the limit for one username from one address.
  for (const [i, base] of [a.appUrl, b.appUrl, a.appUrl, b.appUrl, a.appUrl].entries()) {
    const { context, res } = await attempt(playwright, base, target.username, `wrong-${i}`);
    expect(res.status(), `failure ${i + 1}`).toBe(401);
    await context.dispose();
  }
  // Each instance alone has seen at most three; together they have seen five, so B refuses the right password.
  const { context, res } = await attempt(playwright, b.appUrl, target.username, target.password);
  expect(res.status()).toBe(429);
  expect(Number(res.headers()['retry-after'])).toBeGreaterThan(0);
  expect(sessionCookie(res.headersArray())).toBeUndefined();
  await context.dispose();
});

test("a scan deleted through instance A is gone from instance B's list at once, not after B's cache expires", async ({ playwright }) => {
  const { context, cookie } = await signInOn(playwright, a.appUrl, multiUsers.admin);
  const onB = await withCookie(playwright, b.appUrl, cookie);
  const listed = async () => {
    const res = await onB.get('/api/director/scans?pageSize=100');
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { items: { id: string }[]; total: number };
    return { ids: body.items.map((s) => s.id), total: body.total };
  };
  const scanListCalls = async () => (await upstreamRequests(simUrl)).filter((r) => r.method === 'GET' && r.path === '/rest/mgmt/scan').length;
  // B holds the list now; without a word from A it would serve it for its TTL, and stale for minutes after.
  const before = await listed();
  const victim = before.ids[0]!;
  const deleted = await context.delete(`/api/director/scans/${victim}`, { headers: { 'x-csrf': '1', origin: a.appUrl } });
  expect(deleted.status()).toBe(204);
  const callsBefore = await scanListCalls();
  const after = await listed();
  expect(after.ids).not.toContain(victim);
  expect(after.total).toBe(before.total - 1);
  // B asked Director again on this very read: its copy was dropped, not served stale.
  expect(await scanListCalls()).toBe(callsBefore + 1);
  await Promise.all([context.dispose(), onB.dispose()]);
});

/** HSS task-list calls the two instances made together, as the simulator saw them. */
const hssListCalls = async () => (await upstreamRequests(simUrl)).filter((r) => r.method === 'GET' && r.path.endsWith('/vulnerability/scan-tasks')).length;
type TaskList = { items: { id: string }[]; fetchedAt: number; ageMs: number };

test('50 viewers spread over A and B cause one HSS call', async ({ playwright }) => {
  const { context, cookie } = await signInOn(playwright, a.appUrl, multiUsers.viewer);
  const [onA, onB] = await Promise.all([withCookie(playwright, a.appUrl, cookie), withCookie(playwright, b.appUrl, cookie)]);
  const before = await hssListCalls();
  const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? onA : onB).get('/api/hss/scan-tasks?page=1&pageSize=10')));
  expect(answers.map((res) => res.status())).toEqual(Array(50).fill(200));
  const bodies = (await Promise.all(answers.map((res) => res.json()))) as TaskList[];
  // One answer, asked once by whichever instance took the query's lock, served by both.
  expect(new Set(bodies.map((body) => body.fetchedAt)).size).toBe(1);
  expect(bodies[0]!.items.length).toBe(10);
  expect(await hssListCalls()).toBe(before + 1);
  await Promise.all([context.dispose(), onA.dispose(), onB.dispose()]);
});

test('A and B spend one HSS budget: over it a viewer gets the answer already fetched, or 429 with Retry-After, never a 502', async ({ playwright }) => {
  const viewer = await signInOn(playwright, a.appUrl, multiUsers.viewer);
  const admin = await signInOn(playwright, b.appUrl, multiUsers.admin);
  const viewerOn = { a: await withCookie(playwright, a.appUrl, viewer.cookie), b: await withCookie(playwright, b.appUrl, viewer.cookie) };
  const adminOn = { a: await withCookie(playwright, a.appUrl, admin.cookie), b: await withCookie(playwright, b.appUrl, admin.cookie) };
  const before = await hssListCalls();
  // The viewer's share of the burst (one of two calls) went on the 50 viewers' call: a new query is refused on either instance.
  for (const [i, [instance, client]] of Object.entries(viewerOn).entries()) {
    const refused = await client.get(`/api/hss/scan-tasks?page=1&pageSize=10&startFrom=${1_700_000_000_000 + i}`);
    expect(refused.status(), instance).toBe(429);
    expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(0);
    const { error } = (await refused.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('too_many_requests');
    expect(error.message).toMatch(/HSS allows only a few calls a minute for the scan task list/);
  }
  // The query answered before is still served (with its age once stale), on either instance.
  const cached = await viewerOn.b.get('/api/hss/scan-tasks?page=1&pageSize=10');
  expect(cached.status()).toBe(200);
  expect(((await cached.json()) as TaskList).items.length).toBe(10);
  // Another user still gets the API's last call, through B; after it the budget is spent for A too.
  expect((await adminOn.b.get('/api/hss/scan-tasks?page=2&pageSize=10')).status()).toBe(200);
  const spent = await adminOn.a.get('/api/hss/scan-tasks?page=3&pageSize=10');
  expect(spent.status()).toBe(429);
  expect(Number(spent.headers()['retry-after'])).toBeGreaterThan(0);
  expect(await hssListCalls()).toBe(before + 1);
  // Each instance says where its budget is kept.
  for (const base of [a.appUrl, b.appUrl]) {
    const metrics = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
    const text = await metrics.text();
    expect(text).toContain('scandeck_hss_budget_mode{mode="shared"} 1');
    expect(text).toContain('scandeck_hss_budget_remaining{api="ListVulScanTask"} 0');
    const ready = (await (await fetch(`${base}/api/health/ready`)).json()) as { detail: { hssBudget: string } };
    expect(ready.detail.hssBudget).toBe('shared');
  }
  await Promise.all([viewer.context, admin.context, ...Object.values(viewerOn), ...Object.values(adminOn)].map((c) => c.dispose()));
});

test('with Redis down, signed-in requests answer 503 (never a guess), and recover when Redis is back', async ({ playwright }) => {
  const { context, cookie } = await signInOn(playwright, a.appUrl, multiUsers.viewer);
  const onB = await withCookie(playwright, b.appUrl, cookie);
  await redis.stop();
  try {
    const down = await onB.get('/api/director/scans');
    expect(down.status()).toBe(503);
    expect(((await down.json()) as { error: { code: string } }).error.code).toBe('store_unavailable');
    const signIn = await attempt(playwright, a.appUrl, multiUsers.viewer.username, multiUsers.viewer.password);
    expect(signIn.res.status()).toBe(503);
    expect(sessionCookie(signIn.res.headersArray())).toBeUndefined();
    await signIn.context.dispose();
  } finally {
    await redis.start();
  }
  await expect.poll(async () => (await onB.get('/api/director/scans')).status(), { timeout: 15_000 }).toBe(200);
  await Promise.all([context.dispose(), onB.dispose()]);
});
