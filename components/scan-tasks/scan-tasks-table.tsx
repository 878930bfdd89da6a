'use client';

import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo } from 'react';
import { DataTable } from '@/components/data-table/data-table';
import { DataTableExport } from '@/components/data-table/data-table-export';
import { DataTableFilter } from '@/components/data-table/data-table-filter';
import { DataTableSearch } from '@/components/data-table/data-table-search';
import { DataTableToolbar } from '@/components/data-table/data-table-toolbar';
import { DataTableViews } from '@/components/data-table/data-table-views';
import { useDataTable } from '@/components/data-table/use-data-table';
import { useListState } from '@/components/data-table/use-list-state';
import { useIsAdmin } from '@/components/shell/current-user';
import { useTimeZone } from '@/components/shell/time-zone';
import { Button } from '@/components/ui/button';
import { useHydrated } from '@/components/ui/use-hydrated';
import { EmptyState } from '@/components/ui/empty-state';
import { ZonedDateTimeInput } from '@/components/ui/zoned-date-time-input';
import { listExportHref } from '@/lib/api/list-search';
import { scanTaskListOptions, scanTaskListSearch } from '@/lib/api/scan-tasks';
import type { ScanTaskRow } from '@/lib/schemas/scan-task';
import { scanTypes } from '@/lib/schemas/scan-task-fields';
import { scanTaskColumns } from './scan-task-columns';
import { scanTaskListConfig, scanTaskListParams } from './scan-task-list';
import { formatAge, knownScanTypes } from './scan-task-format';
import { ageOf, NowContext, useNow } from './use-now';

// Admin-only, and its dialog (with the host picker) is used on a click: its code is split from the
// task list's first load. React's lazy rather than next/dynamic, whose loader costs about a kilobyte
// of first-load JS (the shell's dialogs do the same); until it arrives the button shows, disabled.
const StartScanDialog = lazy(() => import('./start-scan-dialog').then((m) => ({ default: m.StartScanDialog })));
const startWaiting = (
  <Button variant="primary" disabled>
    Start manual scan
  </Button>
);

const noRows: ScanTaskRow[] = [];
const getRowId = (row: ScanTaskRow) => row.id;

const firstReadMs = 5_000;
/** The answer's age when it was read (a page drawn from an answer past HSS's freshness window) plus the time since. */
const isOlderThanFirstRead = (query: { state: { data?: { ageMs?: number } | undefined; dataUpdatedAt: number } }) =>
  (query.state.data?.ageMs ?? 0) + Date.now() - query.state.dataUpdatedAt >= firstReadMs;

export function ScanTasksTable() {
  const isAdmin = useIsAdmin();
  const isHydrated = useHydrated();
  const now = useNow();
  const [state, setState] = useListState(scanTaskListConfig);
  const zone = useTimeZone();
  const params = useMemo(() => scanTaskListParams(state), [state]);
  // The page's server has just read the first page from HSS (on the same budgeted, shared path) and
  // shows a failure with Retry: a mount right after it asks again for neither. An older list (Back
  // to this page, or a page drawn from an answer past its freshness window while the server asks
  // HSS behind it) is asked for at once.
  const tasks = useQuery({ ...scanTaskListOptions(params), retryOnMount: false, refetchOnMount: isOlderThanFirstRead });
  const total = tasks.data?.total ?? 0;
  const table = useDataTable({ columns: scanTaskColumns, data: tasks.data?.items ?? noRows, total, state, onStateChange: setState, getRowId });
  // The server draws the first page too, at its own moment: until hydrated there is no clock, so
  // ages and running durations are left blank rather than drawn twice differently.
  const clock = isHydrated ? now : 0;
  const age = clock === 0 ? undefined : ageOf(tasks.data, tasks.dataUpdatedAt, clock);
  const isFiltered = Object.keys(state.filters).length > 0;

  return (
    <div className="space-y-3">
      <DataTableToolbar
        end={
          <>
            {/* Its room is kept from the first paint and its width fixed, so the button beside it stays put as the list arrives and the clock ticks. */}
            <span className="min-w-28 text-right text-xs text-slate-500" data-testid="freshness">
              {age !== undefined ? formatAge(age) : null}
            </span>
            <DataTableViews page="scan-tasks" state={state} config={scanTaskListConfig} onApply={setState} />
            <DataTableExport href={listExportHref('/api/hss/scan-tasks/export', scanTaskListSearch(params))} />
            {isAdmin ? (
              // Rendered once hydrated, not by the server: a server-rendered button looked ready while its
              // code was still loading, and an early click opened nothing.
              isHydrated ? (
                <Suspense fallback={startWaiting}>
                  <StartScanDialog />
                </Suspense>
              ) : (
                startWaiting
              )
            ) : null}
          </>
        }
      >
        <DataTableFilter
          label="Scan type"
          allLabel="All types"
          value={state.filters.scanType ?? ''}
          options={scanTypes.map((t) => ({ value: t, label: knownScanTypes[t].label }))}
          onChange={(value) => setState({ filters: { scanType: value } })}
        />
        <DataTableSearch
          label="Task ID"
          placeholder="Exact task ID"
          value={state.filters.taskId ?? ''}
          onSearch={(taskId) => setState({ filters: { taskId } })}
        />
        <label className="flex items-center gap-1.5 text-sm text-slate-600">
          Started after
          <ZonedDateTimeInput
            className="w-52"
            edge="from"
            value={params.startFrom}
            onValueChange={(startFrom) => setState({ filters: { startFrom: startFrom?.toString() } })}
          />
        </label>
        <label className="flex items-center gap-1.5 text-sm text-slate-600">
          before
          <ZonedDateTimeInput
            className="w-52"
            edge="to"
            value={params.startTo}
            onValueChange={(startTo) => setState({ filters: { startTo: startTo?.toString() } })}
          />
          {zone}
        </label>
      </DataTableToolbar>
      {/* Elapsed times tick with the clock: the duration cells read it, the columns stay put. */}
      <NowContext value={clock}>
        <DataTable
          table={table}
          label="Scan tasks"
          recordName="task"
          query={tasks}
          onRefresh={() => tasks.refetch({ throwOnError: true })}
          empty={
            isFiltered ? (
              <EmptyState title="No scan tasks match" description="Try another type, task ID or time range." />
            ) : (
              <EmptyState title="No scan tasks yet" description="Scheduled and manual HSS vulnerability scans appear here." />
            )
          }
        />
      </NowContext>
    </div>
  );
}
