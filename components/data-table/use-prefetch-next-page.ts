'use client';

import { useQueryClient, type QueryFunction, type QueryKey, type SkipToken } from '@tanstack/react-query';
import { useEffect } from 'react';

type Paged = { page: number; pageSize: number };

/**
 * Once a page is on screen, fetches the next one into the cache, so Next shows it at once. Only the
 * next page and only when there is one: a reader paging through costs one request per page.
 */
export function usePrefetchNextPage<P extends Paged, TData, TKey extends QueryKey>(
  params: P,
  total: number | undefined,
  optionsFor: (params: P) => { queryKey: TKey; queryFn?: QueryFunction<TData, TKey> | SkipToken | undefined },
): void {
  const queryClient = useQueryClient();
  const next = total !== undefined && params.page * params.pageSize < total ? optionsFor({ ...params, page: params.page + 1 }) : undefined;
  const nextKey = next ? JSON.stringify(next.queryKey) : undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key string is the dependency; a new options object for the same page is not a new page.
  useEffect(() => {
    if (!next) return;
    // After the page now shown is painted (the frame, then the task after it): asking for the next
    // one is not what a reader waits for, and a flip's effects otherwise run before its paint.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => void queryClient.prefetchQuery({ queryKey: next.queryKey, queryFn: next.queryFn }), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [nextKey, queryClient]);
}
