import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import {
  listOrganizationsResponse,
  organizationDetailResponse,
  type OrganizationColumn,
} from '@/lib/schemas/organization';
import { apiFetch } from './api-fetch';
import { listSearch, type ListParams } from './list-search';

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

export function organizationListOptions(params: OrganizationListParams) {
  return queryOptions({
    queryKey: organizationKeys.list(params),
    queryFn: ({ signal }) =>
      apiFetch(`/api/director/organizations?${organizationListSearch(params)}`, { schema: listOrganizationsResponse, signal }),
    placeholderData: keepPreviousData,
  });
}

export function organizationDetailOptions(id: string) {
  return queryOptions({
    queryKey: organizationKeys.detail(id),
    queryFn: ({ signal }) =>
      apiFetch(`/api/director/organizations/${encodeURIComponent(id)}`, { schema: organizationDetailResponse, signal }),
  });
}
