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

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  redis = await startRedis();
  ({ a, b, simUrl, stop } = await startInstances('multi', { REDIS_URL: redis.url }));
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
