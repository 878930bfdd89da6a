import { afterAll } from 'vitest';
import { connectRedis, type RedisConnection } from '@/lib/server/redis';
import { startRedis } from './redis';

/**
 * One test file's real Redis and the connections its cases open to it (one per simulated instance),
 * all closed, and the server disposed of, after the file.
 */
export async function testRedisConnections() {
  const redis = await startRedis();
  const connections: RedisConnection[] = [];
  afterAll(async () => {
    await Promise.all(connections.map((c) => c.close()));
    await redis.dispose();
  });
  return {
    redis,
    connection(): RedisConnection {
      const c = connectRedis(redis.url, 'test');
      connections.push(c);
      return c;
    },
  };
}
