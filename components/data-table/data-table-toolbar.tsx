'use client';

import type { ReactNode } from 'react';
import { useHydrated } from '@/components/ui/use-hydrated';

/**
 * Search and filters on the left, column chooser and actions on the right. Drawn by the server with
 * the list's first page, its controls are disabled (and look it) until the browser has hydrated
 * them: a click or a typed search before then would do nothing, or be lost.
 */
export function DataTableToolbar({ children, end }: { children: ReactNode; end?: ReactNode }) {
  const isHydrated = useHydrated();
  return (
    <fieldset disabled={!isHydrated} className="flex min-w-0 flex-wrap items-center justify-between gap-3">
      <div className="flex flex-wrap items-center gap-2">{children}</div>
      {end ? <div className="ml-auto flex items-center gap-2">{end}</div> : null}
    </fieldset>
  );
}
