'use client';

import { FlexRender, type ReactTable, type Row, type RowData } from '@tanstack/react-table';
import { memo, useEffect, useRef, type ReactNode } from 'react';
import { cn } from '@/components/ui/cn';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Skeleton } from '@/components/ui/skeleton';
import { useHydrated } from '@/components/ui/use-hydrated';
import { UnreadableNotice } from '@/components/ui/unreadable-notice';
import type { Unreadable } from '@/lib/schemas/common';
import { DataTableFreshness } from './data-table-freshness';
import { DataTablePagination, DataTableRange } from './data-table-pagination';
import type { DataTableFeatures } from './features';

type DataTableProps<TData extends RowData> = {
  table: ReactTable<DataTableFeatures, TData>;
  /** accessible name of the table, e.g. "Scans" */
  label: string;
  /** the list's TanStack Query result: loading, refreshing, error and retry come from it */
  query: ListQuery;
  empty: ReactNode;
  /** what one record is called in the unreadable notice, e.g. "scan" */
  recordName?: string;
  /** for cached vendor lists: shows "as of" the list's time with a Refresh that asks for the current list */
  onRefresh?: () => Promise<unknown>;
};

/** What the shell reads of a paged list query (`{ items, total, ... }` answers). */
type ListQuery = {
  data?: { total: number; fetchedAt?: number | undefined; unreadable?: Unreadable | undefined } | undefined;
  isLoading: boolean;
  isFetching: boolean;
  error: unknown;
  refetch: () => unknown;
};

/**
 * The page's rows. Kept apart (and memoised) so a render that changes no row, such as the router
 * catching up with the URL after a page flip, does not render every cell again; keyed by their
 * place on the page, so a flip rewrites the cells of the rows already drawn instead of removing
 * them all and building the next page's anew.
 */
const DataTableRows = memo(function DataTableRows<TData extends RowData>({ rows }: { rows: Array<Row<DataTableFeatures, TData>>; columnIds: string }) {
  return rows.map((row, place) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: a row's place on the page is its identity here (see above).
    <tr key={place} className="border-b border-slate-100 last:border-b-0 hover:bg-slate-50">
      {row.getVisibleCells().map((cell) => (
        <td key={cell.column.id} className="px-3 py-2 align-top text-slate-800">
          <FlexRender cell={cell} />
        </td>
      ))}
    </tr>
  ));
}) as <TData extends RowData>(props: { rows: Array<Row<DataTableFeatures, TData>>; columnIds: string }) => ReactNode;

function SortIcon({ direction }: { direction: false | 'asc' | 'desc' }) {
  return (
    <span aria-hidden="true" className={cn('text-[10px]', direction ? 'text-indigo-600' : 'text-slate-300')}>
      {direction === 'desc' ? '▼' : direction === 'asc' ? '▲' : '▲▼'}
    </span>
  );
}

/**
 * The generic list shell: always renders something (skeleton rows, the rows, an empty state or an
 * error with retry). While a new page loads the previous one stays, dimmed, under a thin bar.
 */
export function DataTable<TData extends RowData>({ table, label, query, empty, recordName = 'record', onRefresh }: DataTableProps<TData>) {
  const { isLoading, isFetching, error } = query;
  const onRetry = () => void query.refetch();
  const rows = table.getRowModel().rows;
  const visibleColumns = table.getVisibleLeafColumns();
  const hasRows = rows.length > 0;
  const isRefreshing = isFetching && !isLoading;
  const total = query.data?.total ?? 0;

  // A page flip from the pager at the bottom brings the table's top into view (not on first load).
  const top = useRef<HTMLFieldSetElement>(null);
  const { pageIndex } = table.state.pagination;
  const shownPage = useRef(pageIndex);
  useEffect(() => {
    if (shownPage.current === pageIndex) return;
    shownPage.current = pageIndex;
    const box = top.current?.getBoundingClientRect();
    if (box && box.top < 0) top.current?.scrollIntoView({ block: 'start' });
  }, [pageIndex]);

  // The server draws the first page: its sort buttons, checkboxes and pager are disabled (and look
  // it) until hydrated, so no click goes nowhere. Links to a row's page work from the start.
  const isHydrated = useHydrated();

  return (
    <fieldset ref={top} disabled={!isHydrated} className="min-w-0 scroll-mt-4 space-y-3">
      {query.data ? <DataTableRange table={table} total={total} /> : null}
      {error && hasRows ? <ErrorPanel title="Could not refresh the list" error={error} onRetry={onRetry} /> : null}
      <div className="relative overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs">
        <div aria-hidden="true" className={cn('absolute inset-x-0 top-0 z-10 h-0.5 overflow-hidden', isRefreshing ? 'opacity-100' : 'opacity-0')}>
          {/* Pulses only while shown: hidden, it still repainted every frame, for as long as the list was open. */}
          <div className={cn('h-full w-1/3 bg-indigo-500', isRefreshing && 'motion-safe:animate-[pulse_1s_ease-in-out_infinite]')} />
        </div>
        {isRefreshing ? (
          <span className="sr-only" role="status">
            Updating
          </span>
        ) : null}
        <div className="overflow-x-auto">
          <table aria-label={label} aria-busy={isFetching || undefined} className="w-full border-collapse text-sm">
            <thead className="sticky top-0 z-[5] bg-slate-50">
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id} className="border-b border-slate-200">
                  {group.headers.map((header) => {
                    const sorted = header.column.getIsSorted();
                    const canSort = header.column.getCanSort();
                    return (
                      <th
                        key={header.id}
                        scope="col"
                        aria-sort={canSort ? (sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none') : undefined}
                        className="px-3 py-2 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase"
                      >
                        {header.isPlaceholder ? null : canSort ? (
                          <button
                            type="button"
                            onClick={header.column.getToggleSortingHandler()}
                            className="-mx-1 inline-flex items-center gap-1 rounded px-1 uppercase hover:text-slate-900 disabled:cursor-not-allowed disabled:hover:text-inherit"
                          >
                            <table.FlexRender header={header} />
                            <SortIcon direction={sorted} />
                          </button>
                        ) : (
                          <table.FlexRender header={header} />
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody className={cn('transition-opacity', isRefreshing && 'opacity-60')}>
              {isLoading ? (
                Array.from({ length: Math.min(table.state.pagination.pageSize, 10) }, (_, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholder rows with no identity but their place.
                  <tr key={`skeleton-${i}`} className="border-b border-slate-100" data-testid="skeleton-row">
                    {visibleColumns.map((column) => (
                      <td key={column.id} className="px-3 py-2.5">
                        <Skeleton className="h-4 w-full max-w-40" />
                      </td>
                    ))}
                  </tr>
                ))
              ) : error && !hasRows ? (
                <tr>
                  <td colSpan={visibleColumns.length} className="p-4">
                    <ErrorPanel title="Could not load the list" error={error} onRetry={onRetry} />
                  </td>
                </tr>
              ) : !hasRows ? (
                <tr>
                  <td colSpan={visibleColumns.length}>{empty}</td>
                </tr>
              ) : (
                <DataTableRows rows={rows} columnIds={visibleColumns.map((column) => column.id).join(',')} />
              )}
            </tbody>
          </table>
        </div>
      </div>
      <UnreadableNotice unreadable={query.data?.unreadable} what={recordName} />
      {query.data || isLoading ? (
        <DataTablePagination
          table={table}
          total={total}
          isLoading={!query.data}
          freshness={onRefresh ? <DataTableFreshness fetchedAt={query.data?.fetchedAt} onRefresh={onRefresh} /> : null}
        />
      ) : null}
      {isLoading ? (
        <span className="sr-only" role="status">
          Loading {label.toLowerCase()}
        </span>
      ) : null}
    </fieldset>
  );
}
