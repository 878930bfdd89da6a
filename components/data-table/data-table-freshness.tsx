'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';

/** "12:34:56" in the reader's time zone, 24-hour. */
export function formatAsOf(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

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
        as of <time dateTime={new Date(fetchedAt).toISOString()}>{formatAsOf(fetchedAt)}</time>
      </span>
      <Button size="sm" variant="ghost" onClick={() => void refresh()} disabled={isRefreshing} aria-label="Refresh the list from the vendor">
        {isRefreshing ? 'Refreshing…' : '↻ Refresh'}
      </Button>
    </div>
  );
}
