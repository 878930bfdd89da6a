import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { AuditChainReport, AuditListResponse } from '@/lib/schemas/audit';
import type { AuditOutcome } from '@/lib/schemas/audit-fields';
import { apiFetch } from './api-fetch';
import { auditKeys } from './query-keys';

/** The filters of the trail as the URL and the API spell them (instants as ISO strings). */
export type AuditFilterParams = {
  q?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  user?: string | undefined;
  action?: string | undefined;
  outcome?: AuditOutcome | undefined;
};

export type AuditListParams = AuditFilterParams & {
  page: number;
  pageSize: number;
  sort?: string | undefined;
  order: 'asc' | 'desc';
};

function filterSearch(params: AuditFilterParams, search = new URLSearchParams()): URLSearchParams {
  for (const key of ['q', 'from', 'to', 'user', 'action', 'outcome'] as const) {
    const value = params[key];
    if (value) search.set(key, value);
  }
  return search;
}

/** The query string of `GET /api/audit`; empty values are left out so keys stay stable. */
export function auditListSearch(params: AuditListParams): string {
  const search = new URLSearchParams();
  search.set('page', String(params.page));
  search.set('pageSize', String(params.pageSize));
  if (params.sort) {
    search.set('sort', params.sort);
    search.set('order', params.order);
  }
  return filterSearch(params, search).toString();
}

/** Where the browser downloads the CSV of what the table shows (all pages, same filters). */
export function auditExportHref(params: AuditFilterParams): string {
  const search = filterSearch(params).toString();
  return search ? `/api/audit/export?${search}` : '/api/audit/export';
}

export function auditListOptions(params: AuditListParams) {
  const search = auditListSearch(params);
  return queryOptions({
    queryKey: auditKeys.list(search),
    queryFn: ({ signal }) => apiFetch<AuditListResponse>(`/api/audit?${search}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function auditChainOptions() {
  return queryOptions({
    queryKey: auditKeys.chain(),
    queryFn: ({ signal }) => apiFetch<AuditChainReport>('/api/audit/chain', { signal }),
    // The server reuses a check for minutes; asking again on every focus would only get the same one.
    staleTime: 60_000,
  });
}
