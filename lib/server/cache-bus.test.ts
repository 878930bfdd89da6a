import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { setTestEnv } from '@/lib/testing/bff';
import { startRedis } from '@/lib/testing/redis';

const redis = await startRedis();
setTestEnv('http://127.0.0.1:9', { REDIS_URL: redis.url });
const { applyInvalidation, invalidationChannel, invalidationSubscription, parseInvalidation, withSharedInvalidation } = await import('./cache-bus');
const { createTtlCache } = await import('./cache');
const { instanceId, sharedRedis } = await import('./redis');
const { runWithRequestContext } = await import('./request-context');

/** Another instance on the same Redis, as far as the channel can tell: its own client and id. */
const other = createClient({ url: redis.url });
other.on('error', () => undefined);
await other.connect();

afterAll(async () => {
  other.destroy();
  await sharedRedis()?.close();
  await redis.dispose();
});

const message = (fields: Record<string, unknown> = {}) => JSON.stringify({ v: 1, from: 'instance-b', cache: 'scans-test', prefixes: ['scans?'], ...fields });

/** A cache holding `keys`, loaded now. */
async function filled(keys: string[]) {
  const cache = createTtlCache({ ttlMs: 60_000 });
  await Promise.all(keys.map((k) => cache.get(k, async () => k)));
  return cache;
}

describe('invalidation messages', () => {
  it('reads a well-formed message and ignores anything else, without throwing', () => {
    expect(parseInvalidation(message())).toEqual({ v: 1, from: 'instance-b', cache: 'scans-test', prefixes: ['scans?'] });
    for (const bad of [
      'not json',
      '',
      'null',
      JSON.stringify([1, 2]),
      message({ v: 2 }),
      message({ from: '' }),
      message({ cache: 'Director Lists!' }),
      message({ prefixes: [] }),
      message({ prefixes: 'scans?' }),
      message({ prefixes: Array.from({ length: 33 }, (_, i) => `p${i}`) }),
      message({ prefixes: ['x'.repeat(257)] }),
      `${message()}${' '.repeat(20_000)}`,
    ]) {
      expect(parseInvalidation(bad), bad.slice(0, 60)).toBeUndefined();
    }
  });

  it("drops another instance's prefixes from the caches of that name only, and ignores its own messages", async () => {
    const scans = withSharedInvalidation('scans-test', await filled(['scans?a', 'scans?b', 'users?a']));
    const users = withSharedInvalidation('users-test', await filled(['scans?a']));
    expect(applyInvalidation(message({ from: instanceId() }))).toBe(false);
    expect(applyInvalidation('{"v":1,"from":"instance-b"}')).toBe(false);
    expect(scans.size()).toBe(3);
    expect(applyInvalidation(message())).toBe(true);
    expect(scans.size()).toBe(1);
    expect(users.size()).toBe(1);
  });
});

describe('invalidation over Redis pub/sub', () => {
  it('a message published by another instance empties the named cache as it arrives', async () => {
    const cache = withSharedInvalidation('lists-test', createTtlCache({ ttlMs: 60_000 }));
    // The subscription starts with the first shared cache; once it is up, it starts clean.
    await invalidationSubscription();
    expect((await other.pubSubNumSub(invalidationChannel))[invalidationChannel]).toBe(1);
    for (const key of ['scans?x', 'scans?y', 'orgs?']) await cache.get(key, async () => key);
    await other.publish(invalidationChannel, message({ cache: 'lists-test' }));
    await other.publish(invalidationChannel, '{broken');
    await expect.poll(() => cache.size()).toBe(1);
  });

  it("a local invalidation publishes the prefix under this instance's id, and the request waits until Redis has it", async () => {
    const heard: string[] = [];
    const listener = other.duplicate();
    await listener.connect();
    await listener.subscribe(invalidationChannel, (payload) => {
      heard.push(payload);
    });
    const cache = withSharedInvalidation('owners-test', await filled(['/mgmt/user?1']));
    const published = await runWithRequestContext(async (context) => {
      cache.invalidate('/mgmt/user?');
      expect(cache.size()).toBe(0);
      await Promise.all(context.invalidations ?? []);
      return context.invalidations?.length;
    });
    expect(published).toBe(1);
    await expect
      .poll(() => heard.map((p) => parseInvalidation(p)))
      .toContainEqual({ v: 1, from: instanceId(), cache: 'owners-test', prefixes: ['/mgmt/user?'] });
    listener.destroy();
  });

  it('after Redis was away, every shared cache is emptied once the subscription is back (messages may have been missed)', async () => {
    const cache = withSharedInvalidation('outage-test', createTtlCache({ ttlMs: 60_000 }));
    await invalidationSubscription();
    for (const key of ['a', 'b']) await cache.get(key, async () => key);
    expect(cache.size()).toBe(2);
    await redis.stop();
    await redis.start();
    await expect.poll(() => cache.size(), { timeout: 15_000 }).toBe(0);
  });
});
