'use client';

import type { ReactTable, RowData } from '@tanstack/react-table';
import { notifyFailed } from '@/components/ui/notify';
import { saveColumnChoice } from '@/lib/api/views';
import type { ViewPage } from '@/lib/schemas/view-pages';
import type { DataTableFeatures } from './features';
import type { PopoverPanelProps } from './lazy-popover';
import { ToolbarPopover } from './toolbar-popover';

type ColumnsPanelProps = PopoverPanelProps & {
  table: ReactTable<DataTableFeatures, RowData>;
  /** the page whose column choice is kept for the reader; none for a table embedded in another page */
  page: ViewPage | undefined;
};

/** The column chooser's panel. At least one column stays visible so the table never collapses to nothing. */
export function DataTableColumnsPanel({ table, page, ...popover }: ColumnsPanelProps) {
  const columns = table
    .getAllLeafColumns()
    .filter((column) => column.getCanHide())
    .map((column) => {
      const header = column.columnDef.header;
      return { id: column.id, label: typeof header === 'string' ? header : column.id, isVisible: column.getIsVisible() };
    });
  const visibleCount = columns.filter((column) => column.isVisible).length;

  function toggle(id: string, isVisible: boolean) {
    table.getColumn(id)?.toggleVisibility(isVisible);
    if (!page) return;
    const visible = columns.filter((column) => (column.id === id ? isVisible : column.isVisible)).map((column) => column.id);
    saveColumnChoice(page, visible).catch((error: unknown) => notifyFailed('Could not keep this column choice for next time', error));
  }

  return (
    <ToolbarPopover {...popover} label="Column chooser" className="max-h-96 w-60 overflow-y-auto">
      <div role="group" aria-label="Visible columns">
        {columns.map((column) => (
          <label key={column.id} className="flex cursor-pointer items-center gap-2 rounded px-2 py-1 hover:bg-slate-50">
            <input
              type="checkbox"
              className="size-4 accent-indigo-600"
              checked={column.isVisible}
              disabled={column.isVisible && visibleCount === 1}
              onChange={(event) => toggle(column.id, event.target.checked)}
            />
            {column.label}
          </label>
        ))}
      </div>
    </ToolbarPopover>
  );
}
