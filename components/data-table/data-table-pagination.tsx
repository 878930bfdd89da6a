'use client';

import type { ReactTable, RowData } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/input';
import { pageSizes } from '@/lib/schemas/paging';
import type { DataTableFeatures } from './features';
import { describeRange, toPage } from './list-state';

type DataTablePaginationProps<TData extends RowData> = {
  table: ReactTable<DataTableFeatures, TData>;
  total: number;
  /** the list's "as of" and Refresh, beside the range */
  freshness?: ReactNode;
  /** no answer yet: the pager holds its place under the skeleton rows, and says so rather than "No results" */
  isLoading?: boolean;
};

/**
 * "Showing 26–50 of 123 · Page 2 of 5", above the table so the position reads without scrolling
 * to the pager (the pager below keeps the live-announced copy).
 */
export function DataTableRange<TData extends RowData>({ table, total }: { table: ReactTable<DataTableFeatures, TData>; total: number }) {
  const { pageIndex, pageSize } = table.state.pagination;
  const page = toPage(pageIndex);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  return (
    <p className="text-xs text-slate-500" data-testid="table-range-top">
      {describeRange(page, pageSize, total)} · Page {Math.min(page, pageCount)} of {pageCount}
    </p>
  );
}

export function DataTablePagination<TData extends RowData>({ table, total, freshness, isLoading }: DataTablePaginationProps<TData>) {
  const { pageIndex, pageSize } = table.state.pagination;
  const page = toPage(pageIndex);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <div className="flex items-center gap-4">
        <p aria-live="polite" data-testid="table-range">
          {isLoading ? 'Loading…' : describeRange(page, pageSize, total)}
        </p>
        {freshness}
      </div>
      <div className="flex items-center gap-4">
        <label className="flex items-center gap-2">
          <span>Rows per page</span>
          <Select className="w-24" value={pageSize} onChange={(event) => table.setPageSize(Number(event.target.value))}>
            {pageSizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </Select>
        </label>
        <span>
          Page {Math.min(page, pageCount)} of {pageCount}
        </span>
        <div className="flex gap-1">
          <Button size="sm" aria-label="First page" onClick={() => table.setPageIndex(0)} disabled={page <= 1}>
            «
          </Button>
          <Button size="sm" aria-label="Previous page" onClick={() => table.setPageIndex(pageIndex - 1)} disabled={page <= 1}>
            ‹ Previous
          </Button>
          <Button size="sm" aria-label="Next page" onClick={() => table.setPageIndex(pageIndex + 1)} disabled={page >= pageCount}>
            Next ›
          </Button>
          <Button size="sm" aria-label="Last page" onClick={() => table.setPageIndex(pageCount - 1)} disabled={page >= pageCount}>
            »
          </Button>
        </div>
      </div>
    </div>
  );
}
