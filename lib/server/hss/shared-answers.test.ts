import { describe, expect, it } from 'vitest';
import { captureLog } from '@/lib/testing/log';
import { testRedisConnections } from '@/lib/testing/redis-connections';
import { createSharedAnswers, type SharedAnswerOptions } from './shared-answers';

/** HSS answers in a real Redis, as two instances share them. */
const { redis, connection } = await testRedisConnections();

let namespaces = 0;
function twoInstances(options: Partial<SharedAnswerOptions> = {}) {
  const prefix = `answers-test-${++namespaces}:`;
  const settings = { ttlMs: 300, keptMs: 60_000, lockMs: 5_000, ...options };
  return { prefix, a: createSharedAnswers(connection(), settings, prefix), b: createSharedAnswers(connection(), settings, prefix) };
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const answer = (value: unknown) => ({ value, fetchedAt: Date.now(), freshUntil: Date.now() + 300 });

describe('HSS answers shared over Redis', () => {
  it("one instance holds a query's lock; the other reads its answer, fresh for the window, then kept as stale", async () => {
    const { a, b } = twoInstances();
    const first = await a.read('tasks?p1');
    expect(first).toEqual({ state: 'read', answer: undefined, isFresh: false, generation: '0' });
    const token = await a.lock('tasks?p1');
    expect(typeof token).toBe('string');
    expect(await b.lock('tasks?p1')).toBeUndefined();
    await a.store('tasks?p1', token as string, answer({ items: [1, 2] }), '0');
    const seen = await b.read('tasks?p1');
    expect(seen).toMatchObject({ state: 'read', isFresh: true, answer: { value: { items: [1, 2] } } });
    // The lock went with the answer: the next window's call may be B's.
    const next = await b.lock('tasks?p1');
    expect(typeof next).toBe('string');
    await b.release('tasks?p1', next as string);
    await sleep(350);
    expect(await b.read('tasks?p1')).toMatchObject({ isFresh: false, answer: { value: { items: [1, 2] } } });
  });

  it('a change on either instance makes every stored answer stale, and one asked across a change is never fresh', async () => {
    const { a, b } = twoInstances({ ttlMs: 60_000 });
    const token = (await a.lock('q')) as string;
    await a.store('q', token, answer('before'), '0');
    expect((await b.read('q')).state === 'read' && (await b.read('q'))).toMatchObject({ isFresh: true });
    // A leader starts in generation 1; B's change comes while it asks HSS.
    await b.markStale();
    const during = await a.read('q');
    expect(during).toMatchObject({ isFresh: false, generation: '1' });
    const leader = (await a.lock('q')) as string;
    await b.markStale();
    await a.store('q', leader, answer('asked across the change'), '1');
    expect(await b.read('q')).toMatchObject({ isFresh: false, generation: '2', answer: { value: 'asked across the change' } });
  });

  it('a lock whose holder died expires at lockMs, so waiting instances are held up no longer', async () => {
    const { a, b } = twoInstances({ lockMs: 200 });
    expect(typeof (await a.lock('q'))).toBe('string');
    expect(await b.lock('q')).toBeUndefined();
    await sleep(250);
    expect(typeof (await b.lock('q'))).toBe('string');
  });

  it('keeps nothing larger than maxAnswerBytes, and every key it writes expires', async () => {
    const { a, b, prefix } = twoInstances({ maxAnswerBytes: 1_000 });
    const big = (await a.lock('big')) as string;
    await a.store('big', big, answer('x'.repeat(2_000)), '0');
    expect(await b.read('big')).toMatchObject({ answer: undefined, isFresh: false });
    const small = (await a.lock('small')) as string;
    await a.store('small', small, answer('ok'), '0');
    const client = await connection().ready();
    const keys = await client.keys(`${prefix}hss-*`);
    expect(keys.filter((k) => k.includes('hss-answer') || k.includes('hss-fresh'))).toHaveLength(2);
    for (const key of keys) expect(await client.pTTL(key)).toBeGreaterThan(0);
    // The lock of the big one was released too.
    expect(keys.some((k) => k.includes('hss-lock'))).toBe(false);
  });

  it('with Redis down, answers "unavailable" at once rather than failing the request', async () => {
    const { a } = twoInstances();
    const log = captureLog();
    await redis.stop();
    try {
      expect(await a.read('q')).toEqual({ state: 'unavailable' });
      expect(await a.lock('q')).toBe('unavailable');
      await expect(a.markStale()).resolves.toBeUndefined();
      // Said once per outage, not at every request.
      expect(log.entries().filter((e) => e.event === 'hss_answers_unshared')).toHaveLength(1);
    } finally {
      log.restore();
      await redis.start();
    }
  });
});
