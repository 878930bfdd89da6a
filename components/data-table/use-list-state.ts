'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { rememberListSearch } from './list-return';
import { applyListChange, historyOf, parseListState, serializeListState, type ListState, type ListStateChange, type ListStateConfig } from './list-state';

/** The URL keys of one table: the list's own names plus its filters (the names the BFF reads too). */
function listKeys(config: ListStateConfig): string[] {
  return ['page', 'pageSize', 'sort', 'order', 'q', 'columns', ...config.filterKeys];
}

/**
 * A query string that stays readable when shared: `columns=name,status` and
 * `from=2026-05-01T08:00:00Z` keep their commas and colons (as nuqs, used here before, wrote them).
 */
export function renderQueryString(search: URLSearchParams): string {
  const encode = (text: string) => encodeURIComponent(text).replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%20/g, '+');
  const pairs = [...search].map(([key, value]) => `${encode(key)}=${encode(value)}`);
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

/**
 * Writes this list's keys into the current URL, leaving any other key and the order of the keys
 * as they are. Read from `location` at the moment of the change, so two quick changes in a row
 * both stick.
 */
function nextUrl(config: ListStateConfig, change: ListStateChange): string {
  const { pathname, search, hash } = window.location;
  const params = new URLSearchParams(search);
  const next = serializeListState(applyListChange(parseListState(params, config), change), config);
  for (const key of listKeys(config)) {
    const value = next.get(key);
    if (value === null) params.delete(key);
    else params.set(key, value);
  }
  return pathname + renderQueryString(params) + hash;
}

/**
 * List state lives in the URL (shareable, survives reload, back button works). Changes are shallow:
 * Next's router takes the browser's own pushState/replaceState as navigation within the page, so a
 * page flip or a filter change re-renders the table from `useSearchParams` without asking the server
 * for the page again. Page, filter, sort and column changes are history entries (Back walks through
 * them); typing in search and mending a bad URL replace the current entry. Values are read leniently
 * (`parseListState` drops what the list does not know) and written in one canonical form.
 */
export function useListState(config: ListStateConfig): [ListState, (change: ListStateChange) => void] {
  const searchParams = useSearchParams();
  // Next's router reads a pushState into useSearchParams in a transition, after the event: until
  // then the change is held here, or a controlled control (a column's checkbox, a filter's select)
  // would snap back to its old value for a moment, and read as not changed at all.
  const [pending, setPending] = useState<string | null>(null);
  const current = searchParams.toString();
  const search = pending ?? current;
  // Held until the router shows it, or until Back/Forward leaves it.
  useEffect(() => {
    if (pending !== null && current === pending) setPending(null);
  }, [current, pending]);
  useEffect(() => {
    const drop = () => setPending(null);
    window.addEventListener('popstate', drop);
    return () => window.removeEventListener('popstate', drop);
  }, []);
  const state = useMemo(() => parseListState(new URLSearchParams(search), config), [search, config]);

  // Links back to this list (and the redirect after a delete) return to it as it is now.
  const pathname = usePathname();
  const canonical = useMemo(() => serializeListState(state, config).toString(), [state, config]);
  useEffect(() => rememberListSearch(pathname, canonical), [pathname, canonical]);

  const setState = useCallback(
    (change: ListStateChange) => {
      const url = nextUrl(config, change);
      if (url === window.location.pathname + window.location.search + window.location.hash) return;
      if (historyOf(change) === 'push') window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
      setPending(new URLSearchParams(window.location.search).toString());
    },
    [config],
  );

  return [state, setState];
}
