'use client';

import { useState } from 'react';
import { DateTime } from '@/components/shell/time-zone';
import { Button } from '@/components/ui/button';

/**
 * How old the list on screen is (ScanDeck keeps vendor lists briefly and may answer from a list up
 * to a few minutes old while it refreshes it), with a button that asks for the vendor's current one.
 */
export function DataTableFreshness({ fetchedAt, onRefresh }: { fetchedAt: number | undefined; onRefresh: () => Promise<unknown> }) {
  const [isRefreshing, setIsRefreshing] = useState(false);
  if (fetchedAt === undefined) return null;
  const refresh = async () => {
    setIsRefreshing(true);
    try {
      await onRefresh();
    } catch {
      // The list's query holds the error; the table shows it above the rows it keeps.
    } finally {
      setIsRefreshing(false);
    }
  };
  return (
    <div className="flex items-center gap-2 text-xs text-slate-500" data-testid="list-freshness">
      <span>
        as of <DateTime value={fetchedAt} time seconds />
      </span>
      <Button size="sm" variant="ghost" onClick={() => void refresh()} disabled={isRefreshing} aria-label="Refresh the list from the vendor">
        {isRefreshing ? 'Refreshing…' : '↻ Refresh'}
      </Button>
    </div>
  );
}
