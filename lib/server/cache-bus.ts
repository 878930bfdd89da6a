import 'server-only';
import { z } from 'zod';
import { errorMessage, logger } from './log';
import { currentRequestContext } from './request-context';
import { instanceId, redisPrefix, sharedRedis, type RedisClient } from './redis';

/**
 * Cache invalidation across instances (`REDIS_URL`). A change on instance A drops what it made
 * stale from A's caches and publishes the dropped prefixes on one channel; every other instance
 * drops the same from its caches of that name as the message arrives. Without `REDIS_URL` nothing
 * is published and the caches behave as before.
 *
 * A message is only a hint to forget: a malformed or foreign one is ignored, and one that is lost
 * costs at most the cache's TTL. Messages cannot be missed silently, though: when the subscriber
 * (re)connects, every shared cache of this instance is cleared, since changes published while it
 * was away never reached it.
 */
export const invalidationChannel = `${redisPrefix}cache-invalidation`;

/** Bounds on what an instance accepts from the channel (anything larger is not ScanDeck's). */
const invalidationMessage = z.object({
  v: z.literal(1),
  from: z.string().min(1).max(64),
  cache: z.string().regex(/^[a-z0-9-]{1,40}$/),
  prefixes: z.array(z.string().max(256)).min(1).max(32),
});
export type InvalidationMessage = z.infer<typeof invalidationMessage>;

/** The message in a channel payload, or undefined for anything else (never throws). */
export function parseInvalidation(payload: string): InvalidationMessage | undefined {
  if (payload.length > 16_384) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return undefined;
  }
  const parsed = invalidationMessage.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

export interface Invalidatable {
  invalidate(prefix: string): void;
  clear(): void;
}

interface Bus {
  /** name → this process's caches of that name (a set: a route bundle may hold its own copy) */
  caches: Map<string, Set<Invalidatable>>;
  subscriber: RedisClient | undefined;
  /** settles once the subscription is up and the caches started clean */
  subscribed: Promise<void> | undefined;
}

const busKey = Symbol.for('scandeck.cacheBus');

function bus(): Bus {
  const holder = globalThis as { [busKey]?: Bus };
  holder[busKey] ??= { caches: new Map(), subscriber: undefined, subscribed: undefined };
  return holder[busKey];
}

/** Applies a message from another instance to this instance's caches; answers whether it applied. */
export function applyInvalidation(payload: string): boolean {
  const message = parseInvalidation(payload);
  if (!message || message.from === instanceId()) return false;
  const caches = bus().caches.get(message.cache);
  for (const cache of caches ?? []) for (const prefix of message.prefixes) cache.invalidate(prefix);
  return true;
}

function clearAll(): void {
  for (const caches of bus().caches.values()) for (const cache of caches) cache.clear();
}

/** Starts listening once per process; a lost connection is taken up again by node-redis itself. */
function subscribe(): void {
  const state = bus();
  const connection = sharedRedis();
  if (!connection || state.subscriber) return;
  const subscriber = connection.client.duplicate();
  state.subscriber = subscriber;
  let isSubscribed = false;
  subscriber.on('error', () => {
    // Reported by the coordination connection already; the subscriber reconnects by itself.
  });
  subscriber.on('ready', () => {
    // node-redis subscribes again before 'ready': whatever was published meanwhile is lost, so drop it all.
    if (isSubscribed) clearAll();
  });
  // While Redis is away at start-up, connect() waits for it (the client keeps trying).
  state.subscribed = (async () => {
    try {
      await subscriber.connect();
      await subscriber.subscribe(invalidationChannel, (payload) => {
        applyInvalidation(payload);
      });
      isSubscribed = true;
      // Lists loaded before the subscription could have missed a change: start clean.
      clearAll();
    } catch (err) {
      // Connected but not subscribed (e.g. the command timed out): start over in a moment.
      logger().error({ event: 'cache_invalidation_unsubscribed', error: errorMessage(err) }, 'cache invalidation: not subscribed');
      state.subscriber = undefined;
      subscriber.destroy();
      setTimeout(subscribe, 2_000).unref();
    }
  })();
}

async function publish(message: InvalidationMessage): Promise<void> {
  try {
    const redis = await sharedRedis()?.ready();
    await redis?.publish(invalidationChannel, JSON.stringify(message));
  } catch (err) {
    // Other instances keep the stale entry until its TTL (or their subscriber reconnects).
    logger().error({ event: 'cache_invalidation_unpublished', cache: message.cache, error: errorMessage(err) }, 'cache invalidation not published');
  }
}

/**
 * Makes `cache`'s invalidations reach the caches named `name` on every instance. Answers the same
 * cache, whose `invalidate` now also publishes; without `REDIS_URL` it is returned untouched.
 */
export function withSharedInvalidation<C extends Invalidatable>(name: string, cache: C): C {
  if (!sharedRedis()) return cache;
  const state = bus();
  const local = { invalidate: cache.invalidate.bind(cache), clear: cache.clear.bind(cache) };
  const caches = state.caches.get(name) ?? new Set();
  caches.add(local);
  state.caches.set(name, caches);
  subscribe();
  cache.invalidate = (prefix: string) => {
    local.invalidate(prefix);
    const sent = publish({ v: 1, from: instanceId(), cache: name, prefixes: [prefix] });
    const context = currentRequestContext();
    if (context) context.invalidations = [...(context.invalidations ?? []), sent];
  };
  return cache;
}

/** Settles once this process listens to other instances' invalidations (tests wait for it). */
export async function invalidationSubscription(): Promise<void> {
  await bus().subscribed;
}

/**
 * Waits until this request's invalidations have reached Redis (each bounded by the command
 * timeout), so that when a change is answered, other instances already have the message and the
 * user's next read anywhere is fresh.
 */
export async function invalidationsPublished(): Promise<void> {
  const sent = currentRequestContext()?.invalidations;
  if (sent?.length) await Promise.all(sent);
}
