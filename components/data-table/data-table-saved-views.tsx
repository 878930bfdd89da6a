'use client';

import { lazy, Suspense, useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { SavedViewsMenuProps } from './saved-views-menu';

const SavedViewsMenu = lazy(() => import('./saved-views-menu').then((m) => ({ default: m.SavedViewsMenu })));

const placeholder = <Button disabled>Views</Button>;

/**
 * The saved-views menu, loaded after the list itself and only in the browser: list pages sit at
 * their first-load budget, the menu (its form and mutations) is not needed to read the table, and it
 * reads the address the page was opened with. React's own `lazy` rather than next/dynamic, whose
 * loader would itself cost the list pages first-load bytes.
 */
export function DataTableSavedViews(props: SavedViewsMenuProps) {
  const [isMounted, setIsMounted] = useState(false);
  useEffect(() => setIsMounted(true), []);
  if (!isMounted) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <SavedViewsMenu {...props} />
    </Suspense>
  );
}
