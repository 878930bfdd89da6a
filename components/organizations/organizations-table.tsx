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
import { withColumnChoice } from '@/components/data-table/list-state';
import { useDataTable } from '@/components/data-table/use-data-table';
import { useListRefresh } from '@/components/data-table/use-list-refresh';
import { usePrefetchNextPage } from '@/components/data-table/use-prefetch-next-page';
import { useListState } from '@/components/data-table/use-list-state';
import { EmptyState } from '@/components/ui/empty-state';
import { sciOptions } from '@/lib/api/lookups';
import { listExportHref } from '@/lib/api/list-search';
import { organizationKeys, organizationListOptions, organizationListSearch } from '@/lib/api/organizations';
import type { OrganizationRow } from '@/lib/schemas/organization';
import { getOrganizationColumns } from './organization-columns';
import { organizationListConfig, organizationListParams } from './organization-list';

const columns = getOrganizationColumns();
const noRows: OrganizationRow[] = [];
const getRowId = (row: OrganizationRow) => String(row.id);

/** `columns`: the reader's kept column choice, the table's defaults for them. */
export function OrganizationsTable({ columns: columnChoice }: { columns?: string[] | undefined }) {
  const config = useMemo(() => withColumnChoice(organizationListConfig, columnChoice), [columnChoice]);
  const [state, setState] = useListState(config);
  const params = useMemo(() => organizationListParams(state), [state]);
  const { sciId } = params;
  // The page's server has already asked for the first page, and shows a failure with Retry.
  const organizations = useQuery({ ...organizationListOptions(params), retryOnMount: false });
  const onRefresh = useListRefresh(organizationListOptions(params, { refresh: true }), organizationKeys.lists());
  usePrefetchNextPage(params, organizations.data?.total, organizationListOptions);
  const scis = useQuery(sciOptions());

  const total = organizations.data?.total ?? 0;
  const table = useDataTable({
    columns,
    data: organizations.data?.items ?? noRows,
    total,
    state,
    onStateChange: setState,
    getRowId,
  });
  const isFiltered = state.q !== '' || sciId !== undefined;

  return (
    <div className="space-y-3">
      <DataTableToolbar
        end={
          <>
            <DataTableViews page="organizations" state={state} config={config} onApply={setState} />
            <DataTableViewOptions table={table} page="organizations" />
            <DataTableExport href={listExportHref('/api/director/organizations/export', organizationListSearch(params))} />
          </>
        }
      >
        <DataTableSearch label="Search organizations" placeholder="Name, description or SCI" value={state.q} onSearch={(q) => setState({ q })} />
        <DataTableFilter
          label="SCI"
          allLabel="All SCIs"
          value={state.filters.sciId ?? ''}
          isLoading={scis.isLoading}
          options={(scis.data ?? []).map((sci) => ({ value: String(sci.id), label: sci.name }))}
          onChange={(value) => setState({ filters: { sciId: value } })}
        />
      </DataTableToolbar>
      <DataTable
        table={table}
        label="Organizations"
        recordName="organization"
        query={organizations}
        onRefresh={onRefresh}
        empty={
          isFiltered ? (
            <EmptyState title="No organizations match" description="Try another search or clear the SCI filter." />
          ) : (
            <EmptyState title="No organizations" description="Organizations of the Tenable.sc instances linked to Director appear here." />
          )
        }
      />
    </div>
  );
}
