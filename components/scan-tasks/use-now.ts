'use client';

import { createContext, useEffect, useState } from 'react';

/** The current time, re-read every `intervalMs`, for "updated 3 s ago" and elapsed times. */
export function useNow(intervalMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * The clock a table's ticking cells read. Columns stay the same objects while the clock moves on:
 * a column rebuilt each second would remount every cell of the table each second (react-table
 * renders a cell function as a component), keeping a busy page's main thread busy.
 */
export const NowContext = createContext(0);

/**
 * Age of an answer now: the BFF's age when it sent it plus the time since the browser got it,
 * so a browser clock that differs from the server's does not skew it.
 */
export function ageOf(answer: { ageMs: number } | undefined, receivedAt: number, now: number): number | undefined {
  return answer === undefined ? undefined : answer.ageMs + Math.max(0, now - receivedAt);
}
