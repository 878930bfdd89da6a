'use client';

import { useQueryClient, type QueryFunction, type QueryKey, type SkipToken } from '@tanstack/react-query';

/**
 * The table's Refresh: fetches the list asking the BFF for the vendor's current one (`refresh=1`),
 * into the same query, then marks the other pages and filters of that list stale so they follow.
 */
export function useListRefresh<TData, TKey extends QueryKey>(
  refreshOptions: { queryKey: TKey; queryFn?: QueryFunction<TData, TKey> | SkipToken | undefined },
  listsKey: QueryKey,
): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.fetchQuery({
      queryKey: refreshOptions.queryKey,
      queryFn: refreshOptions.queryFn,
      staleTime: 0,
    });
    void queryClient.invalidateQueries({ queryKey: listsKey, refetchType: 'none' });
  };
}
