'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { applyListChange, parseListState, serializeListState, type ListState, type ListStateChange, type ListStateConfig } from './list-state';

/**
 * List state lives in the URL (shareable, survives reload, back button works); this hook reads it
 * and writes changes with router.replace so typing in search does not pile up history entries.
 */
export function useListState(config: ListStateConfig): [ListState, (change: ListStateChange) => void] {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();
  const key = searchParams.toString();
  // The key string is the dependency so a new URLSearchParams object with equal content is not a change.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const state = useMemo(() => parseListState(new URLSearchParams(key), config), [key, config]);

  // router.replace lands a moment later; a second change before then builds on the first, not on
  // the URL it is about to replace (two quick filter choices must both stick).
  const pending = useRef<{ search: string; at: number } | null>(null);
  useEffect(() => {
    if (pending.current?.search === key) pending.current = null;
  }, [key]);

  const setState = useCallback(
    (change: ListStateChange) => {
      const isPendingFresh = pending.current !== null && Date.now() - pending.current.at < 2_000;
      const base = isPendingFresh && pending.current ? pending.current.search : window.location.search;
      const current = parseListState(new URLSearchParams(base), config);
      const search = serializeListState(applyListChange(current, change), config).toString();
      pending.current = { search, at: Date.now() };
      router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false });
    },
    [config, pathname, router],
  );

  return [state, setState];
}
