import 'server-only';
import { withSharedInvalidation } from './cache-bus';
import { getEnv } from './env';
import { largeListRows, releaseHeapAfterLoad } from './heap';
import { errorMessage, logger } from './log';
import { countCacheLookup, registerCache } from './metrics';
import type { RecordSource } from './json-records';
import { IndexedList, type ListOptions, type RecordReader } from './list';
import { processSingleton } from './process-singletons';
import { directorRefreshLock, type RefreshLock } from './refresh-lock';

/** A refresh asked for by a reader is honoured for lists (and the names they carry) at least this old. */
export const refreshMinAgeMs = 2_000;

export interface ListCacheOptions {
  /** a list younger than this is fresh: served as is */
  ttlMs: number;
  /** a list older than this is never served: it is dropped and fetched again while the caller waits */
  maxAgeMs: number;
  /** bound on the bytes of every list and index held (rows, indexes, unread answers), least recently used dropped first */
  maxBytes: number;
  maxEntries: number;
  /** a refresh asked for by a reader is honoured only for lists at least this old */
  minRefreshMs?: number;
  now?: () => number;
  /** records read per turn of the event loop behind an answer; 0 reads only on demand (tests) */
  readChunk?: number;
  /** the cache's name in /metrics; unnamed caches (tests) are not measured */
  name?: string;
  /** with several instances (`REDIS_URL`): one instance at a time fetches a given list */
  lock?: RefreshLock;
  /** longest a caller with no list to show waits for another instance's fetch before fetching its own */
  lockWaitMs?: number;
  /** after losing the lock, how long a stale list is served before this instance asks again */
  lockRetryMs?: number;
}

export interface ListSource<T> {
  /**
   * The vendor's whole list, as records not yet read. `known`: the digest of the records the list
   * held was read from, on a refresh (a source may skip work on an answer with that digest).
   */
  load: (known?: string) => Promise<RecordSource | readonly unknown[]>;
  /**
   * Called once a load brought records other than the list held, before any is read: what `read`
   * needs beyond the record (the scans' names) is fetched by `load` but read only here.
   */
  prepare?: () => Promise<void>;
  read: RecordReader<T>;
  options: ListOptions<T>;
}

export interface CachedList<T> {
  list: IndexedList<T>;
  /** epoch ms when the vendor answered this list */
  fetchedAt: number;
}

export interface ListCacheStats {
  entries: number;
  /** bytes held: rows, indexes, and answers not yet read (see IndexedList.rowBytes) */
  bytes: number;
  keys: string[];
}

export interface ListCache {
  /**
   * The list for `key` (one per resource and vendor filter). Fresh: served. Stale but within the
   * maximum age: served at once and refreshed behind the answer. Older, or absent: fetched while
   * the caller waits. Concurrent callers of one key share one vendor call.
   */
  get<T>(key: string, source: ListSource<T>, options?: { refresh?: boolean }): Promise<CachedList<T>>;
  /** Drops every list whose key starts with `prefix`; a load already under way is not kept. */
  invalidate(prefix: string): void;
  clear(): void;
  stats(): ListCacheStats;
}

interface Entry {
  list: IndexedList<unknown> | undefined;
  /** the digest of the records `list` was read from, when its source gives one (json-records.ts) */
  digest: string | undefined;
  fetchedAt: number;
  /** the first load or a refresh, while one runs */
  pending: Promise<CachedList<unknown>> | undefined;
  refreshFailedAt: number | undefined;
  /** when a refresh behind the answer found another instance fetching this list */
  lockedOutAt: number | undefined;
}

/** Rows read as soon as a list arrives: the sample its size is estimated from until every row is read. */
const sampleRows = 32;

function isRecordSource(records: RecordSource | readonly unknown[]): records is RecordSource {
  return !Array.isArray(records);
}

export function createListCache(options: ListCacheOptions): ListCache {
  const now = options.now ?? Date.now;
  const minRefreshMs = options.minRefreshMs ?? refreshMinAgeMs;
  const readChunk = options.readChunk ?? 5_000;
  const { lock } = options;
  const lockWaitMs = options.lockWaitMs ?? 3_000;
  const lockRetryMs = options.lockRetryMs ?? 1_000;
  const entries = new Map<string, Entry>();

  const bytesOf = (e: Entry) => (e.list ? e.list.rowBytes() + e.list.indexBytes() : 0);

  function sweep(): void {
    const t = now();
    for (const [key, e] of entries) if (e.list && t - e.fetchedAt >= options.maxAgeMs && !e.pending) entries.delete(key);
  }

  /**
   * Evicts least recently used lists until within bounds. `keep` (the list being served) is never
   * evicted, so a single list larger than the bound is held alone rather than fetched on every call.
   */
  function enforce(keep: Entry): void {
    let total = 0;
    for (const e of entries.values()) total += bytesOf(e);
    for (const [key, e] of entries) {
      if (total <= options.maxBytes && entries.size <= options.maxEntries) break;
      if (e === keep || !e.list) continue;
      entries.delete(key);
      total -= bytesOf(e);
    }
  }

  function touch(key: string, e: Entry): void {
    entries.delete(key);
    entries.set(key, e);
  }

  /** Reads the rest of a list's records a chunk per turn, so the first page did not wait for them. */
  function readBehind(key: string, e: Entry, list: IndexedList<unknown>): void {
    if (readChunk <= 0) return;
    const step = () => {
      if (entries.get(key) !== e || e.list !== list) return;
      if (!list.readSome(readChunk)) setImmediate(step);
      else if (list.total >= largeListRows) releaseHeapAfterLoad();
    };
    setImmediate(step);
  }

  /**
   * This instance's turn to fetch `key`: the lock's token; undefined to fetch without it (no
   * coordination, Redis away, the winner done or the wait over); 'lost' when another instance is
   * fetching and this one has a list to serve meanwhile ('behind').
   */
  async function takeTurn(key: string, mode: 'behind' | 'wait'): Promise<string | 'lost' | undefined> {
    if (!lock) return undefined;
    const since = now();
    for (let isWinnerDone = false; ; ) {
      let turn: Awaited<ReturnType<RefreshLock['acquire']>>;
      try {
        turn = await lock.acquire(key);
      } catch {
        // The lock only spaces fetches: without Redis, fetching is still right.
        return undefined;
      }
      if ('token' in turn) return turn.token;
      if (mode === 'behind') return 'lost';
      if (isWinnerDone || now() - since >= lockWaitMs) return undefined;
      // Once the winner's fetch is done ("fresh as of" moved), fetch right after it, lock or not.
      isWinnerDone = turn.freshAsOf >= since;
      if (!isWinnerDone) await new Promise((r) => setTimeout(r, 100));
    }
  }

  function release(key: string, token: string | undefined, fetchedAt: number | undefined): void {
    if (!lock || token === undefined) return;
    // Not awaited: the answer does not wait on Redis; an unreleased lock expires by itself.
    lock.release(key, token, fetchedAt).catch(() => undefined);
  }

  function fetchInto<T>(key: string, e: Entry, source: ListSource<T>, mode: 'behind' | 'wait'): Promise<CachedList<T>> {
    const run = (async () => {
      let token: string | undefined;
      let fetchedAt: number | undefined;
      try {
        const turn = await takeTurn(key, mode);
        if (turn === 'lost' && e.list) {
          // Another instance is fetching this list: keep serving ours, and ask again a little later.
          e.lockedOutAt = now();
          return { list: e.list as IndexedList<T>, fetchedAt: e.fetchedAt };
        }
        token = turn === 'lost' ? undefined : turn;
        const records = await source.load(e.list ? e.digest : undefined);
        fetchedAt = now();
        const digest = isRecordSource(records) ? records.digest?.() : undefined;
        if (e.list && digest !== undefined && digest === e.digest && entries.get(key) === e) {
          // The vendor's records are the very ones this list was read from: the list and every
          // index built on it stay, fresh as of now. Reading 100,000 users again and sorting and
          // searching them anew cost seconds of CPU every TTL on a busy server, for nothing.
          e.fetchedAt = fetchedAt;
          e.refreshFailedAt = undefined;
          e.lockedOutAt = undefined;
          logger().debug({ event: 'list_fetched', list: key.split('?')[0], mode, changed: false }, 'list unchanged: kept');
          return { list: e.list as IndexedList<T>, fetchedAt };
        }
        logger().debug({ event: 'list_fetched', list: key.split('?')[0], mode, changed: true }, 'list read anew');
        await source.prepare?.();
        const list = new IndexedList(records, source.read, source.options);
        // A first few rows, so that the bound can tell what the unread rest will hold.
        list.readSome(sampleRows);
        // An invalidation while the call was under way removed this entry: the answer may predate
        // the change, so its callers get it but nobody after them does.
        if (entries.get(key) === e) {
          e.list = list as IndexedList<unknown>;
          e.digest = digest;
          e.fetchedAt = fetchedAt;
          e.refreshFailedAt = undefined;
          e.lockedOutAt = undefined;
          readBehind(key, e, e.list);
          enforce(e);
        }
        return { list, fetchedAt };
      } finally {
        e.pending = undefined;
        release(key, token, fetchedAt);
      }
    })();
    e.pending = run as Promise<CachedList<unknown>>;
    return run;
  }

  // Started with the first list and kept for the process's life (unref'd, so it never holds the process open).
  let sweeper: NodeJS.Timeout | undefined;

  const cache: ListCache = {
    async get<T>(key: string, source: ListSource<T>, opts: { refresh?: boolean } = {}): Promise<CachedList<T>> {
      // Lists past their maximum age go even when nobody asks for them again.
      if (!sweeper) sweeper = setInterval(sweep, Math.max(1_000, Math.min(options.maxAgeMs, 60_000))).unref();
      sweep();
      const e = entries.get(key);
      if (options.name) countCacheLookup(options.name, e !== undefined);
      if (e?.list) {
        touch(key, e);
        // Sort orders, search texts and searched views grow a list after it was stored: they count too.
        enforce(e);
        const age = now() - e.fetchedAt;
        if (opts.refresh && age >= minRefreshMs) {
          return (e.pending ?? fetchInto(key, e, source, 'wait')) as Promise<CachedList<T>>;
        }
        const isRefreshDue =
          age >= options.ttlMs &&
          !e.pending &&
          (e.refreshFailedAt === undefined || now() - e.refreshFailedAt >= options.ttlMs) &&
          (e.lockedOutAt === undefined || now() - e.lockedOutAt >= lockRetryMs);
        if (isRefreshDue) {
          fetchInto(key, e, source, 'behind').catch((err: unknown) => {
            // The stale list keeps serving (it is within its maximum age); the next try waits a TTL.
            e.refreshFailedAt = now();
            logger().warn(
              { event: 'list_refresh_failed', list: key.split('?')[0], error: errorMessage(err) },
              `refreshing ${key.split('?')[0]} behind the answer failed`,
            );
          });
        }
        return { list: e.list as IndexedList<T>, fetchedAt: e.fetchedAt };
      }
      if (e?.pending) return e.pending as Promise<CachedList<T>>;
      const entry: Entry = { list: undefined, digest: undefined, fetchedAt: 0, pending: undefined, refreshFailedAt: undefined, lockedOutAt: undefined };
      entries.set(key, entry);
      try {
        return await fetchInto(key, entry, source, 'wait');
      } catch (err) {
        if (entries.get(key) === entry && !entry.list) entries.delete(key);
        throw err;
      }
    },
    invalidate(prefix: string) {
      for (const key of [...entries.keys()]) if (key.startsWith(prefix)) entries.delete(key);
    },
    clear() {
      entries.clear();
    },
    stats() {
      let bytes = 0;
      for (const e of entries.values()) bytes += bytesOf(e);
      return { entries: entries.size, bytes, keys: [...entries.keys()] };
    },
  };
  if (options.name) registerCache(options.name, () => cache.stats());
  return cache;
}

/**
 * The one cache of Director lists in this process: every resource shares its byte bound. With
 * `REDIS_URL`, what a change drops here is dropped on every instance (lib/server/cache-bus.ts).
 */
export function directorListCache(): ListCache {
  const { director, lists } = getEnv();
  return processSingleton('cache.directorLists', () =>
    withSharedInvalidation(
      'director-lists',
      createListCache({
        ttlMs: director.cacheTtlMs,
        maxAgeMs: lists.maxAgeMs,
        maxBytes: lists.maxBytes,
        maxEntries: lists.maxEntries,
        name: 'director-lists',
        lock: directorRefreshLock(),
      }),
    ),
  );
}

/** Age of an answer for the browser: `fetchedAt` to show "as of", `ageMs` measured by the server's clock. */
export function freshness(fetchedAt: number): { fetchedAt: number; ageMs: number } {
  return { fetchedAt, ageMs: Math.max(0, Date.now() - fetchedAt) };
}
