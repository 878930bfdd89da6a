import { describe, expect, it } from 'vitest';
import { hostsCatchUpMs, hostsInterval, idleRefresh, listInterval, liveRefresh } from './scan-tasks';

describe('task list refresh', () => {
  it('never stops: fast while a task runs, slow while none does, slower in a hidden tab', () => {
    expect(listInterval(true, 'visible')).toBe(liveRefresh.visibleMs);
    expect(listInterval(false, 'visible')).toBe(idleRefresh.visibleMs);
    expect(listInterval(false, 'hidden')).toBe(idleRefresh.hiddenMs);
    expect(idleRefresh.visibleMs).toBeLessThan(40_000);
  });
});

describe("a task's hosts after it finishes", () => {
  it('are read again while the answer is older than the summary that showed the task finished', () => {
    expect(hostsInterval(false, 1_000, 2_000, 'visible')).toBe(hostsCatchUpMs);
    expect(hostsInterval(false, undefined, 2_000, 'visible')).toBe(hostsCatchUpMs);
  });
  it('stop once an answer at least that new arrives, and for a task never seen running', () => {
    expect(hostsInterval(false, 2_000, 2_000, 'visible')).toBe(false);
    expect(hostsInterval(false, 1_000, undefined, 'visible')).toBe(false);
    expect(hostsInterval(true, 1_000, undefined, 'visible')).toBe(liveRefresh.visibleMs);
  });
});
