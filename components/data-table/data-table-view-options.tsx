'use client';

import type { ReactTable, RowData } from '@tanstack/react-table';
import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { DataTableFeatures } from './features';

/** The column chooser. At least one column stays visible so the table never collapses to nothing. */
export function DataTableViewOptions<TData extends RowData>({ table }: { table: ReactTable<DataTableFeatures, TData> }) {
  const [isOpen, setIsOpen] = useState(false);
  const panelId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const hideable = table.getAllLeafColumns().filter((column) => column.getCanHide());
  const visibleCount = hideable.filter((column) => column.getIsVisible()).length;

  useEffect(() => {
    if (!isOpen) return;
    function onPointerDown(event: PointerEvent) {
      if (!containerRef.current?.contains(event.target as Node)) setIsOpen(false);
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === 'Escape') setIsOpen(false);
    }
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [isOpen]);

  return (
    <div ref={containerRef} className="relative">
      <Button aria-expanded={isOpen} aria-controls={panelId} onClick={() => setIsOpen((open) => !open)}>
        Columns
        <span className="text-xs text-slate-500">
          {visibleCount}/{hideable.length}
        </span>
      </Button>
      {isOpen ? (
        <div
          id={panelId}
          role="group"
          aria-label="Visible columns"
          className="absolute right-0 z-20 mt-1 max-h-96 w-60 overflow-y-auto rounded-lg border border-slate-200 bg-white p-2 shadow-lg"
        >
          {hideable.map((column) => {
            const header = column.columnDef.header;
            const label = typeof header === 'string' ? header : column.id;
            const isVisible = column.getIsVisible();
            return (
              <label key={column.id} className="flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50">
                <input
                  type="checkbox"
                  className="size-4 accent-indigo-600"
                  checked={isVisible}
                  disabled={isVisible && visibleCount === 1}
                  onChange={(event) => column.toggleVisibility(event.target.checked)}
                />
                {label}
              </label>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}
