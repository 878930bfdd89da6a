'use client';

import { useQuery } from '@tanstack/react-query';
import { DataTable } from '@/components/data-table/data-table';
import { DataTableFilter } from '@/components/data-table/data-table-filter';
import { DataTableSearch } from '@/components/data-table/data-table-search';
import { DataTableToolbar } from '@/components/data-table/data-table-toolbar';
import { DataTableViewOptions } from '@/components/data-table/data-table-view-options';
import { type ListStateConfig, idFilter } from '@/components/data-table/list-state';
import { useDataTable } from '@/components/data-table/use-data-table';
import { useListRefresh } from '@/components/data-table/use-list-refresh';
import { usePrefetchNextPage } from '@/components/data-table/use-prefetch-next-page';
import { useListState } from '@/components/data-table/use-list-state';
import { useIsAdmin } from '@/components/shell/current-user';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { organizationOptions, sciOptions } from '@/lib/api/lookups';
import { scanKeys, scanListOptions, type ScanListParams } from '@/lib/api/scans';
import type { ScanRow } from '@/lib/schemas/scan';
import { defaultScanColumns, scanColumnIds, sortableScanColumns, type ScanColumn } from '@/lib/schemas/scan-fields';
import { orgLabel } from '@/components/organizations/org-label';
import { getScanColumns } from './scan-columns';

const optionalColumns = scanColumnIds.filter((id) => id !== 'name');

const listConfig: ListStateConfig = {
  filterKeys: ['sciId', 'orgId'],
  sortable: sortableScanColumns,
  columnIds: optionalColumns,
  defaultColumns: defaultScanColumns.filter((id) => id !== 'name'),
};

const columns = getScanColumns();
const noRows: ScanRow[] = [];
const getRowId = (row: ScanRow) => String(row.id);

export function ScansTable() {
  const isAdmin = useIsAdmin();
  const [state, setState] = useListState(listConfig);
  const sciId = idFilter(state.filters.sciId);
  const orgId = idFilter(state.filters.orgId);

  const params: ScanListParams = {
    page: state.page,
    pageSize: state.pageSize,
    sort: state.sort,
    order: state.order,
    q: state.q || undefined,
    sciId,
    orgId,
    // Only the visible columns come back, so hidden ones cost nothing on the wire.
    columns: ['name', ...(state.columns as ScanColumn[])],
  };
  const scans = useQuery(scanListOptions(params));
  const onRefresh = useListRefresh(scanListOptions(params, { refresh: true }), scanKeys.lists());
  usePrefetchNextPage(params, scans.data?.total, scanListOptions);
  const scis = useQuery(sciOptions());
  const organizations = useQuery(organizationOptions(sciId));

  const total = scans.data?.total ?? 0;
  const table = useDataTable({
    columns,
    data: scans.data?.items ?? noRows,
    total,
    state,
    onStateChange: setState,
    getRowId,
  });

  const isFiltered = state.q !== '' || sciId !== undefined || orgId !== undefined;

  return (
    <div className="space-y-3">
      <DataTableToolbar
        end={
          <>
            <DataTableViewOptions table={table} />
            {isAdmin ? (
              <ButtonLink href="/scans/new" variant="primary">
                New scan
              </ButtonLink>
            ) : null}
          </>
        }
      >
        <DataTableSearch label="Search scans" placeholder="Search name or description" value={state.q} onSearch={(q) => setState({ q })} />
        <DataTableFilter
          label="SCI"
          allLabel="All SCIs"
          value={state.filters.sciId ?? ''}
          isLoading={scis.isLoading}
          options={(scis.data ?? []).map((sci) => ({ value: String(sci.id), label: sci.name }))}
          onChange={(value) => setState({ filters: { sciId: value, orgId: undefined } })}
        />
        <DataTableFilter
          label="Organization"
          allLabel="All organizations"
          value={state.filters.orgId ?? ''}
          isLoading={organizations.isLoading}
          options={(organizations.data ?? []).map((org) => ({ value: String(org.id), label: orgLabel(org, sciId, scis.data) }))}
          onChange={(value) => setState({ filters: { orgId: value } })}
        />
      </DataTableToolbar>
      <DataTable
        table={table}
        label="Scans"
        recordName="scan"
        query={scans}
        onRefresh={onRefresh}
        empty={
          isFiltered ? (
            <EmptyState title="No scans match" description="Try another search or clear the filters." />
          ) : (
            <EmptyState
              title="No scans yet"
              description="Scans defined on the linked Tenable.sc instances appear here."
              action={
                isAdmin ? (
                  <ButtonLink href="/scans/new" variant="primary">
                    New scan
                  </ButtonLink>
                ) : undefined
              }
            />
          )
        }
      />
    </div>
  );
}
