import { type ListState, idFilter, listStateConfig, pagingParams } from '@/components/data-table/list-state';
import type { OrganizationListParams } from '@/lib/api/organizations';
import { defaultOrganizationColumns, organizationColumnIds, sortableOrganizationColumns, type OrganizationColumn } from '@/lib/schemas/organization-fields';

// Not a client module: the organizations page reads its first page on the server from the same URL
// state, with the same query key, as the table in the browser.

export const organizationListConfig = listStateConfig('name', ['sciId'], {
  ids: organizationColumnIds,
  sortable: sortableOrganizationColumns,
  defaults: defaultOrganizationColumns,
});

/** What the organizations list asks the BFF for, from its list state. */
export function organizationListParams(state: ListState): OrganizationListParams {
  return {
    ...pagingParams(state),
    sciId: idFilter(state.filters.sciId),
    // Only the visible columns come back: repositories, zones... stay on the detail page.
    columns: ['name', ...(state.columns as OrganizationColumn[])],
  };
}
