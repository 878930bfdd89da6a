import { queryOptions } from '@tanstack/react-query';
import type { LookupKind, OrgOption, Sci } from '@/lib/schemas/lookup';
import { apiFetch } from './api-fetch';

/** Query keys: every key starts with its resource so one invalidation covers a resource. */
export const lookupKeys = {
  all: ['lookups'] as const,
  scis: () => [...lookupKeys.all, 'scis'] as const,
  organizations: (sciId: number | undefined) => [...lookupKeys.all, 'organizations', sciId ?? 'all'] as const,
  items: (kind: LookupKind, sciId: number) => [...lookupKeys.all, kind, sciId] as const,
  owners: (sciId: number) => [...lookupKeys.all, 'owners', sciId] as const,
};

// Lookups change rarely; a few minutes of freshness saves a Director round trip per form open.
export const lookupStaleTime = 5 * 60_000;

export const unwrap = <T>(response: { items: T[] }) => response.items;

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
    queryFn: ({ signal }) => apiFetch<{ items: OrgOption[] }>(`/api/director/lookups/organizations${search}`, { signal }).then(unwrap),
    staleTime: lookupStaleTime,
  });
}
