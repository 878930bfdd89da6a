import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import {
  listSecurityManagersResponse,
  securityManagerChoicesSchema,
  securityManagerFormContextSchema,
  securityManagerRowSchema,
  type CreateSecurityManager,
  type DeleteSecurityManager,
  type SecurityManagerColumn,
  type SecurityManagerRow,
  type SecurityManagerSelectionItem,
  type UpdateSecurityManager,
} from '@/lib/schemas/security-manager';
import type { Selection } from '@/lib/schemas/bulk';
import { apiFetch } from './api-fetch';
import { listExportHref, listSearch, type ListParams } from './list-search';

export type SecurityManagerListParams = ListParams<SecurityManagerColumn>;

/** Keys start with the resource and the organization, so one invalidation covers an organization. */
export const securityManagerKeys = {
  all: ['security-managers'] as const,
  org: (orgId: string) => [...securityManagerKeys.all, orgId] as const,
  lists: (orgId: string) => [...securityManagerKeys.org(orgId), 'list'] as const,
  list: (orgId: string, params: SecurityManagerListParams) => [...securityManagerKeys.lists(orgId), params] as const,
  detail: (orgId: string, id: string) => [...securityManagerKeys.org(orgId), 'detail', id] as const,
  formContext: (orgId: string) => [...securityManagerKeys.org(orgId), 'form-context'] as const,
  choices: (orgId: string) => [...securityManagerKeys.org(orgId), 'choices'] as const,
};

/**
 * TanStack keeps a mutation's variables in its cache; the body is serialised when the request
 * starts, so the password is dropped from them right after, leaving it nowhere in the page.
 */
function sendWithoutKeeping<T>(input: { password?: string | undefined }, send: () => Promise<T>): Promise<T> {
  const request = send();
  delete input.password;
  return request;
}

const base = (orgId: string) => `/api/director/organizations/${encodeURIComponent(orgId)}/security-managers`;

export function securityManagerListSearch(params: SecurityManagerListParams): string {
  return listSearch(params);
}

/** Where the browser downloads the organization's managers as CSV, with the table's search, sort and columns. */
export function securityManagerExportHref(orgId: string, params: SecurityManagerListParams): string {
  return listExportHref(`${base(orgId)}/export`, securityManagerListSearch(params));
}

export function securityManagerListOptions(orgId: string, params: SecurityManagerListParams) {
  return queryOptions({
    queryKey: securityManagerKeys.list(orgId, params),
    queryFn: ({ signal }) => apiFetch(`${base(orgId)}?${securityManagerListSearch(params)}`, { schema: listSecurityManagersResponse, signal }),
    placeholderData: keepPreviousData,
  });
}

export function securityManagerDetailOptions(orgId: string, id: string) {
  return queryOptions({
    queryKey: securityManagerKeys.detail(orgId, id),
    queryFn: ({ signal }) => apiFetch(`${base(orgId)}/${encodeURIComponent(id)}`, { schema: securityManagerRowSchema, signal }),
  });
}

export function securityManagerFormContextOptions(orgId: string) {
  return queryOptions({
    queryKey: securityManagerKeys.formContext(orgId),
    queryFn: ({ signal }) => apiFetch(`${base(orgId)}/form-context`, { schema: securityManagerFormContextSchema, signal }),
    staleTime: 5 * 60_000,
  });
}

/** The SCI's roles, groups, LDAP servers, assets, administrators and users, for the form and the delete dialog. */
export function securityManagerChoicesOptions(orgId: string) {
  return queryOptions({
    queryKey: securityManagerKeys.choices(orgId),
    queryFn: ({ signal }) => apiFetch(`${base(orgId)}/choices`, { schema: securityManagerChoicesSchema, signal }),
    staleTime: 60_000,
  });
}

export function useCreateSecurityManager(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateSecurityManager) =>
      sendWithoutKeeping(input, () => apiFetch(base(orgId), { method: 'POST', body: input, schema: securityManagerRowSchema })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: securityManagerKeys.all }),
  });
}

export function useUpdateSecurityManager(orgId: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateSecurityManager) =>
      sendWithoutKeeping(input, () => apiFetch(`${base(orgId)}/${encodeURIComponent(id)}`, { method: 'PATCH', body: input, schema: securityManagerRowSchema })),
    onSuccess: (row: SecurityManagerRow) => {
      queryClient.setQueryData(securityManagerKeys.detail(orgId, id), row);
      return queryClient.invalidateQueries({ queryKey: securityManagerKeys.all });
    },
  });
}

/** Every manager the table's query matches, resolved by the server from its list (which ignores page and page size, and refuses past its cap). */
export function selectAllSecurityManagers(orgId: string, params: SecurityManagerListParams): Promise<Selection<SecurityManagerSelectionItem>> {
  return apiFetch(`${base(orgId)}/selection?${securityManagerListSearch(params)}`);
}

export async function deleteSecurityManager(orgId: string, id: string, input: DeleteSecurityManager): Promise<void> {
  await apiFetch(`${base(orgId)}/${encodeURIComponent(id)}`, { method: 'DELETE', body: input ?? {} });
}

export function useDeleteSecurityManager(orgId: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DeleteSecurityManager) => deleteSecurityManager(orgId, id, input),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: securityManagerKeys.detail(orgId, id) });
      return queryClient.invalidateQueries({ queryKey: securityManagerKeys.all });
    },
  });
}
