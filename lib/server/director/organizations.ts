import 'server-only';
import type { ListResponse } from '@/lib/schemas/common';
import {
  organizationColumns,
  organizationDetailFields,
  organizationParams,
  type ListOrganizationsQuery,
  type OrganizationDetail,
  type OrganizationRow,
} from '@/lib/schemas/organization';
import { createTtlCache } from '../cache';
import { getEnv } from '../env';
import { applyListQuery, type SortValue } from '../list';
import { organizationListSchema, organizationRecordSchema } from './organization-records';
import { directorFetch } from './transport';

let cache: ReturnType<typeof createTtlCache> | undefined;
function organizationCache() {
  cache ??= createTtlCache({ ttlMs: getEnv().director.cacheTtlMs });
  return cache;
}

/** For writers of users elsewhere (security managers): user counts change with them. */
export function invalidateOrganizationLists(): void {
  organizationCache().invalidate('/mgmt/organization?');
}

/** Director fields needed for the visible columns, plus what search and sort read. */
export function organizationFieldsFor(query: Pick<ListOrganizationsQuery, 'columns' | 'sort'>): string[] | undefined {
  if (!query.columns) return undefined;
  const fields = new Set<string>(['id', 'sci', 'name', 'description']);
  for (const column of query.columns) fields.add(organizationColumns[column]);
  if (query.sort && query.sort !== 'id') fields.add(organizationColumns[query.sort]);
  return [...fields].sort();
}

function sortValue(row: OrganizationRow, key: string): SortValue {
  if (key === 'sci') return row.sci?.name;
  const value = row[key as keyof OrganizationRow];
  return typeof value === 'object' ? undefined : value;
}

export async function listOrganizations(query: ListOrganizationsQuery): Promise<ListResponse<OrganizationRow>> {
  const fields = organizationFieldsFor(query);
  const joined = fields?.join(',');
  const read = await organizationCache().get(`/mgmt/organization?fields=${joined ?? '**'}`, () =>
    directorFetch({ path: '/mgmt/organization', query: { fields: joined }, schema: organizationListSchema }),
  );
  // Director's organization list takes no SCI filter, so the whole list is kept and filtered here.
  const rows = query.sciId === undefined ? read.items : read.items.filter((o) => o.sci?.id === query.sciId);
  const page = applyListQuery(rows, query, {
    searchText: (r) => [r.name, r.description, r.id, r.sci?.name, r.email, r.city, r.country],
    sortValue,
  });
  return read.unreadable ? { ...page, unreadable: read.unreadable } : page;
}

export async function getOrganization(orgId: string): Promise<OrganizationDetail> {
  const { orgId: id } = organizationParams.parse({ orgId });
  const { item, unreadable } = await directorFetch({
    path: `/mgmt/organization/${encodeURIComponent(id)}`,
    query: { fields: organizationDetailFields.join(',') },
    schema: organizationRecordSchema,
  });
  return unreadable ? { ...item, unreadable } : item;
}
