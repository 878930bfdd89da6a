import { expect, test } from '@playwright/test';
import { startRedis, type TestRedis } from '@/lib/testing/redis';
import { attempt, type Instance, multiUsers, sessionCookie, signInOn, startInstances, withCookie } from './instances';

// Two ScanDeck instances (the same production build, `next start` twice) on one real Redis, as
// behind a load balancer: what one instance learns about sessions and sign-in failures, the other
// knows at once (launcher: e2e/instances.ts).
let redis: TestRedis;
let a: Instance;
let b: Instance;
let stop: (() => Promise<void>) | undefined;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  redis = await startRedis();
  ({ a, b, stop } = await startInstances('multi', { REDIS_URL: redis.url }));
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
