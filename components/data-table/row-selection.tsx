'use client';

import type { RowData } from '@tanstack/react-table';
import { createContext, use, useCallback, useState } from 'react';
import type { DataTableColumn } from './features';

/** One chosen row as a bulk action names it: its id for the request, its name (and SCI) for the reader. */
export type ChosenItem = { id: string; label: string; detail?: string | undefined };
export type Chosen = ReadonlyMap<string, ChosenItem>;

type SelectionValue = { chosen: Chosen; onToggle: (items: readonly ChosenItem[], isOn: boolean) => void };

/**
 * What the selection column reads. A context rather than a column rebuilt per click, which would
 * remount every cell (and lose the checkbox's focus) each time.
 */
export const SelectionContext = createContext<SelectionValue | null>(null);

/** Which rows a list shows, apart from paging and order: its search and filters. */
export function selectionScopeOf(state: { q: string; filters: Record<string, string> }): string {
  return JSON.stringify([state.q, Object.entries(state.filters).sort(([a], [b]) => a.localeCompare(b))]);
}

/**
 * Rows chosen for a bulk action, kept across pages and sorts (an admin picks rows page by page)
 * until cleared or acted on. A new search or filter (`scope`, see selectionScopeOf) starts over:
 * rows chosen under the old one may no longer be among those shown, and a bulk delete must not
 * take rows the reader can no longer see among the ones they picked.
 */
export function useSelection(scope = '') {
  const [chosen, setChosen] = useState<Chosen>(() => new Map());
  const [chosenIn, setChosenIn] = useState(scope);
  // Cleared in the same render the new search shows in (React's way to reset state on a prop change), not an effect later.
  if (chosenIn !== scope) {
    setChosenIn(scope);
    if (chosen.size > 0) setChosen(new Map());
  }
  const onToggle = useCallback(
    (items: readonly ChosenItem[], isOn: boolean) =>
      setChosen((current) => {
        const next = new Map(current);
        for (const item of items) {
          if (isOn) next.set(item.id, item);
          else next.delete(item.id);
        }
        return next;
      }),
    [],
  );
  return { chosen, setChosen, onToggle };
}

/** Chooses its items (a row, or the rows of the page): checked when all are chosen, mixed when some are. */
function ChooseBox({ items, label }: { items: ChosenItem[]; label: string }) {
  // Always under the list's provider: the column exists only where the list gives one.
  const { chosen, onToggle } = use(SelectionContext) as SelectionValue;
  const count = items.filter((item) => chosen.has(item.id)).length;
  const isAll = items.length > 0 && count === items.length;
  return (
    <input
      type="checkbox"
      className="accent-indigo-600"
      aria-label={label}
      disabled={items.length === 0}
      checked={isAll}
      ref={(box) => {
        if (box) box.indeterminate = count > 0 && !isAll;
      }}
      onChange={() => onToggle(items, !isAll)}
    />
  );
}

type SelectionColumnOptions = {
  /** each row's checkbox name; "Select {name}" unless the choice is for something narrower */
  rowLabel?: (item: ChosenItem) => string;
  /** false: no checkbox for the whole page in the header (a choice made host by host) */
  hasPageBox?: boolean;
};

/** A first column of checkboxes (admins only): one per row, and one in the header for this page. */
export function selectionColumn<TData extends RowData>(
  toItem: (row: TData) => ChosenItem,
  plural: string,
  { rowLabel = (item) => `Select ${item.label}`, hasPageBox = true }: SelectionColumnOptions = {},
): DataTableColumn<TData> {
  return {
    id: 'select',
    header: ({ table }) =>
      hasPageBox ? (
        <ChooseBox items={table.getRowModel().rows.map((row) => toItem(row.original))} label={`Select all ${plural} on this page`} />
      ) : (
        <span className="sr-only">Choose</span>
      ),
    // Never in the column chooser; without an accessor it cannot be sorted either.
    enableHiding: false,
    cell: ({ row }) => {
      const item = toItem(row.original);
      return <ChooseBox items={[item]} label={rowLabel(item)} />;
    },
  };
}
