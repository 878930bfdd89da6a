import { type ListState, type ListStateConfig, idFilter } from '@/components/data-table/list-state';
import type { UserListParams } from '@/lib/api/users';
import { defaultUserColumns, sortableUserColumns, userColumnIds, type UserColumn } from '@/lib/schemas/user-fields';

// Not a client module: the users page reads its first page on the server from the same URL state,
// with the same query key, as the table in the browser.

const optionalColumns = userColumnIds.filter((id) => id !== 'username');

export const userListConfig: ListStateConfig = {
  filterKeys: ['sciId', 'orgId'],
  sortable: sortableUserColumns,
  columnIds: optionalColumns,
  defaultColumns: defaultUserColumns.filter((id) => id !== 'username'),
};

/** Inside an organization its name and SCI are the same on every row, so they start hidden. */
export const organizationUserListConfig: ListStateConfig = {
  ...userListConfig,
  filterKeys: [],
  defaultColumns: userListConfig.defaultColumns.filter((id) => id !== 'sci' && id !== 'organization'),
};

/** What the users list asks the BFF for, from its list state (`fixedOrgId`: one organization's users). */
export function userListParams(state: ListState, fixedOrgId?: number): UserListParams {
  const isEmbedded = fixedOrgId !== undefined;
  return {
    page: state.page,
    pageSize: state.pageSize,
    sort: state.sort,
    order: state.order,
    q: state.q || undefined,
    sciId: isEmbedded ? undefined : idFilter(state.filters.sciId),
    orgId: isEmbedded ? fixedOrgId : idFilter(state.filters.orgId),
    columns: ['username', ...(state.columns as UserColumn[])],
  };
}
