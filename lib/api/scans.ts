import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { ListResponse } from '@/lib/schemas/common';
import type { ScanDetail, ScanRow } from '@/lib/schemas/scan';
import type { ScanColumn } from '@/lib/schemas/scan-fields';
import { apiFetch } from './api-fetch';
import { listSearch, refreshSearch, type ListParams, type ListRefreshOption } from './list-search';

/** Query keys: every key starts with its resource so one invalidation covers a resource. */
export const scanKeys = {
  all: ['scans'] as const,
  lists: () => [...scanKeys.all, 'list'] as const,
  list: (params: ScanListParams) => [...scanKeys.lists(), params] as const,
  details: () => [...scanKeys.all, 'detail'] as const,
  detail: (id: string) => [...scanKeys.details(), id] as const,
};

export type ScanListParams = ListParams<ScanColumn> & {
  sciId?: number | undefined;
  orgId?: number | undefined;
};

/** The query string of `GET /api/director/scans`; empty values are left out so keys stay stable. */
export function scanListSearch(params: ScanListParams): string {
  return listSearch(params, { sciId: params.sciId, orgId: params.orgId });
}

export function scanListOptions(params: ScanListParams, { refresh }: ListRefreshOption = {}) {
  const search = refresh ? refreshSearch(scanListSearch(params)) : scanListSearch(params);
  return queryOptions({
    queryKey: scanKeys.list(params),
    queryFn: ({ signal }) => apiFetch<ListResponse<ScanRow>>(`/api/director/scans?${search}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function scanDetailOptions(id: string) {
  return queryOptions({
    queryKey: scanKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<ScanDetail>(`/api/director/scans/${encodeURIComponent(id)}`, { signal }),
  });
}
