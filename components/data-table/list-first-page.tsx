'use client';

import { type DehydratedState, HydrationBoundary, hashKey, type QueryKey } from '@tanstack/react-query';
import { type ReactNode, useMemo } from 'react';
import { toApiError } from '@/lib/api/api-fetch';
import type { ListFirstPage } from '@/lib/schemas/list-first-page';

/**
 * Puts a list's first page, read by the page's server, into the query cache under the key the
 * table asks for, before the table renders: its rows are in the server's HTML and no request for
 * them follows hydration. An error the server met shows as the table's error state, as if its own
 * request had failed. A newer answer the browser already holds (Back to the list) is kept. Without
 * a first page (the server did not wait for a slow one) the table asks for it itself.
 */
export function ListFirstPageBoundary({ queryKey, firstPage, children }: { queryKey: QueryKey; firstPage: ListFirstPage | undefined; children: ReactNode }) {
  const state = useMemo<DehydratedState | undefined>(() => {
    if (!firstPage) return undefined;
    const { at } = firstPage;
    const isError = 'error' in firstPage;
    return {
      mutations: [],
      queries: [
        {
          queryKey,
          queryHash: hashKey(queryKey),
          dehydratedAt: at,
          state: {
            data: isError ? undefined : firstPage.data,
            dataUpdateCount: isError ? 0 : 1,
            dataUpdatedAt: isError ? 0 : at,
            error: isError ? toApiError(firstPage.status, firstPage.error) : null,
            errorUpdateCount: isError ? 1 : 0,
            errorUpdatedAt: isError ? at : 0,
            fetchFailureCount: isError ? 1 : 0,
            fetchFailureReason: null,
            fetchMeta: null,
            isInvalidated: false,
            status: isError ? 'error' : 'success',
            fetchStatus: 'idle',
          },
        },
      ],
    };
  }, [queryKey, firstPage]);
  return state ? <HydrationBoundary state={state}>{children}</HydrationBoundary> : children;
}
