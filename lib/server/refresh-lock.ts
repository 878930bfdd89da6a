import 'server-only';
import { randomUUID } from 'node:crypto';
import { getEnv } from './env';
import { redisPrefix, releaseScript, sharedRedis, type RedisConnection } from './redis';
import { processSingletonOf } from './process-singletons';

/**
 * Spaces the fetches of one large Director list across instances (`REDIS_URL`). Director lists run
 * to 30 MB and more, so they never go into Redis: each instance keeps its own copy, and the lock
 * only makes sure that one instance at a time fetches a given list.
 *
 * - `scandeck:list-lock:{key}`: SET NX PX with a random token, released by a check-and-delete
 *   script; it expires at the fetch's deadline plus a margin, so an instance that dies while
 *   fetching holds the others up no longer than that.
 * - `scandeck:list-fresh:{key}`: epoch ms of the last fetch an instance finished ("fresh as of").
 *   An instance that found the lock taken learns from it when the winner is done, and fetches its
 *   own copy only then.
 */
export interface RefreshLock {
  /** The lock for `key` (its token), or, while another instance holds it, the last "fresh as of". */
  acquire(key: string): Promise<{ token: string } | { freshAsOf: number }>;
  /** Releases the lock if this caller still holds it; `fetchedAt` (on success) becomes "fresh as of". */
  release(key: string, token: string, fetchedAt: number | undefined): Promise<void>;
}

/** Takes the lock, or answers "fresh as of" (0 when no instance finished a fetch yet). */
const acquireScript = `
  if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return {1, '0'} end
  return {0, redis.call('GET', KEYS[2]) or '0'}`;

export function createRefreshLock(connection: RedisConnection, options: { lockMs: number; freshKeptMs: number }, prefix = redisPrefix): RefreshLock {
  const lockKey = (key: string) => `${prefix}list-lock:${key}`;
  const freshKey = (key: string) => `${prefix}list-fresh:${key}`;
  return {
    async acquire(key) {
      const redis = await connection.ready();
      const token = randomUUID();
      const [won, freshAsOf] = (await redis.eval(acquireScript, { keys: [lockKey(key), freshKey(key)], arguments: [token, String(options.lockMs)] })) as [
        number,
        string,
      ];
      return won === 1 ? { token } : { freshAsOf: Number(freshAsOf) };
    },
    async release(key, token, fetchedAt) {
      const redis = await connection.ready();
      // "Fresh as of" first: a loser that sees the lock free must also see the newer time.
      if (fetchedAt !== undefined) await redis.set(freshKey(key), String(fetchedAt), { expiration: { type: 'PX', value: options.freshKeptMs } });
      await redis.eval(releaseScript, { keys: [lockKey(key)], arguments: [token] });
    },
  };
}

/** The lock for Director lists over the shared Redis, or undefined without `REDIS_URL`. */
export function directorRefreshLock(): RefreshLock | undefined {
  const connection = sharedRedis();
  if (!connection) return undefined;
  return processSingletonOf('directorRefreshLock', connection, (redis) => {
    const { director, lists } = getEnv();
    // A fetch ends by Director's deadline; the margin covers reading and indexing the answer.
    return createRefreshLock(redis, { lockMs: director.timeoutMs + 5_000, freshKeptMs: lists.maxAgeMs });
  });
}
