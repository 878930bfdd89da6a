'use client';

import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo } from 'react';
import { DataTable } from '@/components/data-table/data-table';
import { DataTableExport } from '@/components/data-table/data-table-export';
import { DataTableSearch } from '@/components/data-table/data-table-search';
import { DataTableToolbar } from '@/components/data-table/data-table-toolbar';
import { DataTableViewOptions } from '@/components/data-table/data-table-view-options';
import { DataTableViews } from '@/components/data-table/data-table-views';
import { type ListState, type ListStateChange, type ListStateConfig, withColumnChoice } from '@/components/data-table/list-state';
import { useListState } from '@/components/data-table/use-list-state';
import { useLocalListState } from '@/components/data-table/use-local-list-state';
import { useDataTable } from '@/components/data-table/use-data-table';
import { SelectionContext, selectionColumn, selectionScopeOf, useSelection } from '@/components/data-table/row-selection';
import { useIsAdmin } from '@/components/shell/current-user';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorPanel } from '@/components/ui/error-panel';
import {
  securityManagerExportHref,
  securityManagerFormContextOptions,
  securityManagerListOptions,
  type SecurityManagerListParams,
} from '@/lib/api/security-managers';
import {
  defaultSecurityManagerColumns,
  securityManagerColumnIds,
  sortableSecurityManagerColumns,
  type SecurityManagerColumn,
  type SecurityManagerRow,
} from '@/lib/schemas/security-manager';
import { SciNotConnected } from './sci-not-connected';
import { getSecurityManagerColumns } from './security-manager-columns';
import { managerChosenItem } from './security-manager-format';

// The bulk bar and its dialog come with the first selection.
const SecurityManagerBulkDelete = lazy(() => import('./security-manager-bulk-delete'));
const selectColumn = selectionColumn<SecurityManagerRow>(managerChosenItem, 'security managers');

const noRows: SecurityManagerRow[] = [];
const getRowId = (row: SecurityManagerRow) => String(row.id);
const listConfig: ListStateConfig = {
  filterKeys: [],
  sortable: sortableSecurityManagerColumns,
  columnIds: securityManagerColumnIds,
  defaultColumns: defaultSecurityManagerColumns,
};

/** An organization's security managers on their own page: the list state lives in the URL; `columns` is the reader's kept column choice. */
export function SecurityManagersTable({ orgId, columns: columnChoice }: { orgId: number | string; columns?: string[] | undefined }) {
  const config = useMemo(() => withColumnChoice(listConfig, columnChoice), [columnChoice]);
  const [state, setState] = useListState(config);
  return <SecurityManagersTableView orgId={orgId} state={state} setState={setState} config={config} />;
}

/** The same list embedded in the organization's page, which owns the URL: its state is its own. */
export function OrganizationSecurityManagersTable({ orgId }: { orgId: number | string }) {
  const [state, setState] = useLocalListState(listConfig);
  return <SecurityManagersTableView orgId={orgId} state={state} setState={setState} />;
}

type SecurityManagersTableViewProps = {
  orgId: number | string;
  state: ListState;
  setState: (change: ListStateChange) => void;
  /** the page's own list (saved views, kept columns); none when embedded in the organization's page */
  config?: ListStateConfig;
};

function SecurityManagersTableView({ orgId, state: listState, setState, config }: SecurityManagersTableViewProps) {
  const org = String(orgId);
  const isAdmin = useIsAdmin();
  // Sorted by username until the reader picks another column.
  const state = useMemo(() => ({ ...listState, sort: listState.sort ?? 'username' }), [listState]);
  const columns = useMemo(() => {
    const all = getSecurityManagerColumns(org);
    return isAdmin ? [selectColumn, ...all] : all;
  }, [org, isAdmin]);
  const selection = useSelection(selectionScopeOf(state));

  // Managers live on the organization's SCI: ask for them only once ScanDeck knows it can reach it.
  const context = useQuery(securityManagerFormContextOptions(org));
  const isConnected = context.data?.connection.status === 'connected';
  const params: SecurityManagerListParams = {
    page: state.page,
    pageSize: state.pageSize,
    sort: state.sort,
    order: state.order,
    q: state.q || undefined,
    columns: state.columns as SecurityManagerColumn[],
  };
  const managers = useQuery({ ...securityManagerListOptions(org, params), enabled: isConnected });
  const total = managers.data?.total ?? 0;
  const table = useDataTable({ columns, data: managers.data?.items ?? noRows, total, state, onStateChange: setState, getRowId });
  const newHref = `/organizations/${encodeURIComponent(org)}/security-managers/new`;

  if (context.data?.connection.status === 'not_connected') {
    return <SciNotConnected organization={context.data.organization} connection={context.data.connection} />;
  }
  if (context.error)
    return <ErrorPanel title="Could not find where this organization's security managers live" error={context.error} onRetry={() => void context.refetch()} />;

  return (
    <div className="space-y-3">
      <DataTableToolbar
        end={
          <>
            {config ? <DataTableViews page="security-managers" state={listState} config={config} onApply={setState} /> : null}
            <DataTableViewOptions table={table} page={config ? 'security-managers' : undefined} />
            <DataTableExport href={securityManagerExportHref(org, params)} />
            {isAdmin ? (
              <ButtonLink href={newHref} variant="primary">
                New security manager
              </ButtonLink>
            ) : null}
          </>
        }
      >
        <DataTableSearch label="Search security managers" placeholder="Search username, name or email" value={state.q} onSearch={(q) => setState({ q })} />
      </DataTableToolbar>
      {isAdmin && selection.chosen.size > 0 && context.data ? (
        <Suspense fallback={null}>
          <SecurityManagerBulkDelete
            orgId={org}
            organization={{ name: context.data.organization.name, sciName: context.data.organization.sci?.name }}
            chosen={selection.chosen}
            onChosenChange={selection.setChosen}
            params={params}
            matching={total}
            isFiltered={Boolean(state.q)}
          />
        </Suspense>
      ) : null}
      <SelectionContext value={selection}>
        <DataTable
          table={table}
          label="Security managers"
          // While the connection is being checked the list is not asked for yet: show it as loading.
          query={{ ...managers, isLoading: managers.isLoading || context.isPending }}
          empty={
            state.q ? (
              <EmptyState title="No security managers match" description="Try another search." />
            ) : (
              <EmptyState
                title="No security managers yet"
                description="This organization has no security manager."
                action={
                  isAdmin ? (
                    <ButtonLink href={newHref} variant="primary">
                      New security manager
                    </ButtonLink>
                  ) : undefined
                }
              />
            )
          }
        />
      </SelectionContext>
    </div>
  );
}
