import { queryOptions } from '@tanstack/react-query';
import type { LookupItem, LookupKind, LookupList, Owner } from '@/lib/schemas/lookup';
import { apiFetch } from './api-fetch';
import { lookupKeys, lookupStaleTime, unwrap } from './lookups';

// Apart from ./lookups.ts, whose SCI and organization lookups the list pages' filters load: what
// only the scan form asks for comes with the form.

export function lookupOptions(kind: LookupKind, sciId: number) {
  return queryOptions({
    queryKey: lookupKeys.items(kind, sciId),
    queryFn: ({ signal }) => apiFetch<{ items: LookupItem[] }>(`/api/director/lookups/${kind}?sciId=${sciId}`, { signal }).then(unwrap),
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
    queryFn: ({ signal }) => apiFetch<{ items: Owner[] }>(`/api/director/lookups/owners?sciId=${sciId}`, { signal }).then(unwrap),
    staleTime: lookupStaleTime,
  });
}
