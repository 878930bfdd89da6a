'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
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

  const setState = useCallback(
    (change: ListStateChange) => {
      const current = parseListState(new URLSearchParams(window.location.search), config);
      const search = serializeListState(applyListChange(current, change), config).toString();
      router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false });
    },
    [config, pathname, router],
  );

  return [state, setState];
}
