import type { LookupKind } from '@/lib/schemas/lookup';
import type { ScanListParams } from './scans';

/** Query-key factories: every key starts with its resource so one invalidation covers a resource. */
export const scanKeys = {
  all: ['scans'] as const,
  lists: () => [...scanKeys.all, 'list'] as const,
  list: (params: ScanListParams) => [...scanKeys.lists(), params] as const,
  details: () => [...scanKeys.all, 'detail'] as const,
  detail: (id: string) => [...scanKeys.details(), id] as const,
};

export const lookupKeys = {
  all: ['lookups'] as const,
  scis: () => [...lookupKeys.all, 'scis'] as const,
  organizations: (sciId: number | undefined) => [...lookupKeys.all, 'organizations', sciId ?? 'all'] as const,
  items: (kind: LookupKind, sciId: number) => [...lookupKeys.all, kind, sciId] as const,
  owners: (sciId: number) => [...lookupKeys.all, 'owners', sciId] as const,
};

export const auditKeys = {
  all: ['audit'] as const,
  lists: () => [...auditKeys.all, 'list'] as const,
  list: (search: string) => [...auditKeys.lists(), search] as const,
  chain: () => [...auditKeys.all, 'chain'] as const,
};
