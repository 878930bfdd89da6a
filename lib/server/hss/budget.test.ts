import { describe, expect, it } from 'vitest';
import { createCallBudget } from './budget';

describe('createCallBudget', () => {
  it('grants the burst at once, then refills at the per-minute rate, per API', () => {
    let t = 0;
    const budget = createCallBudget({ perMinute: 6, burst: 2, now: () => t });
    expect(budget.take('ListVulScanTask').granted).toBe(true);
    expect(budget.take('ListVulScanTask').granted).toBe(true);
    expect(budget.take('ListVulScanTask')).toEqual({ granted: false, retryAfterS: 10 });
    expect(budget.take('ListVulScanTaskHost').granted).toBe(true);
    t = 5_000;
    expect(budget.take('ListVulScanTask')).toEqual({ granted: false, retryAfterS: 5 });
    t = 10_000;
    expect(budget.take('ListVulScanTask').granted).toBe(true);
    t = 600_000;
    // Refills up to the burst, not beyond it.
    expect(budget.remaining('ListVulScanTask')).toBe(2);
  });

  it('drains an API when HSS says it is throttling it', () => {
    const budget = createCallBudget({ perMinute: 60, burst: 5, now: () => 0 });
    budget.drain('ListVulScanTask');
    expect(budget.take('ListVulScanTask').granted).toBe(false);
    expect(budget.take('CreateVulScanTask').granted).toBe(true);
  });
});
