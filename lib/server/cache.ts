import 'server-only';
import { countCacheLookup, registerCache } from './metrics';

interface Entry<T> {
  promise: Promise<T>;
  /** epoch ms after which the value is stale; undefined while the load is in flight */
  expiresAt: number | undefined;
  /** epoch ms when the load began */
  loadedAt: number;
}

export interface GetOptions {
  /** how long this key's value stays fresh, when not the cache's period */
  ttlMs?: number;
  /** a value loaded longer ago than this is not served to this caller (it is loaded again, for everyone) */
  maxAgeMs?: number;
}

export interface TtlCache {
  /** The cached value for `key`, or the loader's; concurrent callers of one key share one load. */
  get<T>(key: string, load: () => Promise<T>, opts?: GetOptions): Promise<T>;
  /** Drops every entry whose key starts with `prefix`. */
  invalidate(prefix: string): void;
  clear(): void;
  size(): number;
}

/** `name`: the cache's name in /metrics (hits, misses, entries); a fixed word, never a key. */
export function createTtlCache(options: {
  ttlMs: number;
  now?: () => number;
  maxEntries?: number;
  name?: string;
  /** told the keys of the expired entries a sweep dropped (to hand a large answer's memory back, see lookups.ts) */
  onExpired?: (keys: string[]) => void;
}): TtlCache {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 500;
  const entries = new Map<string, Entry<unknown>>();
  const { name } = options;
  if (name) registerCache(name, () => ({ entries: entries.size }));

  function sweep(): void {
    const t = now();
    const dropped: string[] = [];
    for (const [k, e] of entries) {
      if (e.expiresAt === undefined || e.expiresAt > t) continue;
      entries.delete(k);
      dropped.push(k);
    }
    if (dropped.length > 0) options.onExpired?.(dropped);
  }
  // An expired answer goes even when no new load comes to drop it: the lookups behind a scan list
  // hold every user of an SCI (~25 MiB at bench size), kept for nobody once stale. Started with the
  // first lookup and kept for the process's life (unref'd, so it never holds the process open).
  let sweeper: NodeJS.Timeout | undefined;

  return {
    get<T>(key: string, load: () => Promise<T>, opts: GetOptions = {}): Promise<T> {
      if (!sweeper) sweeper = setInterval(sweep, Math.max(1_000, Math.min(options.ttlMs, 60_000))).unref();
      const t = now();
      const hit = entries.get(key) as Entry<T> | undefined;
      // A load in flight serves every caller, whatever age it asks for: it is the newest there is.
      const isHit =
        hit !== undefined && (hit.expiresAt === undefined || (hit.expiresAt > t && (opts.maxAgeMs === undefined || t - hit.loadedAt <= opts.maxAgeMs)));
      if (name) countCacheLookup(name, isHit);
      if (hit && isHit) return hit.promise;
      // A new load is the moment to drop what has expired: stale answers are never kept for nobody.
      sweep();
      const entry: Entry<T> = { promise: load(), expiresAt: undefined, loadedAt: t };
      entries.set(key, entry);
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined && oldest !== key) entries.delete(oldest);
      }
      entry.promise.then(
        () => {
          // An invalidation during the load has already removed this entry; it stays removed.
          entry.expiresAt = now() + (opts.ttlMs ?? options.ttlMs);
        },
        () => {
          if (entries.get(key) === entry) entries.delete(key);
        },
      );
      return entry.promise;
    },
    invalidate(prefix: string) {
      for (const key of [...entries.keys()]) if (key.startsWith(prefix)) entries.delete(key);
    },
    clear() {
      entries.clear();
    },
    size: () => entries.size,
  };
}
