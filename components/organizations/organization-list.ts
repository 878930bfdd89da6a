import { type ListState, type ListStateConfig, idFilter } from '@/components/data-table/list-state';
import type { OrganizationListParams } from '@/lib/api/organizations';
import { defaultOrganizationColumns, organizationColumnIds, sortableOrganizationColumns, type OrganizationColumn } from '@/lib/schemas/organization-fields';

// Not a client module: the organizations page reads its first page on the server from the same URL
// state, with the same query key, as the table in the browser.

const optionalColumns = organizationColumnIds.filter((id) => id !== 'name');

export const organizationListConfig: ListStateConfig = {
  filterKeys: ['sciId'],
  sortable: sortableOrganizationColumns,
  columnIds: optionalColumns,
  defaultColumns: defaultOrganizationColumns.filter((id) => id !== 'name'),
};

/** What the organizations list asks the BFF for, from its list state. */
export function organizationListParams(state: ListState): OrganizationListParams {
  return {
    page: state.page,
    pageSize: state.pageSize,
    sort: state.sort,
    order: state.order,
    q: state.q || undefined,
    sciId: idFilter(state.filters.sciId),
    // Only the visible columns come back: repositories, zones... stay on the detail page.
    columns: ['name', ...(state.columns as OrganizationColumn[])],
  };
}
