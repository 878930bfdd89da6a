import { expect, test, type APIRequestContext } from '@playwright/test';
import { startPostgres, type TestPostgres } from '@/lib/testing/postgres';
import { startRedis, type TestRedis } from '@/lib/testing/redis';
import { attempt, type Instance, multiUsers, sessionCookie, signInOn, startInstances, withCookie } from './instances';

// Two ScanDeck instances (`next start` twice, e2e/instances.ts) on one real Redis and one real
// PostgreSQL (DATABASE_URL): changes on both land in one audit trail whose hash chain verifies,
// and with PostgreSQL stopped changes are refused while reads go on.
let redis: TestRedis;
let postgres: TestPostgres;
let a: Instance;
let b: Instance;
let stop: (() => Promise<void>) | undefined;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  ({ a, b, stop } = await startInstances('multi-pg', { REDIS_URL: redis.url, DATABASE_URL: postgres.url }));
});

test.afterAll(async () => {
  await stop?.();
  await Promise.all([redis?.dispose(), postgres?.dispose()]);
});

const deleteAction = 'DELETE /api/director/scans/{id}';

async function scanIds(api: APIRequestContext): Promise<string[]> {
  const res = await api.get('/api/director/scans');
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: { id: number | string }[] }).items.map((s) => String(s.id));
}

async function adminOn(playwright: Parameters<typeof signInOn>[0], instance: Instance) {
  const { context, cookie } = await signInOn(playwright, instance.appUrl, multiUsers.admin);
  await context.dispose();
  return withCookie(playwright, instance.appUrl, cookie);
}

test('changes through A and B at once land in one audit trail, and its chain verifies', async ({ playwright }) => {
  const [onA, onB] = [await adminOn(playwright, a), await adminOn(playwright, b)];
  // Both call one simulator: three different scans deleted through each, all at once.
  const ids = await scanIds(onA);
  const [idsA, idsB] = [ids.slice(0, 3), ids.slice(3, 6)];
  const answers = await Promise.all([
    ...idsA.map((id) => onA.delete(`/api/director/scans/${id}`)),
    ...idsB.map((id) => onB.delete(`/api/director/scans/${id}`)),
  ]);
  expect(answers.map((r) => r.status())).toEqual([204, 204, 204, 204, 204, 204]);

  // B lists what A wrote, and the reverse.
  for (const api of [onA, onB]) {
    const trail = (await (await api.get(`/api/audit?action=${encodeURIComponent(deleteAction)}`)).json()) as {
      total: number;
      items: { outcome: string }[];
    };
    expect(trail.total).toBe(6);
    expect(trail.items.every((e) => e.outcome === 'success')).toBe(true);
  }
  const chain = (await (await onA.get('/api/audit/chain')).json()) as { isIntact: boolean; checked: number; firstBroken: unknown };
  // Two sign-ins and six deletes (and any retention record) from both instances, in one chain.
  expect(chain).toMatchObject({ isIntact: true, firstBroken: null });
  expect(chain.checked).toBeGreaterThanOrEqual(8);
  await Promise.all([onA.dispose(), onB.dispose()]);
});

test('with PostgreSQL down a change answers 503 store_unavailable and lists still answer 200; it recovers when PostgreSQL is back', async ({ playwright }) => {
  const [onA, onB] = [await adminOn(playwright, a), await adminOn(playwright, b)];
  const [id] = await scanIds(onA);
  await postgres.stop();
  try {
    const refused = await onA.delete(`/api/director/scans/${id}`);
    expect(refused.status()).toBe(503);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('store_unavailable');
    // Reads go on, on both instances, and the refused change was not made.
    expect((await onB.get('/api/director/scans')).status()).toBe(200);
    expect((await onA.get(`/api/director/scans/${id}`)).status()).toBe(200);
    const signIn = await attempt(playwright, b.appUrl, multiUsers.viewer.username, multiUsers.viewer.password);
    expect(signIn.res.status()).toBe(503);
    expect(sessionCookie(signIn.res.headersArray())).toBeUndefined();
    await signIn.context.dispose();
  } finally {
    await postgres.start();
  }
  // No restart: once PostgreSQL answers, the same change goes through.
  await expect.poll(async () => (await onA.get('/api/audit')).status(), { timeout: 20_000 }).toBe(200);
  expect((await onA.delete(`/api/director/scans/${id}`)).status()).toBe(204);
  await Promise.all([onA.dispose(), onB.dispose()]);
});
