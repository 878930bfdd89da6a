'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { useDismiss } from '@/components/ui/use-dismiss';
import { Input } from '@/components/ui/input';
import { ApiError } from '@/lib/api/api-error';
import { deleteView, saveColumns, saveView, setDefaultView, viewKeys, viewsOptions } from '@/lib/api/views';
import type { ViewPage } from '@/lib/schemas/views';
import type { ListViewBinding } from './use-list-state';

export type SavedViewsMenuProps = { page: ViewPage; binding: ListViewBinding };

function messageOf(error: unknown): string {
  if (error instanceof ApiError) return Object.values(error.details ?? {})[0]?.[0] ?? error.message;
  return error instanceof Error ? error.message : 'Something went wrong.';
}

/**
 * Saved views of one list page: apply, save the current filters, sort and columns under a name, make
 * one the page's default, delete. Opening the page without a query applies the default view, or
 * else the reader's column choice, which is kept whenever they change columns.
 */
export function SavedViewsMenu({ page, binding }: SavedViewsMenuProps) {
  const queryClient = useQueryClient();
  const views = useQuery(viewsOptions(page));
  const [isOpen, setIsOpen] = useState(false);
  const close = useCallback(() => setIsOpen(false), []);
  const [name, setName] = useState('');
  const [isDefault, setIsDefault] = useState(false);
  const panelId = useId();
  const nameId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: viewKeys.page(page) });

  // What the URL held when the page opened: a default applies only to a page opened without a query.
  const openedWith = useRef<string | null>(null);
  // Rendered in the browser only (see data-table-saved-views.tsx), so the address is there to read.
  openedWith.current ??= window.location.search.slice(1);
  const hasStarted = useRef(false);
  const lastColumns = useRef<string | null>(null);
  const { apply, columns } = binding;
  const columnKey = columns.join(',');

  useEffect(() => {
    if (hasStarted.current || !views.data) return;
    hasStarted.current = true;
    const preferred = views.data.views.find((v) => v.isDefault);
    if (openedWith.current === '' && preferred) {
      apply(new URLSearchParams(preferred.state), 'replace');
      lastColumns.current = preferred.state.columns ?? null;
      return;
    }
    const kept = views.data.columns;
    if (kept && !new URLSearchParams(openedWith.current ?? '').has('columns')) {
      const search = new URLSearchParams(openedWith.current ?? '');
      search.set('columns', kept.join(','));
      apply(search, 'replace');
      lastColumns.current = kept.join(',');
      return;
    }
    lastColumns.current = columnKey;
  }, [views.data, apply, columnKey]);

  // A column change by the reader is kept as their choice for this page (not one a view or the start applied).
  useEffect(() => {
    if (!hasStarted.current || lastColumns.current === null || columnKey === lastColumns.current || columnKey === '') return;
    lastColumns.current = columnKey;
    void saveColumns(page, columnKey.split(',')).catch(() => undefined);
  }, [columnKey, page]);

  useDismiss(containerRef, isOpen, close);

  const save = useMutation({
    mutationFn: () => saveView({ page, name, state: Object.fromEntries(new URLSearchParams(binding.search)), isDefault: isDefault || undefined }),
    onSuccess: () => {
      setName('');
      setIsDefault(false);
      return refresh();
    },
  });
  const makeDefault = useMutation({ mutationFn: (id: string | null) => setDefaultView(page, id), onSuccess: refresh });
  const remove = useMutation({ mutationFn: deleteView, onSuccess: refresh });
  const failure = save.error ?? makeDefault.error ?? remove.error;

  function onSave(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  const list = views.data?.views ?? [];
  return (
    <div ref={containerRef} className="relative">
      <Button aria-expanded={isOpen} aria-controls={panelId} onClick={() => setIsOpen((open) => !open)}>
        Views
        {list.length > 0 ? <span className="text-xs text-slate-500">{list.length}</span> : null}
      </Button>
      {isOpen ? (
        <div
          id={panelId}
          role="group"
          aria-label="Saved views"
          className="absolute right-0 z-20 mt-1 w-80 space-y-2 rounded-lg border border-slate-200 bg-white p-3 shadow-lg"
        >
          {views.isError ? <p className="text-sm text-red-700">Could not load your saved views: {messageOf(views.error)}</p> : null}
          {list.length === 0 && views.isSuccess ? <p className="text-sm text-slate-500">No saved views yet.</p> : null}
          <ul className="max-h-64 space-y-1 overflow-y-auto" aria-label="Your views">
            {list.map((view) => (
              <li key={view.id} className="flex items-center gap-1 text-sm">
                <button
                  type="button"
                  className="min-w-0 flex-1 truncate rounded px-2 py-1 text-left hover:bg-slate-50"
                  onClick={() => {
                    apply(new URLSearchParams(view.state), 'push');
                    setIsOpen(false);
                  }}
                >
                  {view.name}
                  {view.isDefault ? <span className="ml-1 text-xs text-indigo-700">(default)</span> : null}
                </button>
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={view.isDefault ? `Stop opening the page with ${view.name}` : `Open the page with ${view.name}`}
                  onClick={() => makeDefault.mutate(view.isDefault ? null : view.id)}
                >
                  {view.isDefault ? 'Undefault' : 'Default'}
                </Button>
                <Button size="sm" variant="ghost" aria-label={`Delete view ${view.name}`} onClick={() => remove.mutate(view.id)}>
                  Delete
                </Button>
              </li>
            ))}
          </ul>
          <form onSubmit={onSave} className="space-y-2 border-t border-slate-100 pt-2">
            <label htmlFor={nameId} className="block text-sm font-medium text-slate-700">
              Save the current view as
            </label>
            <Input id={nameId} value={name} maxLength={60} onChange={(event) => setName(event.target.value)} aria-invalid={save.isError || undefined} />
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" className="size-4 accent-indigo-600" checked={isDefault} onChange={(event) => setIsDefault(event.target.checked)} />
              Open this page with it
            </label>
            {failure ? (
              <p role="alert" className="text-sm text-red-700">
                {messageOf(failure)}
              </p>
            ) : null}
            <Button type="submit" variant="primary" size="sm" disabled={save.isPending || name.trim() === ''}>
              Save view
            </Button>
          </form>
        </div>
      ) : null}
    </div>
  );
}
