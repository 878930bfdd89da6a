'use client';

import { useQuery } from '@tanstack/react-query';
import { DataTable } from '@/components/data-table/data-table';
import { DataTableFilter } from '@/components/data-table/data-table-filter';
import { DataTableSearch } from '@/components/data-table/data-table-search';
import { DataTableToolbar } from '@/components/data-table/data-table-toolbar';
import { DataTableViewOptions } from '@/components/data-table/data-table-view-options';
import { type ListState, type ListStateChange, type ListStateConfig, idFilter } from '@/components/data-table/list-state';
import { useDataTable } from '@/components/data-table/use-data-table';
import { useListRefresh } from '@/components/data-table/use-list-refresh';
import { usePrefetchNextPage } from '@/components/data-table/use-prefetch-next-page';
import { useListState } from '@/components/data-table/use-list-state';
import { useLocalListState } from '@/components/data-table/use-local-list-state';
import { orgLabel } from '@/components/organizations/org-label';
import { EmptyState } from '@/components/ui/empty-state';
import { organizationOptions, sciOptions } from '@/lib/api/lookups';
import { userKeys, userListOptions, type UserListParams } from '@/lib/api/users';
import type { UserRow } from '@/lib/schemas/user';
import { administratorsOrgId, defaultUserColumns, sortableUserColumns, userColumnIds, type UserColumn } from '@/lib/schemas/user-fields';
import { getUserColumns } from './user-columns';
import { administratorsLabel } from './user-format';

const optionalColumns = userColumnIds.filter((id) => id !== 'username');

const listConfig: ListStateConfig = {
  filterKeys: ['sciId', 'orgId'],
  sortable: sortableUserColumns,
  columnIds: optionalColumns,
  defaultColumns: defaultUserColumns.filter((id) => id !== 'username'),
};

/** Inside an organization its name and SCI are the same on every row, so they start hidden. */
const organizationListConfig: ListStateConfig = {
  ...listConfig,
  filterKeys: [],
  defaultColumns: listConfig.defaultColumns.filter((id) => id !== 'sci' && id !== 'organization'),
};

const columns = getUserColumns();
const noRows: UserRow[] = [];
const getRowId = (row: UserRow) => String(row.id);

/** The console's users page: its list state lives in the URL. */
export function UsersTable() {
  const [state, setState] = useListState(listConfig);
  return <UsersTableView state={state} setState={setState} />;
}

/** One organization's users, embedded in its page with the list state of its own. */
export function OrganizationUsersTable({ orgId }: { orgId: number }) {
  const [state, setState] = useLocalListState(organizationListConfig);
  return <UsersTableView state={state} setState={setState} fixedOrgId={orgId} />;
}

type UsersTableViewProps = {
  state: ListState;
  setState: (change: ListStateChange) => void;
  fixedOrgId?: number;
};

function UsersTableView({ state, setState, fixedOrgId }: UsersTableViewProps) {
  const isEmbedded = fixedOrgId !== undefined;
  const sciId = isEmbedded ? undefined : idFilter(state.filters.sciId);
  const orgId = isEmbedded ? fixedOrgId : idFilter(state.filters.orgId);

  const params: UserListParams = {
    page: state.page,
    pageSize: state.pageSize,
    sort: state.sort,
    order: state.order,
    q: state.q || undefined,
    sciId,
    orgId,
    columns: ['username', ...(state.columns as UserColumn[])],
  };
  const users = useQuery(userListOptions(params));
  const onRefresh = useListRefresh(userListOptions(params, { refresh: true }), userKeys.lists());
  usePrefetchNextPage(params, users.data?.total, userListOptions);
  const scis = useQuery({ ...sciOptions(), enabled: !isEmbedded });
  const organizations = useQuery({ ...organizationOptions(sciId), enabled: !isEmbedded });

  const total = users.data?.total ?? 0;
  const table = useDataTable({ columns, data: users.data?.items ?? noRows, total, state, onStateChange: setState, getRowId });
  const isFiltered = state.q !== '' || (!isEmbedded && (sciId !== undefined || orgId !== undefined));

  const orgChoices = [
    { value: String(administratorsOrgId), label: `${administratorsLabel} only` },
    ...(organizations.data ?? []).map((org) => ({ value: String(org.id), label: orgLabel(org, sciId, scis.data) })),
  ];

  return (
    <div className="space-y-3">
      <DataTableToolbar end={<DataTableViewOptions table={table} />}>
        <DataTableSearch label="Search users" placeholder="Username, name or email" value={state.q} onSearch={(q) => setState({ q })} />
        {isEmbedded ? null : (
          <>
            <DataTableFilter
              label="SCI"
              allLabel="All SCIs"
              value={state.filters.sciId ?? ''}
              isLoading={scis.isLoading}
              options={(scis.data ?? []).map((sci) => ({ value: String(sci.id), label: sci.name }))}
              // Administrators stay chosen across SCIs; an organization belongs to one SCI only.
              onChange={(value) =>
                setState({ filters: { sciId: value, orgId: state.filters.orgId === String(administratorsOrgId) ? state.filters.orgId : undefined } })
              }
            />
            <DataTableFilter
              label="Organization"
              allLabel="All organizations"
              className="w-56"
              value={state.filters.orgId ?? ''}
              isLoading={organizations.isLoading}
              options={orgChoices}
              onChange={(value) => setState({ filters: { orgId: value } })}
            />
          </>
        )}
      </DataTableToolbar>
      <DataTable
        table={table}
        label="Users"
        recordName="user"
        query={users}
        onRefresh={onRefresh}
        empty={
          isFiltered ? (
            <EmptyState title="No users match" description={isEmbedded ? 'Try another search.' : 'Try another search or clear the filters.'} />
          ) : (
            <EmptyState
              title="No users"
              description={
                isEmbedded ? 'This organization has no users on its Tenable.sc instance.' : 'Users of the Tenable.sc instances linked to Director appear here.'
              }
            />
          )
        }
      />
    </div>
  );
}
