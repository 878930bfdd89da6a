'use client';

import { parseAsString, useQueryStates } from 'nuqs';
import { usePathname } from 'next/navigation';
import { useCallback, useEffect, useMemo } from 'react';
import { rememberListSearch } from './list-return';
import { applyListChange, historyOf, parseListState, serializeListState, type ListState, type ListStateChange, type ListStateConfig } from './list-state';

/** The URL keys of one table: the list's own names plus its filters (the names the BFF reads too). */
function listKeys(config: ListStateConfig): Record<string, typeof parseAsString> {
  const keys: Record<string, typeof parseAsString> = {};
  for (const key of ['page', 'pageSize', 'sort', 'order', 'q', 'columns', ...config.filterKeys]) keys[key] = parseAsString;
  return keys;
}

/**
 * List state lives in the URL (shareable, survives reload, back button works). nuqs writes it with
 * shallow updates, so a page flip or a filter change re-renders the table without asking the server
 * for the page again, and queues quick changes so two in a row both stick. Page, filter, sort and
 * column changes are history entries (Back walks through them); typing in search and mending a bad
 * URL replace the current entry. Values are read leniently
 * (`parseListState` drops what the list does not know) and written in one canonical form.
 */
export function useListState(config: ListStateConfig): [ListState, (change: ListStateChange) => void] {
  const keys = useMemo(() => listKeys(config), [config]);
  const [values, setValues] = useQueryStates(keys, { shallow: true, scroll: false });

  const search = useMemo(() => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(values)) if (value !== null) params.set(key, value);
    return params.toString();
  }, [values]);
  const state = useMemo(() => parseListState(new URLSearchParams(search), config), [search, config]);

  // Links back to this list (and the redirect after a delete) return to it as it is now.
  const pathname = usePathname();
  const canonical = useMemo(() => serializeListState(state, config).toString(), [state, config]);
  useEffect(() => rememberListSearch(pathname, canonical), [pathname, canonical]);

  const setState = useCallback(
    (change: ListStateChange) =>
      void setValues(
        (current) => {
          const base = new URLSearchParams();
          for (const [key, value] of Object.entries(current)) if (value !== null) base.set(key, value);
          const next = serializeListState(applyListChange(parseListState(base, config), change), config);
          return Object.fromEntries(Object.keys(keys).map((key) => [key, next.get(key)]));
        },
        { history: historyOf(change) },
      ),
    [config, keys, setValues],
  );

  return [state, setState];
}
