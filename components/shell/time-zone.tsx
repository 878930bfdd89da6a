'use client';

import { useSyncExternalStore } from 'react';
import { formatDateTime } from '@/lib/format';
import { timeZoneCookieName } from './time-zone-choice';

// The reader's zone: UTC when the time-zone cookie says so (the header's select, preferences.tsx),
// else the browser's. The server cannot know the browser's zone, so times are drawn in the browser
// only: the server's snapshot is null and React, hydrating with it first, fills the times in right
// after. No mismatch, and no time is ever shown in a zone the reader did not choose.

const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};
// Read once: resolving it builds a DateTimeFormat, and every time on a live table asks each render.
let browserZoneOnce: string | undefined;
const browserZone = () => {
  browserZoneOnce ??= Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return browserZoneOnce;
};
const utcChosen = new RegExp(`(?:^|;\\s*)${timeZoneCookieName}=utc(?:;|$)`);
const chosenZone = () => (utcChosen.test(document.cookie) ? 'UTC' : browserZone());

/** Redraws every time on the page after the choice changed in the cookie. */
export function onTimeZoneChosen(): void {
  for (const listener of listeners) listener();
}

/** The browser's own zone (null on the server). */
export const useBrowserZone = () => useSyncExternalStore(subscribe, browserZone, () => null);

/** The IANA zone times are shown in (null on the server). */
export const useTimeZone = () => useSyncExternalStore(subscribe, chosenZone, () => null);

/** A time in the reader's zone, which it names ("2 Dec 2026, 21:53 GMT+9"); the zone's full name is its tooltip. */
export function DateTime({ value, time, seconds }: { value: string | number | undefined; time?: boolean; seconds?: boolean }) {
  const zone = useTimeZone();
  const date = value === undefined || value === '' ? undefined : new Date(value);
  if (!date || Number.isNaN(date.getTime())) return <>{value ?? '—'}</>;
  return (
    <time dateTime={date.toISOString()} title={zone ?? undefined} className="whitespace-nowrap">
      {zone ? formatDateTime(date.getTime(), zone, { time, seconds }) : ''}
    </time>
  );
}
