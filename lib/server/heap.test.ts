import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHeapRelease } from './heap';

describe('releasing the heap after a list load', () => {
  let lastActivity = 0;
  const collected: number[] = [];
  const make = () =>
    createHeapRelease({
      collect: () => collected.push(Date.now()),
      quietForMs: () => Date.now() - lastActivity,
      quietNeededMs: 300,
      maxDeferMs: 5_000,
      minGapMs: 1_000,
    });
  beforeEach(() => {
    vi.useFakeTimers({ now: 100_000 });
    collected.length = 0;
    lastActivity = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('collects at once on a quiet server', () => {
    make()();
    expect(collected).toEqual([100_000]);
  });

  it('waits for 300 ms without a request beginning or ending: a navigation made then does not stop behind it', () => {
    const release = make();
    lastActivity = Date.now();
    release();
    expect(collected).toEqual([]);
    // Requests keep coming for a second.
    for (let i = 0; i < 10; i += 1) {
      vi.advanceTimersByTime(100);
      lastActivity = Date.now();
    }
    expect(collected).toEqual([]);
    vi.advanceTimersByTime(299);
    expect(collected).toEqual([]);
    vi.advanceTimersByTime(20);
    expect(collected).toHaveLength(1);
    expect(collected[0]! - lastActivity).toBeGreaterThanOrEqual(300);
  });

  it('runs at most maxDeferMs late under steady traffic, and lists finishing together share one collection', () => {
    const release = make();
    const traffic = setInterval(() => {
      lastActivity = Date.now();
    }, 50);
    lastActivity = Date.now();
    release();
    release();
    vi.advanceTimersByTime(4_900);
    expect(collected).toEqual([]);
    vi.advanceTimersByTime(300);
    expect(collected).toHaveLength(1);
    clearInterval(traffic);
    // The next one, asked for right after, keeps the gap between collections.
    release();
    vi.advanceTimersByTime(500);
    expect(collected).toHaveLength(1);
    vi.advanceTimersByTime(600);
    expect(collected).toHaveLength(2);
  });
});
