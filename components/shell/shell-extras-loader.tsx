'use client';

import { lazy, Suspense, useEffect, useState } from 'react';

// Loaded just after the page, not with it: the list pages' first-load JS is at its budget.
const Extras = lazy(() => import('./shell-extras'));

/**
 * What the console frame needs only once the page is up: the toasts' live region (mounted early,
 * so it is in the page before the first toast fills it) and the heading focus on navigation.
 */
export function ShellExtras() {
  const [isHydrated, setIsHydrated] = useState(false);
  useEffect(() => setIsHydrated(true), []);
  return isHydrated ? (
    <Suspense fallback={null}>
      <Extras />
    </Suspense>
  ) : null;
}
