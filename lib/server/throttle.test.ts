import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTestEnv } from '@/lib/testing/bff';
import { startRedis, type TestRedis } from '@/lib/testing/redis';

setTestEnv('http://127.0.0.1:9');
const { SignInThrottle } = await import('./throttle');
const { openSqliteStateStore } = await import('./store/sqlite-state-store');
const { openRedisStateStore } = await import('./store/redis-state-store');
type StateStore = import('./store/state-store').StateStore;

const limits = { maxFailuresPerUser: 5, maxFailuresPerAddress: 8, windowS: 900, slowAfter: 3 };

// The same behaviour from both stores: the embedded SQLite file and a real Redis (each test in a
// namespace of its own); `where` names the same store again, as after a restart.
let redis: TestRedis;
const opened: StateStore[] = [];
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
  await redis?.dispose();
});
let namespaces = 0;
const stores = {
  sqlite: {
    fresh: () => join(mkdtempSync(join(tmpdir(), 'scandeck-state-')), 'state.sqlite'),
    open: (where: string) => openSqliteStateStore(where),
  },
  redis: {
    fresh: () => `throttle-test-${++namespaces}:`,
    open: (where: string) => openRedisStateStore(redis.url, where),
  },
};

const at = 1_000_000_000;

describe.each(['sqlite', 'redis'] as const)('SignInThrottle over %s', (kind) => {
  function freshThrottle(over: Partial<typeof limits> = {}, file = stores[kind].fresh()) {
    const store = stores[kind].open(file);
    opened.push(store);
    return { throttle: new SignInThrottle({ ...limits, ...over }, () => store), store, file };
  }

  it('refuses one username from one address after 5 failures, with the time until the window frees a slot', async () => {
    const { throttle } = freshThrottle({ slowAfter: 50 });
    for (let i = 0; i < 5; i++) expect((await throttle.begin('ada', '192.0.2.1', at + i * 1000)).verdict).toEqual({ refused: false, delayMs: 0 });
    expect((await throttle.begin('ada', '192.0.2.1', at + 5000)).verdict).toEqual({ refused: true, retryAfterS: 895 });
    expect(await throttle.refusal(' ADA ', '192.0.2.1', at + 5000)).toBe(895);
    // Once the oldest failure leaves the window, one more attempt is allowed.
    expect((await throttle.begin('ada', '192.0.2.1', at + 900_001)).verdict.refused).toBe(false);
  });

  it("never lets another address's failures lock the owner out: from elsewhere the owner is only slowed", async () => {
    const { throttle } = freshThrottle();
    for (let i = 0; i < 5; i++) await throttle.begin('ada', '203.0.113.66', at + i);
    expect((await throttle.begin('ada', '203.0.113.66', at + 10)).verdict.refused).toBe(true);
    // The attacker's address is refused; the owner's is not, and waits at most 3 s.
    const owner = await throttle.begin('ada', '192.0.2.1', at + 20);
    expect(owner.verdict).toEqual({ refused: false, delayMs: 1500 });
    await throttle.succeeded(owner.attempt);
    expect((await throttle.begin('ada', '192.0.2.1', at + 30)).verdict).toEqual({ refused: false, delayMs: 0 });
  });

  it('slows a username tried from many addresses, 0.5 s more per failure past the threshold, up to 3 s', async () => {
    const { throttle } = freshThrottle({ maxFailuresPerAddress: 100 });
    const delays = [];
    for (let i = 0; i < 12; i++) delays.push((await throttle.begin('ada', `198.51.100.${i}`, at + i)).verdict);
    expect(delays.map((v) => (v.refused ? 'refused' : v.delayMs))).toEqual([0, 0, 0, 500, 1000, 1500, 2000, 2500, 3000, 3000, 3000, 3000]);
  });

  it('does not count refused attempts, so hammering a lock never renews it', async () => {
    const { throttle } = freshThrottle({ slowAfter: 50 });
    for (let i = 0; i < 5; i++) await throttle.begin('ada', '192.0.2.1', at + i);
    for (let i = 0; i < 100; i++) expect((await throttle.begin('ada', '192.0.2.1', at + 1000 + i * 1000)).verdict.refused).toBe(true);
    expect((await throttle.begin('ada', '192.0.2.1', at + 900_005)).verdict.refused).toBe(false);
  });

  it('refuses an address guessing many usernames, not the addresses beside it', async () => {
    const { throttle } = freshThrottle({ slowAfter: 50 });
    for (let i = 0; i < 8; i++) expect((await throttle.begin(`user${i}`, '192.0.2.7', at + i)).verdict.refused).toBe(false);
    expect((await throttle.begin('someone-else', '192.0.2.7', at + 9)).verdict.refused).toBe(true);
    expect((await throttle.begin('someone-else', '192.0.2.8', at + 9)).verdict.refused).toBe(false);
  });

  it('keeps its counts in the store, so a restart does not forget them', async () => {
    const first = freshThrottle({ slowAfter: 50 });
    for (let i = 0; i < 5; i++) await first.throttle.begin('ada', '192.0.2.1', at + i);
    await first.store.close();
    const second = freshThrottle({ slowAfter: 50 }, first.file);
    expect(await second.throttle.refusal('ada', '192.0.2.1', at + 10)).toBeGreaterThan(0);
  });

  it('a cancelled attempt (one the trail could not record) does not count', async () => {
    const { throttle } = freshThrottle({ slowAfter: 50 });
    for (let i = 0; i < 10; i++) {
      const { attempt } = await throttle.begin('ada', '192.0.2.1', at + i);
      await throttle.cancel(attempt);
    }
    expect(await throttle.refusal('ada', '192.0.2.1', at + 20)).toBeNull();
  });
});
