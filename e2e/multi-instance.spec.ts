import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type PlaywrightWorkerArgs } from '@playwright/test';

import { freePort, startRedis, type TestRedis } from '@/lib/testing/redis';
import { e2eUsers } from './fixtures/users.mjs';
import { upstreamRequests } from './helpers';
// @ts-expect-error: plain JavaScript shared with the demo, no type declarations
import { addUsers, root, startApp, startSimulator } from '../scripts/lib/stack.mjs';

type Playwright = PlaywrightWorkerArgs['playwright'];

// Two ScanDeck instances (the same production build, `next start` twice) on one real Redis and one
// simulator, as behind a load balancer: what one instance learns about sessions, sign-in failures
// and changes, the other knows at once. Each instance has its own data directory; they share the
// secret that signs sessions, as instances of one deployment do.
type Child = { kill(signal?: string): void; once(e: string, f: () => void): void; exitCode: number | null };
type App = { appUrl: string; app: Child };

const dir = join(root, '.data', `e2e-multi-${process.env.E2E_APP_PORT ?? 3100}`);
let redis: TestRedis;
let simulator: { sim: Child; simUrl: string };
let a: App;
let b: App;

async function stopChild(child: Child | undefined) {
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  redis = await startRedis();
  const usersFile = join(dir, 'users.json');
  addUsers(usersFile, [e2eUsers.admin, e2eUsers.viewer, { ...e2eUsers.target, username: 'multi-target' }]);
  const logFile = join(dir, 'servers.log');
  // The request log (control) counts what both instances together asked of Director and HSS.
  simulator = await startSimulator({ simPort: await freePort(), control: true, quiet: true, logFile });
  const one = async (name: string) => {
    const dataDir = join(dir, name);
    mkdirSync(dataDir, { recursive: true });
    if (name === 'b') copyFileSync(join(dir, 'a', 'auth-secret'), join(dataDir, 'auth-secret'));
    return (await startApp({
      appPort: await freePort(),
      dataDir,
      usersFile,
      simulator,
      quiet: true,
      logFile,
      extraEnv: { REDIS_URL: redis.url },
    })) as App;
  };
  a = await one('a');
  b = await one('b');
});

test.afterAll(async () => {
  await Promise.all([a?.app, b?.app, simulator?.sim].map(stopChild));
  await redis?.dispose();
});

const callback = '/api/auth/callback/credentials';
const sessionCookie = (headers: { name: string; value: string }[]) =>
  headers.find((h) => h.name.toLowerCase() === 'set-cookie' && /next-auth\.session-token=[^;]/.test(h.value));

async function attempt(playwright: Playwright, baseURL: string, username: string, password: string) {
  const context = await playwright.request.newContext({ baseURL });
  const { csrfToken } = (await (await context.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const res = await context.post(callback, { form: { username, password, csrfToken, json: 'true' }, maxRedirects: 0 });
  return { context, res };
}

/** Signs in on one instance; answers the session cookie, as a browser would hold it. */
async function signInOn(playwright: Playwright, baseURL: string, user: { username: string; password: string }) {
  const { context, res } = await attempt(playwright, baseURL, user.username, user.password);
  expect(res.status()).toBe(200);
  const cookie = sessionCookie(res.headersArray());
  expect(cookie).toBeDefined();
  return { context, cookie: cookie!.value.split(';')[0]! };
}

const withCookie = (playwright: Playwright, baseURL: string, cookie: string): Promise<APIRequestContext> =>
  playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie } });

test('a session signed out on instance A is refused on instance B', async ({ playwright }) => {
  const { context, cookie } = await signInOn(playwright, a.appUrl, e2eUsers.viewer);
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
  const target = { username: 'multi-target', password: e2eUsers.target.password };
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
  const { context, cookie } = await signInOn(playwright, a.appUrl, e2eUsers.admin);
  const onB = await withCookie(playwright, b.appUrl, cookie);
  const listed = async () => {
    const res = await onB.get('/api/director/scans?pageSize=100');
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { items: { id: string }[]; total: number };
    return { ids: body.items.map((s) => s.id), total: body.total };
  };
  const scanListCalls = async () => (await upstreamRequests(simulator.simUrl)).filter((r) => r.method === 'GET' && r.path === '/rest/mgmt/scan').length;
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
  const { context, cookie } = await signInOn(playwright, a.appUrl, e2eUsers.viewer);
  const onB = await withCookie(playwright, b.appUrl, cookie);
  await redis.stop();
  try {
    const down = await onB.get('/api/director/scans');
    expect(down.status()).toBe(503);
    expect(((await down.json()) as { error: { code: string } }).error.code).toBe('store_unavailable');
    const signIn = await attempt(playwright, a.appUrl, e2eUsers.viewer.username, e2eUsers.viewer.password);
    expect(signIn.res.status()).toBe(503);
    expect(sessionCookie(signIn.res.headersArray())).toBeUndefined();
    await signIn.context.dispose();
  } finally {
    await redis.start();
  }
  await expect.poll(async () => (await onB.get('/api/director/scans')).status(), { timeout: 15_000 }).toBe(200);
  await Promise.all([context.dispose(), onB.dispose()]);
});
