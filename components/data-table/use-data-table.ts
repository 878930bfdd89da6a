'use client';

import {
  functionalUpdate,
  useTable,
  type ColumnVisibilityState,
  type PaginationState,
  type RowData,
  type SortingState,
  type Updater,
} from '@tanstack/react-table';
import { useEffect, useMemo } from 'react';
import { dataTableFeatures, type DataTableColumn } from './features';
import { lastPageOf, toPage, toPageIndex, type ListState, type ListStateChange } from './list-state';

type UseDataTableOptions<TData extends RowData> = {
  columns: Array<DataTableColumn<TData>>;
  data: TData[];
  total: number;
  state: ListState;
  onStateChange: (change: ListStateChange) => void;
  getRowId: (row: TData) => string;
};

/**
 * TanStack Table in manual mode, its state derived from (and written back to) the URL list state.
 * A page past the end (an old link, the last row of the last page deleted) comes back empty with
 * the list's total: the table moves to the last page and mends the URL in place.
 */
export function useDataTable<TData extends RowData>({ columns, data, total, state, onStateChange, getRowId }: UseDataTableOptions<TData>) {
  const lastPage = lastPageOf(total, state.pageSize);
  const isPastTheEnd = data.length === 0 && total > 0 && state.page > lastPage;
  useEffect(() => {
    if (isPastTheEnd) onStateChange({ page: lastPage, history: 'replace' });
  }, [isPastTheEnd, lastPage, onStateChange]);

  const pagination = useMemo<PaginationState>(() => ({ pageIndex: toPageIndex(state.page), pageSize: state.pageSize }), [state.page, state.pageSize]);
  const sorting = useMemo<SortingState>(() => (state.sort ? [{ id: state.sort, desc: state.order === 'desc' }] : []), [state.sort, state.order]);
  const columnVisibility = useMemo<ColumnVisibilityState>(() => {
    const visibility: ColumnVisibilityState = {};
    for (const column of columns) {
      if (column.id && column.enableHiding !== false) visibility[column.id] = state.columns.includes(column.id);
    }
    return visibility;
  }, [columns, state.columns]);

  return useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId,
    rowCount: total,
    manualPagination: true,
    manualSorting: true,
    enableMultiSort: false,
    state: { pagination, sorting, columnVisibility },
    onPaginationChange: (updater: Updater<PaginationState>) => {
      const next = functionalUpdate(updater, pagination);
      onStateChange(next.pageSize !== pagination.pageSize ? { pageSize: next.pageSize } : { page: toPage(next.pageIndex) });
    },
    onSortingChange: (updater: Updater<SortingState>) => {
      const [first] = functionalUpdate(updater, sorting);
      onStateChange(first ? { sort: first.id, order: first.desc ? 'desc' : 'asc' } : { sort: undefined, order: 'asc', page: 1 });
    },
    onColumnVisibilityChange: (updater: Updater<ColumnVisibilityState>) => {
      const next = functionalUpdate(updater, columnVisibility);
      onStateChange({ columns: Object.keys(columnVisibility).filter((id) => next[id] !== false) });
    },
  });
}
