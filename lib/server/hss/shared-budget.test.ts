import { describe, expect, it } from 'vitest';
import { captureLog } from '@/lib/testing/log';
import { testRedisConnections } from '@/lib/testing/redis-connections';
import { createMemoryBucketStore, type BudgetOptions } from './budget';
import { createRedisBucketStore, withLocalFallback } from './shared-budget';

/** The HSS call budget in a real Redis, as two instances share it. */
const { redis, connection } = await testRedisConnections();

let namespaces = 0;
/** Two instances' stores on one Redis, each with a connection of its own, under a prefix of this test's. */
function twoInstances(options: BudgetOptions) {
  const prefix = `budget-test-${++namespaces}:`;
  return { prefix, a: createRedisBucketStore(connection(), options, prefix), b: createRedisBucketStore(connection(), options, prefix) };
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the HSS call budget in Redis', () => {
  it('two instances spend one bucket per API: what A took, B cannot', async () => {
    const { a, b } = twoInstances({ perMinute: 3, burst: 2 });
    expect((await a.take('ListVulScanTask', undefined)).granted).toBe(true);
    expect((await b.take('ListVulScanTask', undefined)).granted).toBe(true);
    const refused = await a.take('ListVulScanTask', undefined);
    expect(refused.granted).toBe(false);
    // 3 a minute: the next call is at most 20 s away.
    expect(refused).toEqual({ granted: false, retryAfterS: expect.any(Number) });
    expect(refused.granted === false && refused.retryAfterS).toBeGreaterThanOrEqual(19);
    expect(refused.granted === false && refused.retryAfterS).toBeLessThanOrEqual(20);
    expect((await b.take('ListVulScanTask', undefined)).granted).toBe(false);
    expect(await b.remaining('ListVulScanTask')).toBe(0);
    // Another API has a bucket of its own.
    expect((await b.take('ListVulScanTaskHost', undefined)).granted).toBe(true);
  });

  it("refills at the per-minute rate on Redis's clock, up to the burst", async () => {
    // 1,200 a minute: one call every 50 ms.
    const { a, b } = twoInstances({ perMinute: 1_200, burst: 2 });
    await a.take('ListHostStatus', undefined);
    await b.take('ListHostStatus', undefined);
    expect((await a.take('ListHostStatus', undefined)).granted).toBe(false);
    await sleep(120);
    expect((await b.take('ListHostStatus', undefined)).granted).toBe(true);
    await sleep(500);
    expect(await a.remaining('ListHostStatus')).toBe(2);
  });

  it('one user gets at most their share across instances, and another user still gets a call', async () => {
    const { a, b } = twoInstances({ perMinute: 6, burst: 3 });
    expect((await a.take('ListVulScanTask', 'ada')).granted).toBe(true);
    expect((await b.take('ListVulScanTask', 'ada')).granted).toBe(true);
    // ada's share (2 of 3) is spent through A and B together.
    expect((await a.take('ListVulScanTask', 'ada')).granted).toBe(false);
    expect((await b.take('ListVulScanTask', 'ada')).granted).toBe(false);
    expect(await a.remaining('ListVulScanTask', 'ada')).toBe(0);
    expect((await b.take('ListVulScanTask', 'bob')).granted).toBe(true);
    expect((await a.take('ListVulScanTask', 'bob')).granted).toBe(false);
  });

  it('drains an API for every instance when HSS throttles it', async () => {
    const { a, b } = twoInstances({ perMinute: 60, burst: 5 });
    await a.drain('RescanVulScanTask');
    expect((await b.take('RescanVulScanTask', undefined)).granted).toBe(false);
    expect((await b.take('CreateVulScanTask', undefined)).granted).toBe(true);
  });

  it('keeps a key per API and active user, each expiring once its bucket is full again, and no user name', async () => {
    const { a, prefix } = twoInstances({ perMinute: 60, burst: 2 });
    for (const user of ['ada', 'bob', 'ada']) await a.take('ListVulScanTask', user);
    const client = await connection().ready();
    const keys = (await client.keys(`${prefix}*`)).sort();
    expect(keys).toHaveLength(3);
    expect(keys.join(' ')).not.toMatch(/ada|bob/);
    for (const key of keys) {
      const ttl = await client.pTTL(key);
      // Empty API bucket: 2 calls at one a second, plus the margin.
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(3_000);
    }
  });

  it('with Redis down, counts in the process and says so once; shared again once Redis is back', async () => {
    const options = { perMinute: 3, burst: 2 };
    const budget = withLocalFallback(createRedisBucketStore(connection(), options, `budget-test-${++namespaces}:`), createMemoryBucketStore(options));
    expect((await budget.take('ListVulScanTask', undefined)).granted).toBe(true);
    expect(budget.mode()).toBe('shared');
    const log = captureLog();
    try {
      await redis.stop();
      // The process's own bucket is full: the console goes on answering, within a budget still.
      expect((await budget.take('ListVulScanTask', undefined)).granted).toBe(true);
      expect((await budget.take('ListVulScanTask', undefined)).granted).toBe(true);
      expect((await budget.take('ListVulScanTask', undefined)).granted).toBe(false);
      expect(await budget.remaining('ListVulScanTask')).toBe(0);
      expect(budget.mode()).toBe('degraded');
      const degraded = log.entries().filter((e) => e.event === 'hss_budget_degraded');
      expect(degraded).toHaveLength(1);
      expect(degraded[0]!.level).toBe('error');
      await redis.start();
      const modeAfterACall = async () => {
        await budget.remaining('ListVulScanTask');
        return budget.mode();
      };
      await expect.poll(modeAfterACall, { timeout: 10_000 }).toBe('shared');
      expect(log.entries().filter((e) => e.event === 'hss_budget_shared_again')).toHaveLength(1);
    } finally {
      log.restore();
    }
  });
});
