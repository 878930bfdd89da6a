import { describe, expect, it } from 'vitest';
import { deferred } from '@/lib/testing/deferred';
import { splitList } from './json-records';
import { createListCache, type ListSource } from './list-cache';

type Row = { id: number; name: string };

/** A vendor list whose answers a test scripts; counts the calls. */
function vendor(rows = 3) {
  const state = { calls: 0, version: 1, next: undefined as ReturnType<typeof deferred<unknown[]>> | undefined };
  const source: ListSource<Row> = {
    load: async () => {
      state.calls += 1;
      if (state.next) return state.next.promise;
      return Array.from({ length: rows }, (_, i) => ({ id: i + 1, name: `v${state.version}` }));
    },
    read: (raw) => raw as Row,
    options: { searchText: (r) => [r.name], sortValue: (r, key) => (key === 'id' ? r.id : r.name) },
  };
  return { state, source };
}

const page = { page: 1, pageSize: 10, order: 'asc' as const };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createListCache', () => {
  it('shares one vendor call among concurrent callers of a key', async () => {
    const cache = createListCache({ ttlMs: 1000, maxAgeMs: 10_000, maxBytes: 1e9, maxEntries: 10, readChunk: 0 });
    const { state, source } = vendor();
    state.next = deferred();
    const callers = Array.from({ length: 20 }, () => cache.get('k', source));
    state.next.resolve([{ id: 1, name: 'a' }]);
    const results = await Promise.all(callers);
    expect(state.calls).toBe(1);
    expect(new Set(results.map((r) => r.list)).size).toBe(1);
  });

  it('serves a stale list at once and refreshes it behind the answer, within the maximum age', async () => {
    let t = 0;
    const cache = createListCache({ ttlMs: 1000, maxAgeMs: 10_000, maxBytes: 1e9, maxEntries: 10, now: () => t, readChunk: 0 });
    const { state, source } = vendor();
    await cache.get('k', source);
    t = 5_000;
    state.version = 2;
    state.next = deferred();
    const stale = await cache.get('k', source);
    // Answered from the old list while the refresh still waits on the vendor.
    expect(stale.list.query(page).items[0]!.name).toBe('v1');
    expect(stale.fetchedAt).toBe(0);
    expect(state.calls).toBe(2);
    // A second stale reader does not start a second refresh.
    await cache.get('k', source);
    expect(state.calls).toBe(2);
    state.next.resolve([{ id: 1, name: 'v2' }]);
    await settle();
    const fresh = await cache.get('k', source);
    expect(fresh.list.query(page).items[0]!.name).toBe('v2');
    expect(fresh.fetchedAt).toBe(5_000);
  });

  it('never serves a list past its maximum age: the caller waits for the vendor', async () => {
    let t = 0;
    const cache = createListCache({ ttlMs: 1000, maxAgeMs: 10_000, maxBytes: 1e9, maxEntries: 10, now: () => t, readChunk: 0 });
    const { state, source } = vendor();
    await cache.get('k', source);
    t = 10_000;
    state.version = 2;
    const answer = await cache.get('k', source);
    expect(answer.list.query(page).items[0]!.name).toBe('v2');
    expect(cache.stats().entries).toBe(1);
  });

  it('drops lists past their maximum age even for keys nobody asks for again', async () => {
    let t = 0;
    const cache = createListCache({ ttlMs: 1000, maxAgeMs: 10_000, maxBytes: 1e9, maxEntries: 10, now: () => t, readChunk: 0 });
    const { source } = vendor();
    await cache.get('a', source);
    await cache.get('b', source);
    t = 10_001;
    await cache.get('c', source);
    expect(cache.stats().keys).toEqual(['c']);
  });

  it('keeps a stale list when the refresh behind it fails, and tries again only after a TTL', async () => {
    let t = 0;
    const cache = createListCache({ ttlMs: 1000, maxAgeMs: 10_000, maxBytes: 1e9, maxEntries: 10, now: () => t, readChunk: 0 });
    const { state, source } = vendor();
    await cache.get('k', source);
    t = 2_000;
    state.next = deferred();
    await cache.get('k', source);
    state.next.reject(new Error('Director down'));
    await settle();
    state.next = undefined;
    expect((await cache.get('k', source)).fetchedAt).toBe(0);
    expect(state.calls).toBe(2);
    t = 3_000;
    await cache.get('k', source);
    expect(state.calls).toBe(3);
  });

  it('refreshes on request only a list older than the minimum, and waits for it', async () => {
    let t = 0;
    const cache = createListCache({ ttlMs: 60_000, maxAgeMs: 600_000, maxBytes: 1e9, maxEntries: 10, minRefreshMs: 2_000, now: () => t, readChunk: 0 });
    const { state, source } = vendor();
    await cache.get('k', source);
    t = 1_000;
    await cache.get('k', source, { refresh: true });
    expect(state.calls).toBe(1);
    t = 2_000;
    state.version = 2;
    const answer = await cache.get('k', source, { refresh: true });
    expect(state.calls).toBe(2);
    expect(answer.list.query(page).items[0]!.name).toBe('v2');
  });

  it('does not keep a list whose load was under way when a mutation invalidated it', async () => {
    const cache = createListCache({ ttlMs: 60_000, maxAgeMs: 600_000, maxBytes: 1e9, maxEntries: 10, readChunk: 0 });
    const { state, source } = vendor();
    state.next = deferred();
    const before = cache.get('scans?', source);
    cache.invalidate('scans?');
    state.next.resolve([{ id: 1, name: 'old' }]);
    expect((await before).list.query(page).items[0]!.name).toBe('old');
    state.next = undefined;
    expect((await cache.get('scans?', source)).list.query(page).items[0]!.name).toBe('v1');
    expect(state.calls).toBe(2);
  });

  it('forgets a failed first load', async () => {
    const cache = createListCache({ ttlMs: 60_000, maxAgeMs: 600_000, maxBytes: 1e9, maxEntries: 10, readChunk: 0 });
    const { state, source } = vendor();
    state.next = deferred();
    const failing = cache.get('k', source);
    state.next.reject(new Error('boom'));
    await expect(failing).rejects.toThrow('boom');
    expect(cache.stats().entries).toBe(0);
    state.next = undefined;
    await cache.get('k', source);
    expect(cache.stats().entries).toBe(1);
  });

  it('stays within its byte and entry bounds, dropping the least recently used list first', async () => {
    const { source } = vendor(100);
    const probe = createListCache({ ttlMs: 60_000, maxAgeMs: 600_000, maxBytes: 1e9, maxEntries: 100, readChunk: 0 });
    await probe.get('probe', source);
    const oneList = probe.stats().bytes;
    const cache = createListCache({ ttlMs: 60_000, maxAgeMs: 600_000, maxBytes: oneList * 3, maxEntries: 100, readChunk: 0 });
    for (const key of ['a', 'b', 'c']) await cache.get(key, source);
    await cache.get('a', source);
    await cache.get('d', source);
    expect(cache.stats().keys).toEqual(['c', 'a', 'd']);
    expect(cache.stats().bytes).toBeLessThanOrEqual(oneList * 3);
    const few = createListCache({ ttlMs: 60_000, maxAgeMs: 600_000, maxBytes: 1e9, maxEntries: 2, readChunk: 0 });
    for (const key of ['a', 'b', 'c']) await few.get(key, source);
    expect(few.stats().keys).toEqual(['b', 'c']);
  });

  it("counts an answer's text against the bound until every record of it is read, then only the rows", async () => {
    const cache = createListCache({ ttlMs: 60_000, maxAgeMs: 600_000, maxBytes: 1e9, maxEntries: 10, readChunk: 0 });
    const text = 2_000_000;
    const source: ListSource<Row> = {
      load: async () => ({ length: 1000, bytes: text, at: (i: number) => ({ id: i + 1, name: `user ${i}` }) }),
      read: (raw) => raw as Row,
      options: { searchText: (r) => [r.name], sortValue: (r) => r.name },
    };
    const { list } = await cache.get('k', source);
    expect(list.isComplete).toBe(false);
    const unread = cache.stats().bytes;
    expect(unread).toBeGreaterThan(text);
    list.readSome(Number.POSITIVE_INFINITY);
    const read = cache.stats().bytes;
    expect(read).toBeLessThan(text);
    // The unread rows were estimated from the first ones: the estimate was close to what they hold.
    expect(Math.abs(unread - text - read)).toBeLessThan(read * 0.2);
  });

  it('reads the rest of a list behind the answer', async () => {
    const cache = createListCache({ ttlMs: 60_000, maxAgeMs: 600_000, maxBytes: 1e9, maxEntries: 10, readChunk: 10 });
    const { source } = vendor(100);
    const { list } = await cache.get('k', source);
    expect(list.isComplete).toBe(false);
    for (let i = 0; i < 20 && !list.isComplete; i += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(list.isComplete).toBe(true);
  });

  it('counts the sort orders and searched views a list grows after it was stored against the bound', async () => {
    const { source } = vendor(1000);
    const probe = createListCache({ ttlMs: 60_000, maxAgeMs: 600_000, maxBytes: 1e9, maxEntries: 100, readChunk: 0 });
    await probe.get('probe', source);
    const oneList = probe.stats().bytes;
    const cache = createListCache({ ttlMs: 60_000, maxAgeMs: 600_000, maxBytes: Math.ceil(oneList * 2.2), maxEntries: 100, readChunk: 0 });
    const a = await cache.get('a', source);
    await cache.get('b', source);
    expect(cache.stats().keys).toEqual(['a', 'b']);
    // The newest list grows indexes (search texts, searched views, sort orders) well past the room left.
    const b = (await cache.get('b', source)).list;
    for (let i = 0; i < 16; i += 1) b.query({ ...page, q: `v${i % 2 ? '1' : ''}`, sort: i % 2 ? 'name' : 'id', order: i % 4 < 2 ? 'asc' : 'desc' });
    expect(b.indexBytes()).toBeGreaterThan(oneList * 0.2);
    await cache.get('b', source);
    expect(cache.stats().keys).toEqual(['b']);
    expect(a.list.total).toBe(1000);
  });

  it('keeps the list and its indexes when a refresh brings the very records it was read from', async () => {
    let t = 0;
    const cache = createListCache({ ttlMs: 1000, maxAgeMs: 60_000, maxBytes: 1e9, maxEntries: 10, now: () => t, readChunk: 0 });
    let answer = '{"response":[{"id":1,"name":"b"},{"id":2,"name":"a"}],"timestamp":1}';
    let calls = 0;
    const source: ListSource<Row> = {
      load: async () => {
        calls += 1;
        return splitList(answer, 'response').records!;
      },
      read: (raw) => raw as Row,
      options: { searchText: (r) => [r.name], sortValue: (r, key) => (key === 'id' ? r.id : r.name) },
    };
    const first = await cache.get('k', source);
    expect(first.list.query({ ...page, sort: 'name' }).items.map((r) => r.id)).toEqual([2, 1]);
    const indexBytes = first.list.indexBytes();
    // Only the envelope's timestamp differs: the same list, its sort order kept, fresh as of now.
    answer = '{"response":[{"id":1,"name":"b"},{"id":2,"name":"a"}],"timestamp":2}';
    t = 2_000;
    const same = await cache.get('k', source, { refresh: true });
    expect(calls).toBe(2);
    expect(same.list).toBe(first.list);
    expect(same.fetchedAt).toBe(2_000);
    expect(same.list.indexBytes()).toBe(indexBytes);
    // A changed record is a new list.
    answer = '{"response":[{"id":1,"name":"b"},{"id":2,"name":"c"}],"timestamp":3}';
    t = 4_000;
    const changed = await cache.get('k', source, { refresh: true });
    expect(changed.list).not.toBe(first.list);
    expect(changed.list.query({ ...page, sort: 'name' }).items.map((r) => r.id)).toEqual([1, 2]);
  });
});
