'use client';

import { useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';

/**
 * The table's Refresh: fetches the list asking the BFF for the vendor's current one (`refresh=1`),
 * into the same query, then marks the other pages and filters of that list stale so they follow.
 */
export function useListRefresh(refreshOptions: Parameters<QueryClient['fetchQuery']>[0], listsKey: QueryKey): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.fetchQuery({ ...refreshOptions, staleTime: 0 });
    void queryClient.invalidateQueries({ queryKey: listsKey, refetchType: 'none' });
  };
}
