import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import {
  listOrganizationsResponse,
  organizationRowSchema,
  type OrganizationColumn,
} from '@/lib/schemas/organization';
import { apiFetch } from './api-fetch';

export type OrganizationListParams = {
  page: number;
  pageSize: number;
  sort?: string | undefined;
  order: 'asc' | 'desc';
  q?: string | undefined;
  sciId?: number | undefined;
  columns: OrganizationColumn[];
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
  const search = new URLSearchParams();
  search.set('page', String(params.page));
  search.set('pageSize', String(params.pageSize));
  if (params.sort) {
    search.set('sort', params.sort);
    search.set('order', params.order);
  }
  if (params.q) search.set('q', params.q);
  if (params.sciId !== undefined) search.set('sciId', String(params.sciId));
  if (params.columns.length > 0) search.set('columns', params.columns.join(','));
  return search.toString();
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
      apiFetch(`/api/director/organizations/${encodeURIComponent(id)}`, { schema: organizationRowSchema, signal }),
  });
}
