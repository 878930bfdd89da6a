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
import { directorListCache, freshness, type ListSource } from '../list-cache';
import { applyListQuery, pick, type ListOptions, type SortValue } from '../list';
import { organizationRecordSchema, readOrganization } from './organization-records';
import { countBySci } from './sci-counts';
import type { DirectorCounts } from '@/lib/schemas/overview';
import { directorFetch, directorFetchRecords } from './transport';

const listKey = 'organizations?';

/** For writers of users elsewhere (security managers): user counts change with them. */
export function invalidateOrganizationLists(): void {
  directorListCache().invalidate(listKey);
}

/** Director fields of every column: one cached list serves every column set. */
export const organizationListFields: string[] = [...new Set(['id', 'sci', 'name', 'description', ...Object.values(organizationColumns)])].sort();

/** Keys every organization row carries whatever the columns. */
const alwaysKeys = ['id', 'sci', 'name', 'description'] as const;

function sortValue(row: OrganizationRow, key: string): SortValue {
  if (key === 'sci') return row.sci?.name;
  const value = row[key as keyof OrganizationRow];
  return typeof value === 'object' ? undefined : value;
}

const listOptions: ListOptions<OrganizationRow> = {
  searchText: (r) => [r.name, r.description, r.id, r.sci?.name, r.email, r.city, r.country],
  sortValue,
};

const organizationSource: ListSource<OrganizationRow> = {
  load: (known) => directorFetchRecords({ path: '/mgmt/organization', query: { fields: organizationListFields.join(',') } }, known),
  read: readOrganization,
  options: listOptions,
};

export async function listOrganizations(query: ListOrganizationsQuery): Promise<ListResponse<OrganizationRow>> {
  const { list, fetchedAt } = await directorListCache().get(listKey, organizationSource, { refresh: query.refresh });
  // Director's organization list takes no SCI filter, so the whole list is kept and filtered here
  // (organizations number in the hundreds, not the hundred thousands).
  const page =
    query.sciId === undefined
      ? list.query(query)
      : applyListQuery(
          [...list.each()].filter((o) => o.sci?.id === query.sciId),
          query,
          listOptions,
        );
  // Rows carry the columns asked for; without columns, what Director sends by default.
  const keys = [...alwaysKeys, ...(query.columns ?? ['sciOrgId'])];
  const unreadable = list.unreadable;
  return { ...page, items: page.items.map((row) => pick(row, keys)), ...(unreadable ? { unreadable } : {}), ...freshness(fetchedAt) };
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

/** Organizations per SCI, counted from the one cached organization list. */
export async function countOrganizationsBySci(): Promise<DirectorCounts> {
  return countBySci(await directorListCache().get(listKey, organizationSource));
}
