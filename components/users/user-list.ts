import { type ListState, type ListStateConfig, idFilter, listStateConfig, pagingParams } from '@/components/data-table/list-state';
import type { UserListParams } from '@/lib/api/users';
import { defaultUserColumns, sortableUserColumns, userColumnIds, type UserColumn } from '@/lib/schemas/user-fields';

// Not a client module: the users page reads its first page on the server from the same URL state,
// with the same query key, as the table in the browser.

export const userListConfig = listStateConfig('username', ['sciId', 'orgId'], {
  ids: userColumnIds,
  sortable: sortableUserColumns,
  defaults: defaultUserColumns,
});

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
    ...pagingParams(state),
    sciId: isEmbedded ? undefined : idFilter(state.filters.sciId),
    orgId: isEmbedded ? fixedOrgId : idFilter(state.filters.orgId),
    columns: ['username', ...(state.columns as UserColumn[])],
  };
}
