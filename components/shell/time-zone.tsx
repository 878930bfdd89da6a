'use client';

import { createContext, type ReactNode, useContext, useState, useSyncExternalStore } from 'react';
import { formatDateTime } from '@/lib/format';
import type { TimeZoneChoice } from './time-zone-choice';

const ChoiceContext = createContext<[TimeZoneChoice, (choice: TimeZoneChoice) => void]>(['browser', () => undefined]);

/** Holds the reader's choice (from the cookie, read by the server layout) for every time on the page. */
export function TimeZoneProvider({ initialChoice, children }: { initialChoice: TimeZoneChoice; children: ReactNode }) {
  const choice = useState(initialChoice);
  return <ChoiceContext.Provider value={choice}>{children}</ChoiceContext.Provider>;
}

const noSubscription = () => () => undefined;
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
/**
 * The browser's zone. The server cannot know it, so it renders null and React, hydrating with the
 * server's value first, fills the zone in right after: no mismatch, and no time shown in a zone
 * the reader did not choose.
 */
export const useBrowserZone = () => useSyncExternalStore(noSubscription, browserZone, () => null);

/** The reader's choice and its setter, for the header's select (preferences.tsx). */
export const useTimeZoneChoice = () => useContext(ChoiceContext);

/** The IANA zone times are shown in: UTC on request, else the browser's (null until known). */
export function useTimeZone(): string | null {
  const zone = useBrowserZone();
  return useContext(ChoiceContext)[0] === 'utc' ? 'UTC' : zone;
}

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
