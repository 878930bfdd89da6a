'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { DataTable } from '@/components/data-table/data-table';
import { DataTableExport } from '@/components/data-table/data-table-export';
import { DataTableFilter } from '@/components/data-table/data-table-filter';
import { DataTableSearch } from '@/components/data-table/data-table-search';
import { DataTableToolbar } from '@/components/data-table/data-table-toolbar';
import { DataTableViewOptions } from '@/components/data-table/data-table-view-options';
import { DataTableViews } from '@/components/data-table/data-table-views';
import { type ListState, type ListStateChange, type ListStateConfig, withColumnChoice } from '@/components/data-table/list-state';
import { useDataTable } from '@/components/data-table/use-data-table';
import { useListRefresh } from '@/components/data-table/use-list-refresh';
import { usePrefetchNextPage } from '@/components/data-table/use-prefetch-next-page';
import { useListState } from '@/components/data-table/use-list-state';
import { useLocalListState } from '@/components/data-table/use-local-list-state';
import { orgLabel } from '@/components/organizations/org-label';
import { EmptyState } from '@/components/ui/empty-state';
import { organizationOptions, sciOptions } from '@/lib/api/lookups';
import { listExportHref } from '@/lib/api/list-search';
import { userKeys, userListOptions, userListSearch } from '@/lib/api/users';
import type { UserRow } from '@/lib/schemas/user';
import { administratorsOrgId } from '@/lib/schemas/user-fields';
import { getUserColumns } from './user-columns';
import { organizationUserListConfig, userListConfig, userListParams } from './user-list';
import { administratorsLabel } from './user-format';

const columns = getUserColumns();
const noRows: UserRow[] = [];
const getRowId = (row: UserRow) => String(row.id);

/** The console's users page: its list state lives in the URL; `columns` is the reader's kept column choice. */
export function UsersTable({ columns: columnChoice }: { columns?: string[] | undefined }) {
  const config = useMemo(() => withColumnChoice(userListConfig, columnChoice), [columnChoice]);
  const [state, setState] = useListState(config);
  return <UsersTableView state={state} setState={setState} config={config} />;
}

/** One organization's users, embedded in its page with the list state of its own. */
export function OrganizationUsersTable({ orgId }: { orgId: number }) {
  const [state, setState] = useLocalListState(organizationUserListConfig);
  return <UsersTableView state={state} setState={setState} fixedOrgId={orgId} />;
}

type UsersTableViewProps = {
  state: ListState;
  setState: (change: ListStateChange) => void;
  /** the page's own list (saved views, kept columns); none when embedded in an organization's page */
  config?: ListStateConfig;
  fixedOrgId?: number;
};

function UsersTableView({ state, setState, config, fixedOrgId }: UsersTableViewProps) {
  const isEmbedded = fixedOrgId !== undefined;
  const params = useMemo(() => userListParams(state, fixedOrgId), [state, fixedOrgId]);
  const { sciId, orgId } = params;
  // The page's server has already asked for its first page, and shows a failure with Retry; an
  // embedded list has no such first answer and asks on mount.
  const users = useQuery({ ...userListOptions(params), retryOnMount: isEmbedded });
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
      <DataTableToolbar
        end={
          <>
            {config ? <DataTableViews page="users" state={state} config={config} onApply={setState} /> : null}
            <DataTableViewOptions table={table} page={config ? 'users' : undefined} />
            <DataTableExport href={listExportHref('/api/director/users/export', userListSearch(params))} />
          </>
        }
      >
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
