import 'server-only';
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { getEnv } from './env';
import { logger } from './log';

export type RedisClient = ReturnType<typeof createClient>;

/** Longest a Redis call may take before it fails: no request waits on a stalled Redis for longer. */
export const redisCommandTimeoutMs = 2_000;

export interface RedisConnection {
  client: RedisClient;
  /** The client once connected; throws at once (after at most the first connect's 2 s) while Redis is unreachable. */
  ready(): Promise<RedisClient>;
  close(): Promise<void>;
}

/**
 * One node-redis client with ScanDeck's outage policy: calls fail at once while Redis is away (no
 * offline queue, at most `redisCommandTimeoutMs` per call), and the client keeps reconnecting
 * behind the scenes, at most every 2 s. Each outage is logged once under `label`, and once more when
 * it is over. A subscriber is opened with `connection.client.duplicate()`, which keeps these options.
 */
export function connectRedis(url: string, label: string): RedisConnection {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    commandOptions: { timeout: redisCommandTimeoutMs },
    socket: {
      connectTimeout: 2_000,
      reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000),
    },
  });
  watchOutages(client, label);
  const connected = client.connect().catch((err: unknown) => {
    throw new Error(`redis unreachable: ${err instanceof Error ? err.message : String(err)}`);
  });
  // A failed first connect is reported by each call that needs it, not as an unhandled rejection.
  connected.catch(() => undefined);

  // While Redis is away the client keeps reconnecting and the first connect never settles: a call
  // waits for it at most the connect timeout, then fails like any other call.
  let firstConnect: Promise<unknown> | undefined = Promise.race([connected, new Promise((r) => setTimeout(r, 2_000).unref())]);
  return {
    client,
    async ready() {
      if (firstConnect) await firstConnect.catch(() => undefined);
      firstConnect = undefined;
      if (!client.isReady) throw new Error('redis unreachable');
      return client;
    },
    async close() {
      if (client.isOpen) client.destroy();
    },
  };
}

/** node-redis emits 'error' on every failed reconnect; without a listener the process would die. */
export function watchOutages(client: RedisClient, label: string): void {
  let lastError = '';
  client.on('error', (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    if (message !== lastError) logger().error({ event: 'redis_error', connection: label, error: message }, `${label} unavailable`);
    lastError = message;
  });
  client.on('ready', () => {
    if (lastError) logger().warn({ event: 'redis_ready', connection: label }, `${label}: connected again`);
    lastError = '';
  });
}

const sharedKey = Symbol.for('scandeck.sharedRedis');
type Holder = { [sharedKey]?: { url: string; connection: RedisConnection } };

/**
 * The process's connection for coordinating with other instances (locks, the HSS budget, shared HSS
 * answers, cache invalidations), or undefined without `REDIS_URL`. Kept on globalThis, as Next may
 * load this module once per route bundle and one process needs one connection.
 */
export function sharedRedis(): RedisConnection | undefined {
  const url = getEnv().redisUrl;
  const holder = globalThis as Holder;
  if (!url) return undefined;
  if (holder[sharedKey]?.url !== url) {
    void holder[sharedKey]?.connection.close();
    holder[sharedKey] = { url, connection: connectRedis(url, 'redis coordination') };
  }
  return holder[sharedKey].connection;
}

/** Every key ScanDeck writes in Redis starts with this, so one Redis can serve other programs too. */
export const redisPrefix = 'scandeck:';

const instanceKey = Symbol.for('scandeck.instanceId');

/** This process's id among the instances sharing one Redis (random at each start). */
export function instanceId(): string {
  const holder = globalThis as { [instanceKey]?: string };
  holder[instanceKey] ??= randomUUID();
  return holder[instanceKey];
}

/**
 * Deletes `key` only if it still holds `token`: a lock whose holder outlived its expiry must not
 * release the lock another instance has taken since.
 */
export const releaseScript = `
  if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
  return 0`;
