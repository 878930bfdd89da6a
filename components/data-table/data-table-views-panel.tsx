'use client';

import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorPanel } from '@/components/ui/error-panel';
import { Input } from '@/components/ui/input';
import { notifyDone, notifyFailed } from '@/components/ui/notify';
import { isApiError } from '@/lib/api/api-error';
import { useDeleteView, useSaveView, useSetDefaultView, viewListOptions } from '@/lib/api/views';
import { type ViewPage, viewStateKeys } from '@/lib/schemas/view-pages';
import type { SavedViewDto } from '@/lib/schemas/views';
import type { PopoverPanelProps } from './lazy-popover';
import type { ListState, ListStateChange, ListStateConfig } from './list-state';
import { changeOfView, viewStateOf } from './saved-view-state';
import { ToolbarPopover } from './toolbar-popover';

type ViewsPanelProps = PopoverPanelProps & {
  page: ViewPage;
  state: ListState;
  config: ListStateConfig;
  onApply: (change: ListStateChange) => void;
};

/** The message for the name field: the server's own words about the name, else what went wrong. */
function saveErrorOf(error: unknown): string {
  if (isApiError(error)) return error.details?.name?.[0] ?? error.details?.state?.[0] ?? error.message;
  return error instanceof Error ? error.message : 'Could not save the view.';
}

/** The Views menu's panel: apply, make default, delete the reader's saved views, and save the current one. */
export function DataTableViewsPanel({ page, state, config, onApply, ...popover }: ViewsPanelProps) {
  const views = useQuery(viewListOptions(page));
  const save = useSaveView(page);
  const setDefault = useSetDefaultView(page);
  const remove = useDeleteView(page);
  const [name, setName] = useState('');
  const [isDefault, setIsDefault] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const nameId = useId();
  const errorId = useId();
  const listId = useId();

  function apply(view: SavedViewDto) {
    onApply(changeOfView(view.state, config));
    popover.onOpenChange(false);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '') {
      setError('Give the view a name.');
      return;
    }
    setError(undefined);
    save.mutate(
      { name: trimmed, state: viewStateOf(state, config, viewStateKeys[page]), isDefault: isDefault || undefined },
      {
        onSuccess: (saved) => {
          setName('');
          setIsDefault(false);
          notifyDone(`Saved view '${saved.name}'`);
        },
        // What was typed stays in the field, with the reason beside it.
        onError: (err) => setError(saveErrorOf(err)),
      },
    );
  }

  function toggleDefault(view: SavedViewDto) {
    setDefault.mutate(view.isDefault ? null : view.id, {
      onSuccess: () => notifyDone(view.isDefault ? `The page opens as it is again, not with '${view.name}'` : `The page opens with '${view.name}'`),
      onError: (err) => notifyFailed('Could not change the default view', err),
    });
  }

  function onDelete(view: SavedViewDto) {
    remove.mutate(view.id, {
      onSuccess: () => notifyDone(`Deleted view '${view.name}'`),
      onError: (err) => notifyFailed(`Could not delete view '${view.name}'`, err),
    });
  }

  const saved = views.data?.views ?? [];
  return (
    <ToolbarPopover {...popover} label="Saved views" className="w-80 space-y-3 p-3">
      <h2 id={listId} className="font-semibold">
        Saved views
      </h2>
      {views.error ? (
        <ErrorPanel title="Could not load your saved views" error={views.error} onRetry={() => void views.refetch()} />
      ) : views.isLoading ? (
        <p className="text-slate-500">Loading…</p>
      ) : saved.length === 0 ? (
        <p className="text-slate-500">No saved views for this page yet.</p>
      ) : (
        <ul aria-labelledby={listId} className="max-h-64 space-y-1 overflow-y-auto">
          {saved.map((view) => (
            <li key={view.id} className="flex items-center gap-1">
              <button
                type="button"
                onClick={() => apply(view)}
                className="min-w-0 flex-1 truncate rounded px-2 py-1 text-left hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
              >
                {view.name}
                {view.isDefault ? <span className="ml-1.5 text-xs text-slate-500">(default)</span> : null}
              </button>
              <Button
                size="sm"
                variant="ghost"
                aria-label={view.isDefault ? `Clear '${view.name}' as the default` : `Make '${view.name}' the default`}
                disabled={setDefault.isPending}
                onClick={() => toggleDefault(view)}
              >
                {view.isDefault ? 'Clear default' : 'Set default'}
              </Button>
              <Button size="sm" variant="ghost" aria-label={`Delete view '${view.name}'`} disabled={remove.isPending} onClick={() => onDelete(view)}>
                Delete
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={onSubmit} noValidate className="space-y-2 border-t border-slate-200 pt-3">
        <label htmlFor={nameId} className="block font-medium">
          Save current view as…
        </label>
        <Input
          id={nameId}
          value={name}
          placeholder="Name"
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => setName(event.target.value)}
        />
        {error ? (
          <p id={errorId} className="text-red-700">
            {error}
          </p>
        ) : null}
        <label className="flex items-center gap-2">
          <input type="checkbox" className="size-4 accent-indigo-600" checked={isDefault} onChange={(event) => setIsDefault(event.target.checked)} />
          Open this page with it
        </label>
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save view'}
        </Button>
      </form>
    </ToolbarPopover>
  );
}
