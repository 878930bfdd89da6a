import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import { errorMessage, logger } from '../log';
import { redisPrefix, releaseScript, type RedisConnection } from '../redis';

/** One HSS answer as every instance keeps it. */
export interface Answer<T> {
  value: T;
  /** epoch ms when HSS answered */
  fetchedAt: number;
  /** until when the answer is served without asking HSS; 0 once a change made it stale */
  freshUntil: number;
}

/** What Redis holds for a query: the last answer (fresh or not), and the change generation a leader must note. */
export type SharedRead = { state: 'unavailable' } | { state: 'read'; answer: Answer<unknown> | undefined; isFresh: boolean; generation: string };

/**
 * HSS answers shared by every instance (`REDIS_URL`), so that one HSS call per query and freshness
 * window serves them all. Per query (its key hashed):
 *
 * - `scandeck:hss-answer:{hash}`: the last answer as JSON, kept for the lists' maximum age (served
 *   with its age when the budget is spent), at most `maxAnswerBytes`;
 * - `scandeck:hss-fresh:{hash}`: present for the freshness window (on Redis's clock), holding the
 *   change generation the answer was asked in;
 * - `scandeck:hss-lock:{hash}`: the one instance asking HSS now (SET NX PX, released by token), so
 *   the others wait for its answer instead of calling too.
 *
 * `scandeck:hss-generation` counts changes (a scan started, a rescan): an answer asked before the
 * last change is not fresh, whichever instance made the change. Keys are only made by a call the
 * budget granted, and all expire, so a client cannot grow them beyond the budget's rate times the
 * maximum age. Redis failing never fails a request: an operation answers "unavailable" (the caller
 * goes on as a single instance would), and the outage is logged once.
 */
export interface SharedAnswers {
  read(key: string): Promise<SharedRead>;
  /** The lock for `key` (its token); undefined while another instance holds it; 'unavailable' without Redis. */
  lock(key: string): Promise<string | undefined | 'unavailable'>;
  /** Stores the leader's answer, fresh for `ttlMs` unless a change came after `generation`, and releases the lock. */
  store(key: string, token: string, answer: Answer<unknown>, generation: string): Promise<void>;
  release(key: string, token: string): Promise<void>;
  /** A change: every answer stored so far is stale, on every instance. */
  markStale(): Promise<void>;
}

export interface SharedAnswerOptions {
  ttlMs: number;
  /** how long a stale answer may still be shown (with its age) */
  keptMs: number;
  /** how long a leader may take: HSS's deadline plus a margin; the lock expires then */
  lockMs: number;
  maxAnswerBytes?: number;
}

const hashOf = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 40);

function parseAnswer(text: string | null | undefined, maxBytes: number): Answer<unknown> | undefined {
  if (!text || text.length > maxBytes) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<Answer<unknown>>;
    if (typeof parsed.fetchedAt !== 'number' || !('value' in parsed)) return undefined;
    return { value: parsed.value, fetchedAt: parsed.fetchedAt, freshUntil: 0 };
  } catch {
    return undefined;
  }
}

export function createSharedAnswers(connection: RedisConnection, options: SharedAnswerOptions, prefix = redisPrefix): SharedAnswers {
  const maxBytes = options.maxAnswerBytes ?? 512 * 1024;
  const generationKey = `${prefix}hss-generation`;
  const answerKey = (hash: string) => `${prefix}hss-answer:${hash}`;
  const freshKey = (hash: string) => `${prefix}hss-fresh:${hash}`;
  const lockKey = (hash: string) => `${prefix}hss-lock:${hash}`;
  let isDown = false;

  async function guarded<T>(what: string, work: () => Promise<T>, whenDown: T): Promise<T> {
    try {
      const result = await work();
      if (isDown) logger().warn({ event: 'hss_answers_shared_again' }, 'HSS answers: shared over Redis again');
      isDown = false;
      return result;
    } catch (err) {
      if (!isDown) {
        logger().error(
          { event: 'hss_answers_unshared', operation: what, error: errorMessage(err) },
          'HSS answers: Redis unreachable, each instance asks HSS itself',
        );
      }
      isDown = true;
      return whenDown;
    }
  }

  return {
    read: (key) =>
      guarded<SharedRead>(
        'read',
        async () => {
          const redis = await connection.ready();
          const hash = hashOf(key);
          const [generation, freshIn, text] = await redis.mGet([generationKey, freshKey(hash), answerKey(hash)]);
          const current = generation ?? '0';
          const answer = parseAnswer(text, maxBytes);
          return { state: 'read', answer, isFresh: answer !== undefined && freshIn === current, generation: current };
        },
        { state: 'unavailable' },
      ),
    lock: (key) =>
      guarded<string | undefined | 'unavailable'>(
        'lock',
        async () => {
          const redis = await connection.ready();
          const token = randomUUID();
          const won = await redis.set(lockKey(hashOf(key)), token, { condition: 'NX', expiration: { type: 'PX', value: options.lockMs } });
          return won === 'OK' ? token : undefined;
        },
        'unavailable',
      ),
    store: (key, token, answer, generation) =>
      guarded(
        'store',
        async () => {
          const redis = await connection.ready();
          const hash = hashOf(key);
          const text = JSON.stringify({ value: answer.value, fetchedAt: answer.fetchedAt });
          // Answer first, then "fresh": a follower that sees the lock go sees the answer too.
          if (text.length <= maxBytes) {
            await redis.set(answerKey(hash), text, { expiration: { type: 'PX', value: options.keptMs } });
            await redis.set(freshKey(hash), generation, { expiration: { type: 'PX', value: options.ttlMs } });
          }
          await redis.eval(releaseScript, { keys: [lockKey(hash)], arguments: [token] });
        },
        undefined,
      ),
    release: (key, token) =>
      guarded(
        'release',
        async () => {
          const redis = await connection.ready();
          await redis.eval(releaseScript, { keys: [lockKey(hashOf(key))], arguments: [token] });
        },
        undefined,
      ),
    markStale: () =>
      guarded(
        'markStale',
        async () => {
          const redis = await connection.ready();
          await redis.incr(generationKey);
        },
        undefined,
      ),
  };
}
