import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { ListResponse } from '@/lib/schemas/common';
import type { OrganizationDetail, OrganizationRow } from '@/lib/schemas/organization';
import type { OrganizationColumn } from '@/lib/schemas/organization-fields';
import { apiFetch } from './api-fetch';
import { listSearch, refreshSearch, type ListParams, type ListRefreshOption } from './list-search';

export type OrganizationListParams = ListParams<OrganizationColumn> & {
  sciId?: number | undefined;
};

/** Kept beside the resource (not in query-keys.ts) so this resource's files change together. */
export const organizationKeys = {
  all: ['organizations'] as const,
  lists: () => [...organizationKeys.all, 'list'] as const,
  list: (params: OrganizationListParams) => [...organizationKeys.lists(), params] as const,
  details: () => [...organizationKeys.all, 'detail'] as const,
  detail: (id: string) => [...organizationKeys.details(), id] as const,
};

export function organizationListSearch(params: OrganizationListParams): string {
  return listSearch(params, { sciId: params.sciId });
}

export function organizationListOptions(params: OrganizationListParams, { refresh }: ListRefreshOption = {}) {
  const search = refresh ? refreshSearch(organizationListSearch(params)) : organizationListSearch(params);
  return queryOptions({
    queryKey: organizationKeys.list(params),
    queryFn: ({ signal }) => apiFetch<ListResponse<OrganizationRow>>(`/api/director/organizations?${search}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function organizationDetailOptions(id: string) {
  return queryOptions({
    queryKey: organizationKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<OrganizationDetail>(`/api/director/organizations/${encodeURIComponent(id)}`, { signal }),
  });
}
