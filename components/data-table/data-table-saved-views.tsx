'use client';

import dynamic from 'next/dynamic';
import { Button } from '@/components/ui/button';
import type { SavedViewsMenuProps } from './saved-views-menu';

/**
 * The saved-views menu, loaded after the list itself: list pages sit close to their first-load
 * budget, and the menu (its form and mutations) is not needed to read the table.
 */
export const DataTableSavedViews = dynamic<SavedViewsMenuProps>(() => import('./saved-views-menu').then((m) => m.SavedViewsMenu), {
  ssr: false,
  loading: () => <Button disabled>Views</Button>,
});
