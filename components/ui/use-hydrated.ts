'use client';

import { useSyncExternalStore } from 'react';

const noSubscription = () => () => undefined;

/**
 * False while the server renders and the browser hydrates, true after. For what only the browser
 * can show (clock times in the reader's zone), and for controls whose code loads on the side: a
 * server-rendered button looks ready before its handler exists, and a click then does nothing.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
