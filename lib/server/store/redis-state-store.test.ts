import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '@/lib/testing/redis';

const { openRedisStateStore } = await import('./redis-state-store');
type StateStore = import('./state-store').StateStore;

let redis: TestRedis;
const opened: StateStore[] = [];
let namespaces = 0;
/** Two instances of ScanDeck: two clients on one Redis, in one namespace. */
function twoInstances() {
  const prefix = `revocation-test-${++namespaces}:`;
  const a = openRedisStateStore(redis.url, prefix);
  const b = openRedisStateStore(redis.url, prefix);
  opened.push(a, b);
  return { a, b };
}

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
  await redis?.dispose();
});

describe('Redis state store', () => {
  it('a session signed out through one instance is refused by the other', async () => {
    const { a, b } = twoInstances();
    const now = Date.now();
    const session = { sid: 'sid-1', username: 'ada', authTimeMs: now - 1000 };
    expect(await b.isRevoked(session)).toBe(false);
    await a.revokeSession('sid-1', now + 60_000);
    expect(await b.isRevoked(session)).toBe(true);
    expect(await b.isRevoked({ ...session, sid: 'sid-2' })).toBe(false);
  });

  it('"sign out everywhere" ends sessions begun before it, not those begun after, and keeps the later time', async () => {
    const { a, b } = twoInstances();
    const now = Date.now();
    await a.revokeUser('ada', now, now + 60_000);
    // An instance revoking with an older time (a late request) cannot bring old sessions back.
    await b.revokeUser('ada', now - 10_000, now + 30_000);
    expect(await b.isRevoked({ sid: 'x', username: 'ada', authTimeMs: now - 5_000 })).toBe(true);
    expect(await b.isRevoked({ sid: 'y', username: 'ada', authTimeMs: now + 1 })).toBe(false);
    expect(await a.isRevoked({ sid: 'z', username: 'grace', authTimeMs: now - 5_000 })).toBe(false);
  });

  it('forgets a revocation when the session could not live anyway (Redis expiry, no pruning)', async () => {
    const { a } = twoInstances();
    const now = Date.now();
    await a.revokeSession('short', now + 150);
    await a.revokeUser('brief', now, now + 150);
    expect(await a.isRevoked({ sid: 'short', username: 'x', authTimeMs: now })).toBe(true);
    await new Promise((r) => setTimeout(r, 400));
    expect(await a.isRevoked({ sid: 'short', username: 'x', authTimeMs: now })).toBe(false);
    expect(await a.isRevoked({ sid: 'other', username: 'brief', authTimeMs: now - 1 })).toBe(false);
  });

  it('with Redis down, calls fail at once instead of guessing, and work again when Redis is back', async () => {
    const { a } = twoInstances();
    const now = Date.now();
    await a.revokeSession('kept', now + 60_000);
    await redis.stop();
    try {
      const started = Date.now();
      await expect(a.isRevoked({ sid: 'kept', username: 'ada', authTimeMs: now })).rejects.toThrow(/redis|closed|connect/i);
      await expect(a.hit('k', now, 60_000)).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await redis.start();
    }
    // The client reconnects by itself (at most 2 s between tries); the server kept no data (no
    // persistence in tests), so a fresh revocation shows it is in use again.
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        await a.revokeSession('again', Date.now() + 60_000);
        break;
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    expect(await a.isRevoked({ sid: 'again', username: 'ada', authTimeMs: now })).toBe(true);
  });

  it('a store whose Redis never answers refuses every call rather than hanging', async () => {
    const store = openRedisStateStore('redis://127.0.0.1:9', 'nowhere:');
    opened.push(store);
    await expect(store.isRevoked({ sid: 's', username: 'u', authTimeMs: 0 })).rejects.toThrow(/redis unreachable/);
  });
});
