import { describe, expect, it, vi } from 'vitest';
import { deferred } from '@/lib/testing/deferred';
import { createTtlCache } from './cache';

describe('createTtlCache', () => {
  it('shares one load among 20 concurrent callers', async () => {
    const cache = createTtlCache({ ttlMs: 1000 });
    let calls = 0;
    const gate = deferred<number[]>();
    const load = () => {
      calls += 1;
      return gate.promise;
    };
    const callers = Array.from({ length: 20 }, () => cache.get('k', load));
    gate.resolve([1, 2, 3]);
    const results = await Promise.all(callers);
    expect(calls).toBe(1);
    expect(results.every((r) => r === results[0])).toBe(true);
  });

  it('serves from cache within the TTL and reloads after it', async () => {
    let t = 0;
    const cache = createTtlCache({ ttlMs: 1000, now: () => t });
    let calls = 0;
    const load = async () => ++calls;
    expect(await cache.get('k', load)).toBe(1);
    t = 999;
    expect(await cache.get('k', load)).toBe(1);
    t = 1001;
    expect(await cache.get('k', load)).toBe(2);
  });

  it('keeps a key for its own period when given one, and serves a caller no older value than it takes', async () => {
    let t = 0;
    const cache = createTtlCache({ ttlMs: 1000, now: () => t });
    let calls = 0;
    const load = async () => ++calls;
    expect(await cache.get('owners', load, { ttlMs: 4000 })).toBe(1);
    // Past the cache's period, within the key's own.
    t = 3000;
    expect(await cache.get('owners', load, { ttlMs: 4000 })).toBe(1);
    // A caller that takes nothing older than 1 s loads anew, and the new value serves everyone.
    expect(await cache.get('owners', load, { ttlMs: 4000, maxAgeMs: 1000 })).toBe(2);
    t = 3500;
    expect(await cache.get('owners', load, { ttlMs: 4000 })).toBe(2);
    expect(await cache.get('owners', load, { ttlMs: 4000, maxAgeMs: 1000 })).toBe(2);
    t = 7001;
    expect(await cache.get('owners', load, { ttlMs: 4000 })).toBe(3);
  });

  it('serves a load in flight to a caller asking for a fresh value, rather than starting another', async () => {
    let t = 0;
    const cache = createTtlCache({ ttlMs: 1000, now: () => t });
    let calls = 0;
    const gate = deferred<string>();
    const first = cache.get('k', () => {
      calls += 1;
      return gate.promise;
    });
    t = 5000;
    const second = cache.get('k', async () => String(++calls), { maxAgeMs: 10 });
    gate.resolve('in flight');
    expect(await first).toBe('in flight');
    expect(await second).toBe('in flight');
    expect(calls).toBe(1);
  });

  it('keeps different keys apart', async () => {
    const cache = createTtlCache({ ttlMs: 1000 });
    expect(await cache.get('a', async () => 'A')).toBe('A');
    expect(await cache.get('b', async () => 'B')).toBe('B');
  });

  it('does not keep a failed load', async () => {
    const cache = createTtlCache({ ttlMs: 1000 });
    await expect(cache.get('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.get('k', async () => 'ok')).toBe('ok');
  });

  it('invalidates by prefix', async () => {
    const cache = createTtlCache({ ttlMs: 60_000 });
    let calls = 0;
    const load = async () => ++calls;
    await cache.get('/mgmt/scan?x', load);
    await cache.get('/sci', async () => 'keep');
    cache.invalidate('/mgmt/scan');
    expect(await cache.get('/mgmt/scan?x', load)).toBe(2);
    expect(await cache.get('/sci', async () => 'reloaded')).toBe('keep');
  });

  it('does not let a load that began before an invalidation be served afterwards', async () => {
    const cache = createTtlCache({ ttlMs: 60_000 });
    const gate = deferred<string>();
    const stale = cache.get('k', () => gate.promise);
    cache.invalidate('k');
    gate.resolve('old');
    expect(await stale).toBe('old');
    expect(await cache.get('k', async () => 'new')).toBe('new');
  });

  it('drops expired entries when it loads another, so stale answers for keys nobody asks again do not pile up', async () => {
    let t = 0;
    const cache = createTtlCache({ ttlMs: 1000, now: () => t });
    for (let i = 0; i < 50; i += 1) await cache.get(`sci-${i}`, async () => i);
    expect(cache.size()).toBe(50);
    t = 1001;
    await cache.get('fresh', async () => 'x');
    expect(cache.size()).toBe(1);
  });

  it('drops an expired entry by itself, with no further load to do it', async () => {
    vi.useFakeTimers();
    try {
      const expired: string[][] = [];
      const cache = createTtlCache({ ttlMs: 1000, onExpired: (keys) => expired.push(keys) });
      await cache.get('/mgmt/user?sciID=1', async () => ['every user of SCI 1']);
      expect(cache.size()).toBe(1);
      await vi.advanceTimersByTimeAsync(2_100);
      expect(cache.size()).toBe(0);
      // Told once, with the key, so that the owner of a large answer can hand its memory back.
      expect(expired).toEqual([['/mgmt/user?sciID=1']]);
    } finally {
      vi.useRealTimers();
    }
  });
});
