import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { ListResponse } from '@/lib/schemas/common';
import type { UserDetail, UserRow } from '@/lib/schemas/user';
import type { UserColumn } from '@/lib/schemas/user-fields';
import { apiFetch } from './api-fetch';
import { listSearch, refreshSearch, type ListParams, type ListRefreshOption } from './list-search';

export type UserListParams = ListParams<UserColumn> & {
  sciId?: number | undefined;
  /** 0 = administrators */
  orgId?: number | undefined;
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
  return listSearch(params, { sciId: params.sciId, orgId: params.orgId });
}

export function userListOptions(params: UserListParams, { refresh }: ListRefreshOption = {}) {
  const search = refresh ? refreshSearch(userListSearch(params)) : userListSearch(params);
  return queryOptions({
    queryKey: userKeys.list(params),
    queryFn: ({ signal }) => apiFetch<ListResponse<UserRow>>(`/api/director/users?${search}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function userDetailOptions(id: string) {
  return queryOptions({
    queryKey: userKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<UserDetail>(`/api/director/users/${encodeURIComponent(id)}`, { signal }),
  });
}
