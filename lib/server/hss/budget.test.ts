import { describe, expect, it } from 'vitest';
import { createMemoryBucketStore, userBucket } from './budget';

describe('createMemoryBucketStore', () => {
  it('grants the burst at once, then refills at the per-minute rate, per API', async () => {
    let t = 0;
    const budget = createMemoryBucketStore({ perMinute: 6, burst: 2, now: () => t });
    expect((await budget.take('ListVulScanTask', undefined)).granted).toBe(true);
    expect((await budget.take('ListVulScanTask', undefined)).granted).toBe(true);
    expect(await budget.take('ListVulScanTask', undefined)).toEqual({ granted: false, retryAfterS: 10 });
    expect((await budget.take('ListVulScanTaskHost', undefined)).granted).toBe(true);
    t = 5_000;
    expect(await budget.take('ListVulScanTask', undefined)).toEqual({ granted: false, retryAfterS: 5 });
    t = 10_000;
    expect((await budget.take('ListVulScanTask', undefined)).granted).toBe(true);
    t = 600_000;
    // Refills up to the burst, not beyond it.
    expect(await budget.remaining('ListVulScanTask')).toBe(2);
  });

  it('drains an API when HSS says it is throttling it', async () => {
    const budget = createMemoryBucketStore({ perMinute: 60, burst: 5, now: () => 0 });
    await budget.drain('ListVulScanTask');
    expect((await budget.take('ListVulScanTask', undefined)).granted).toBe(false);
    expect((await budget.take('CreateVulScanTask', undefined)).granted).toBe(true);
  });

  it('one user spends at most their share of a bucket: another user still gets calls', async () => {
    let t = 0;
    // Burst 3 and 6 a minute: a user's share is 2 at once, then 4 a minute.
    const budget = createMemoryBucketStore({ perMinute: 6, burst: 3, now: () => t });
    expect(userBucket({ perMinute: 6, burst: 3 })).toEqual({ perMinute: 4, burst: 2 });
    expect((await budget.take('ListVulScanTask', 'ada')).granted).toBe(true);
    expect((await budget.take('ListVulScanTask', 'ada')).granted).toBe(true);
    // ada's share is spent (her next call is 15 s away at 4 a minute); the API's bucket still holds one.
    expect(await budget.take('ListVulScanTask', 'ada')).toEqual({ granted: false, retryAfterS: 15 });
    expect(await budget.remaining('ListVulScanTask', 'ada')).toBe(0);
    expect(await budget.remaining('ListVulScanTask')).toBe(1);
    expect((await budget.take('ListVulScanTask', 'bob')).granted).toBe(true);
    // Now the API's bucket is empty for everyone, bob included.
    expect(await budget.take('ListVulScanTask', 'bob')).toEqual({ granted: false, retryAfterS: 10 });
    t = 15_000;
    expect((await budget.take('ListVulScanTask', 'ada')).granted).toBe(true);
  });

  it('a burst of 1 still leaves each user one call at once', () => {
    expect(userBucket({ perMinute: 3, burst: 1 })).toEqual({ perMinute: 2, burst: 1 });
    expect(userBucket({ perMinute: 3, burst: 2 })).toEqual({ perMinute: 2, burst: 1 });
  });
});
