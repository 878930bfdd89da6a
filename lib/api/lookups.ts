import { queryOptions } from '@tanstack/react-query';
import type { LookupItem, LookupKind, LookupList, OrgOption, Owner, Sci } from '@/lib/schemas/lookup';
import { apiFetch } from './api-fetch';
import { lookupKeys } from './query-keys';

// Lookups change rarely; a few minutes of freshness saves a Director round trip per form open.
const lookupStaleTime = 5 * 60_000;

const unwrap = <T>(response: { items: T[] }) => response.items;

export function sciOptions() {
  return queryOptions({
    queryKey: lookupKeys.scis(),
    queryFn: ({ signal }) => apiFetch<{ items: Sci[] }>('/api/director/lookups/scis', { signal }).then(unwrap),
    staleTime: lookupStaleTime,
  });
}

export function organizationOptions(sciId: number | undefined) {
  const search = sciId === undefined ? '' : `?sciId=${sciId}`;
  return queryOptions({
    queryKey: lookupKeys.organizations(sciId),
    queryFn: ({ signal }) =>
      apiFetch<{ items: OrgOption[] }>(`/api/director/lookups/organizations${search}`, { signal }).then(unwrap),
    staleTime: lookupStaleTime,
  });
}

export function lookupOptions(kind: LookupKind, sciId: number) {
  return queryOptions({
    queryKey: lookupKeys.items(kind, sciId),
    queryFn: ({ signal }) =>
      apiFetch<{ items: LookupItem[] }>(`/api/director/lookups/${kind}?sciId=${sciId}`, { signal }).then(unwrap),
    staleTime: lookupStaleTime,
  });
}

/** Assets with Director's refusal kept: the form goes on without them and says why. */
export function assetOptions(sciId: number) {
  return queryOptions({
    queryKey: [...lookupKeys.items('assets', sciId), 'answer'],
    queryFn: ({ signal }) => apiFetch<LookupList<LookupItem>>(`/api/director/lookups/assets?sciId=${sciId}`, { signal }),
    staleTime: lookupStaleTime,
  });
}

export function ownerOptions(sciId: number) {
  return queryOptions({
    queryKey: lookupKeys.owners(sciId),
    queryFn: ({ signal }) =>
      apiFetch<{ items: Owner[] }>(`/api/director/lookups/owners?sciId=${sciId}`, { signal }).then(unwrap),
    staleTime: lookupStaleTime,
  });
}
