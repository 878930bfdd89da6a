import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { hostsCatchUpMs, idleRefresh, listInterval, liveRefresh, scanTaskHostsOptions, scanTaskKeys } from './scan-tasks';

describe('task list refresh', () => {
  it('never stops: fast while a task runs, slow while none does, slower in a hidden tab', () => {
    expect(listInterval(true, 'visible')).toBe(liveRefresh.visibleMs);
    expect(listInterval(false, 'visible')).toBe(idleRefresh.visibleMs);
    expect(listInterval(false, 'hidden')).toBe(idleRefresh.hiddenMs);
    expect(idleRefresh.visibleMs).toBeLessThan(40_000);
  });
});

describe("a task's hosts after it finishes", () => {
  const params = { page: 1, pageSize: 25 };
  function intervalWith(hostsFetchedAt: number | undefined, isRunning: boolean, catchUpTo?: number) {
    const client = new QueryClient();
    const options = scanTaskHostsOptions('t-1', params, isRunning, catchUpTo);
    if (hostsFetchedAt !== undefined) {
      client.setQueryData(scanTaskKeys.hosts('t-1', params), { items: [], total: 0, page: 1, pageSize: 25, fetchedAt: hostsFetchedAt, ageMs: 0 });
    }
    const query = client.getQueryCache().build(client, options);
    const interval = options.refetchInterval;
    return typeof interval === 'function' ? interval(query) : interval;
  }

  it('are read again while the answer is older than the summary that showed the task finished', () => {
    expect(intervalWith(1_000, false, 2_000)).toBe(hostsCatchUpMs);
    expect(intervalWith(undefined, false, 2_000)).toBe(hostsCatchUpMs);
  });
  it('stop once an answer at least that new arrives, and for a task never seen running', () => {
    expect(intervalWith(2_000, false, 2_000)).toBe(false);
    expect(intervalWith(1_000, false, undefined)).toBe(false);
  });
});
