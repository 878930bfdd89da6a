import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { listUsersResponse, userRowSchema, type UserColumn } from '@/lib/schemas/user';
import { apiFetch } from './api-fetch';

export type UserListParams = {
  page: number;
  pageSize: number;
  sort?: string | undefined;
  order: 'asc' | 'desc';
  q?: string | undefined;
  sciId?: number | undefined;
  /** 0 = administrators */
  orgId?: number | undefined;
  columns: UserColumn[];
};

/** Kept beside the resource (not in query-keys.ts) so this resource's files change together. */
export const userKeys = {
  all: ['users'] as const,
  lists: () => [...userKeys.all, 'list'] as const,
  list: (params: UserListParams) => [...userKeys.lists(), params] as const,
  details: () => [...userKeys.all, 'detail'] as const,
  detail: (id: string) => [...userKeys.details(), id] as const,
};

export function userListSearch(params: UserListParams): string {
  const search = new URLSearchParams();
  search.set('page', String(params.page));
  search.set('pageSize', String(params.pageSize));
  if (params.sort) {
    search.set('sort', params.sort);
    search.set('order', params.order);
  }
  if (params.q) search.set('q', params.q);
  if (params.sciId !== undefined) search.set('sciId', String(params.sciId));
  if (params.orgId !== undefined) search.set('orgId', String(params.orgId));
  if (params.columns.length > 0) search.set('columns', params.columns.join(','));
  return search.toString();
}

export function userListOptions(params: UserListParams) {
  return queryOptions({
    queryKey: userKeys.list(params),
    queryFn: ({ signal }) => apiFetch(`/api/director/users?${userListSearch(params)}`, { schema: listUsersResponse, signal }),
    placeholderData: keepPreviousData,
  });
}

export function userDetailOptions(id: string) {
  return queryOptions({
    queryKey: userKeys.detail(id),
    queryFn: ({ signal }) => apiFetch(`/api/director/users/${encodeURIComponent(id)}`, { schema: userRowSchema, signal }),
  });
}
