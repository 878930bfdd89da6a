'use client';

import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo } from 'react';
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
import { SelectionContext, selectionColumn, selectionScopeOf, useSelection } from '@/components/data-table/row-selection';
import { useListState } from '@/components/data-table/use-list-state';
import { useIsAdmin } from '@/components/shell/current-user';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { organizationOptions, sciOptions } from '@/lib/api/lookups';
import { listExportHref } from '@/lib/api/list-search';
import { scanKeys, scanListOptions, scanListSearch } from '@/lib/api/scans';
import type { ScanRow } from '@/lib/schemas/scan';
import { orgLabel } from '@/components/organizations/org-label';
import { getScanColumns } from './scan-columns';
import { scanChosenItem } from './scan-format';
import { scanListConfig, scanListParams } from './scan-list';

// The bulk bar and its dialog come with the first selection, not with the list (held to its budget).
const ScanBulkDelete = lazy(() => import('./scan-bulk-delete'));

const columns = getScanColumns();
const adminColumns = [selectionColumn<ScanRow>(scanChosenItem, 'scans'), ...columns];
const noRows: ScanRow[] = [];
const getRowId = (row: ScanRow) => String(row.id);

/** `columns`: the reader's kept column choice, the table's defaults for them. */
export function ScansTable({ columns: columnChoice }: { columns?: string[] | undefined }) {
  const isAdmin = useIsAdmin();
  const config = useMemo(() => withColumnChoice(scanListConfig, columnChoice), [columnChoice]);
  const [state, setState] = useListState(config);
  const params = useMemo(() => scanListParams(state, isAdmin), [state, isAdmin]);
  const selection = useSelection(selectionScopeOf(state));
  const { sciId, orgId } = params;
  // The page's server has already asked for the first page, and shows a failure with Retry.
  const scans = useQuery({ ...scanListOptions(params), retryOnMount: false });
  const onRefresh = useListRefresh(scanListOptions(params, { refresh: true }), scanKeys.lists());
  usePrefetchNextPage(params, scans.data?.total, scanListOptions);
  const scis = useQuery(sciOptions());
  const organizations = useQuery(organizationOptions(sciId));

  const total = scans.data?.total ?? 0;
  const table = useDataTable({
    columns: isAdmin ? adminColumns : columns,
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
            <DataTableViews page="scans" state={state} config={config} onApply={setState} />
            <DataTableViewOptions table={table} page="scans" />
            <DataTableExport href={listExportHref('/api/director/scans/export', scanListSearch(params))} />
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
      {isAdmin && selection.chosen.size > 0 ? (
        <Suspense fallback={null}>
          <ScanBulkDelete chosen={selection.chosen} onChosenChange={selection.setChosen} params={params} matching={total} isFiltered={isFiltered} />
        </Suspense>
      ) : null}
      <SelectionContext value={selection}>
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
      </SelectionContext>
    </div>
  );
}
