'use client';

import type { ReactTable, RowData } from '@tanstack/react-table';
import { lazy } from 'react';
import type { ViewPage } from '@/lib/schemas/view-pages';
import type { DataTableFeatures } from './features';
import { LazyPopoverButton } from './lazy-popover';
import { loadPanels } from './load-panels';

const ColumnsPanel = lazy(() => loadPanels().then((panels) => ({ default: panels.DataTableColumnsPanel })));

type DataTableViewOptionsProps<TData extends RowData> = {
  table: ReactTable<DataTableFeatures, TData>;
  /** keeps the reader's choice for this page (app/api/views/columns); none for an embedded table */
  page?: ViewPage;
};

/** The column chooser: its panel, on Radix's popover, loads on the first opening. */
export function DataTableViewOptions<TData extends RowData>({ table, page }: DataTableViewOptionsProps<TData>) {
  const hideable = table.getAllLeafColumns().filter((column) => column.getCanHide());
  const visibleCount = hideable.filter((column) => column.getIsVisible()).length;
  // The panel reads only the columns (ids, headers, visibility), whatever the row type.
  const anyRows = table as ReactTable<DataTableFeatures, RowData>;
  return (
    <LazyPopoverButton preload={loadPanels} panel={(popover) => <ColumnsPanel {...popover} table={anyRows} page={page} />}>
      Columns
      <span className="text-xs text-slate-500">
        {visibleCount}/{hideable.length}
      </span>
    </LazyPopoverButton>
  );
}
