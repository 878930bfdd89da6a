import { describe, expect, it } from 'vitest';
import { deferred } from '@/lib/testing/deferred';
import { testRedisConnections } from '@/lib/testing/redis-connections';
import { createListCache, type ListSource } from './list-cache';
import { createRefreshLock } from './refresh-lock';

const { redis, connection } = await testRedisConnections();

type Row = { id: number };

/**
 * Director as both instances see it: counts fetches, and how many run at once. A test holds a
 * fetch open with `hold()` and lets it answer with the returned function.
 */
function director() {
  const state = { calls: 0, running: 0, mostAtOnce: 0, held: undefined as ReturnType<typeof deferred<void>> | undefined };
  const source: ListSource<Row> = {
    load: async () => {
      state.calls += 1;
      state.running += 1;
      state.mostAtOnce = Math.max(state.mostAtOnce, state.running);
      try {
        await state.held?.promise;
        return [{ id: state.calls }];
      } finally {
        state.running -= 1;
      }
    },
    read: (raw) => raw as Row,
    options: { searchText: () => [], sortValue: (r) => r.id },
  };
  return {
    state,
    source,
    hold() {
      const gate = deferred<void>();
      state.held = gate;
      return () => {
        state.held = undefined;
        gate.resolve();
      };
    },
  };
}

let namespaces = 0;
/** Two instances' list caches on one Redis, sharing one clock the test moves. */
function twoInstances(lockOptions = { lockMs: 10_000, freshKeptMs: 60_000 }, cacheOptions: { lockWaitMs?: number } = {}) {
  const prefix = `list-lock-test-${++namespaces}:`;
  const clock = { t: Date.now() };
  const open = () =>
    createListCache({
      ttlMs: 1_000,
      maxAgeMs: 60_000,
      maxBytes: 1e9,
      maxEntries: 10,
      readChunk: 0,
      now: () => clock.t,
      lock: createRefreshLock(connection(), lockOptions, prefix),
      lockRetryMs: 500,
      ...cacheOptions,
    });
  return { a: open(), b: open(), clock, prefix };
}

describe('refresh lock across instances (real Redis)', () => {
  it('two stale instances: one fetches while the other serves its stale copy, then the other fetches after it', async () => {
    const { a, b, clock, prefix } = twoInstances();
    const vendor = director();
    await a.get('scans?', vendor.source);
    await b.get('scans?', vendor.source);
    expect(vendor.state.calls).toBe(2);
    // The lock is released behind the answer; wait until it is, as the next minute would.
    const raw = await connection().ready();
    await expect.poll(() => raw.exists(`${prefix}list-lock:scans?`)).toBe(0);

    clock.t += 5_000;
    const answer = vendor.hold();
    const [fromA, fromB] = await Promise.all([a.get('scans?', vendor.source), b.get('scans?', vendor.source)]);
    // Both answered at once from their stale copies; one of them is now fetching, the other is not.
    expect(
      [fromA.list.query({ page: 1, pageSize: 10, order: 'asc' }).items[0]!.id, fromB.list.query({ page: 1, pageSize: 10, order: 'asc' }).items[0]!.id].sort(),
    ).toEqual([1, 2]);
    await expect.poll(() => vendor.state.calls).toBe(3);
    // Reads on the loser within the retry interval do not ask again.
    await Promise.all([a.get('scans?', vendor.source), b.get('scans?', vendor.source)]);
    expect(vendor.state.calls).toBe(3);
    answer();
    await expect.poll(() => raw.exists(`${prefix}list-lock:scans?`)).toBe(0);

    // The winner is done ("fresh as of" moved): the loser's next stale read fetches its own copy.
    clock.t += 600;
    await Promise.all([a.get('scans?', vendor.source), b.get('scans?', vendor.source)]);
    await expect.poll(() => vendor.state.calls).toBe(4);
    expect(vendor.state.mostAtOnce).toBe(1);
  });

  it('an instance that died holding the lock delays a cold load only until the lock expires', async () => {
    const { a, prefix } = twoInstances({ lockMs: 300, freshKeptMs: 60_000 }, { lockWaitMs: 60_000 });
    const raw = await connection().ready();
    await raw.set(`${prefix}list-lock:users?`, 'dead-instance', { expiration: { type: 'PX', value: 300 } });
    const vendor = director();
    const { list } = await a.get('users?', vendor.source);
    expect(list.query({ page: 1, pageSize: 10, order: 'asc' }).total).toBe(1);
    expect(vendor.state.calls).toBe(1);
  });

  it('a cold load waits at most its bound for another instance, then fetches its own list', async () => {
    const { a, prefix } = twoInstances({ lockMs: 60_000, freshKeptMs: 60_000 }, { lockWaitMs: 0 });
    const raw = await connection().ready();
    await raw.set(`${prefix}list-lock:orgs?`, 'slow-instance', { expiration: { type: 'PX', value: 60_000 } });
    const vendor = director();
    await a.get('orgs?', vendor.source);
    expect(vendor.state.calls).toBe(1);
    // The lock it did not take is not released by it.
    expect(await raw.get(`${prefix}list-lock:orgs?`)).toBe('slow-instance');
  });

  it('the winner releases only its own lock, and records "fresh as of"', async () => {
    const lock = createRefreshLock(connection(), { lockMs: 10_000, freshKeptMs: 60_000 }, `list-lock-test-${++namespaces}:`);
    const mine = await lock.acquire('k');
    expect('token' in mine).toBe(true);
    expect(await lock.acquire('k')).toEqual({ freshAsOf: 0 });
    await lock.release('k', 'not-my-token', 123);
    expect(await lock.acquire('k')).toEqual({ freshAsOf: 123 });
    await lock.release('k', (mine as { token: string }).token, 456);
    expect('token' in (await lock.acquire('k'))).toBe(true);
  });

  it('with Redis down, lists are still fetched (the lock only spaces fetches)', async () => {
    const { a } = twoInstances();
    const vendor = director();
    await redis.stop();
    try {
      await a.get('down?', vendor.source);
      expect(vendor.state.calls).toBe(1);
    } finally {
      await redis.start();
    }
  });
});
