'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useEffect, useState } from 'react';
import { useIsAdmin } from '@/components/shell/current-user';
import { DataTable } from '@/components/data-table/data-table';
import { DataTableFilter } from '@/components/data-table/data-table-filter';
import type { DataTableColumn, DataTableFeatures } from '@/components/data-table/features';
import { applyListChange, type ListState } from '@/components/data-table/list-state';
import { SelectionContext, selectionColumn, useSelection } from '@/components/data-table/row-selection';
import { useDataTable } from '@/components/data-table/use-data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { VendorValueBadge } from '@/components/ui/vendor-value-badge';
import { scanTaskHostsOptions, scanTaskKeys } from '@/lib/api/scan-tasks';
import { defaultPageSize } from '@/lib/schemas/paging';
import type { ScanTaskHost } from '@/lib/schemas/scan-task';
import { hostScanStatuses } from '@/lib/schemas/scan-task-fields';
import { LazyRescanDialog as RescanDialog } from './lazy-rescan-dialog';
import { knownAssetValues, knownHostStatuses, vulTypeLabel } from './scan-task-format';

const helper = createColumnHelper<DataTableFeatures, ScanTaskHost>();
const muted = <span className="text-slate-400">—</span>;

const hostColumns: Array<DataTableColumn<ScanTaskHost>> = [
  helper.accessor((row) => row.hostName, {
    id: 'hostName',
    header: 'Host',
    enableSorting: false,
    cell: ({ row }) => (
      <span title={row.original.hostId}>
        <span className="font-medium">{row.original.hostName || row.original.hostId}</span>
        <span className="block font-mono text-xs text-slate-500 select-all">{row.original.hostId}</span>
      </span>
    ),
  }),
  helper.accessor((row) => row.privateIp, {
    id: 'ips',
    header: 'IP addresses',
    enableSorting: false,
    cell: ({ row }) => (
      <span className="font-mono text-xs whitespace-nowrap">
        {row.original.privateIp || '—'}
        {row.original.publicIp ? <span className="block text-slate-500">{row.original.publicIp}</span> : null}
      </span>
    ),
  }),
  helper.accessor((row) => row.assetValue, {
    id: 'assetValue',
    header: 'Asset value',
    enableSorting: false,
    cell: ({ getValue }) => <VendorValueBadge value={getValue()} known={knownAssetValues} vendor="HSS" />,
  }),
  helper.accessor((row) => row.scanStatus, {
    id: 'scanStatus',
    header: 'Status',
    enableSorting: false,
    cell: ({ getValue }) => <VendorValueBadge value={getValue()} known={knownHostStatuses} vendor="HSS" />,
  }),
  helper.accessor((row) => row.vulScans, {
    id: 'vulScans',
    header: 'By vulnerability type',
    enableSorting: false,
    cell: ({ row }) =>
      row.original.vulScans.length === 0 ? (
        muted
      ) : (
        <ul className="space-y-1" data-testid="vul-scans">
          {row.original.vulScans.map((scan) => (
            <li key={scan.vulType} className="flex flex-wrap items-baseline gap-1.5">
              <span className="font-medium text-slate-700">{vulTypeLabel(scan.vulType)}</span>
              <VendorValueBadge value={scan.status} known={knownHostStatuses} vendor="HSS" />
              {scan.reason ? <span className="text-red-800">{scan.reason}</span> : null}
            </li>
          ))}
        </ul>
      ),
  }),
];

const initialState: ListState = {
  page: 1,
  pageSize: defaultPageSize,
  sort: undefined,
  order: 'asc',
  q: '',
  filters: {},
  columns: ['hostName', 'ips', 'assetValue', 'scanStatus', 'vulScans'],
};

/** A checkbox column for admins: chosen hosts stay chosen across pages and refreshes. */
const chooseColumn = selectionColumn<ScanTaskHost>((host) => ({ id: host.hostId, label: host.hostName || host.hostId }), 'hosts', {
  rowLabel: (item) => `Choose ${item.label} for a rescan`,
  hasPageBox: false,
});
const adminHostColumns = [chooseColumn, ...hostColumns];
const getRowId = (row: ScanTaskHost) => row.hostId;

/** The hosts of one task; page and status filter are local, the table refreshes with the task. */
export function TaskHostsTable({ taskId, isRunning, summaryFetchedAt }: { taskId: string; isRunning: boolean; summaryFetchedAt: number }) {
  const isAdmin = useIsAdmin();
  const [state, setState] = useState<ListState>(initialState);
  const selection = useSelection();
  const scanStatus = hostScanStatuses.find((s) => s === state.filters.scanStatus);
  // Seen running, then finished: the hosts are read once more, no older than the summary that said so.
  const [wasRunning, setWasRunning] = useState(isRunning);
  const [catchUpTo, setCatchUpTo] = useState<number | undefined>(undefined);
  if (wasRunning !== isRunning) {
    setWasRunning(isRunning);
    if (wasRunning && !isRunning) setCatchUpTo(summaryFetchedAt);
  }
  const params = { page: state.page, pageSize: state.pageSize, scanStatus };
  const hosts = useQuery(scanTaskHostsOptions(taskId, params, isRunning, catchUpTo));
  const queryClient = useQueryClient();
  useEffect(() => {
    if (catchUpTo !== undefined) void queryClient.invalidateQueries({ queryKey: scanTaskKeys.hostsOf(taskId) });
  }, [catchUpTo, queryClient, taskId]);
  const total = hosts.data?.total ?? 0;
  const table = useDataTable({
    columns: isAdmin ? adminHostColumns : hostColumns,
    data: hosts.data?.items ?? [],
    total,
    state,
    onStateChange: (change) => setState((current) => applyListChange(current, change)),
    getRowId,
  });
  return (
    <section aria-labelledby="hosts-title" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="hosts-title" className="text-base font-semibold text-slate-900">
          Hosts
        </h2>
        <div className="flex flex-wrap items-center gap-2">
          {isAdmin ? (
            <RescanDialog
              taskId={taskId}
              scope="chosen"
              hosts={[...selection.chosen.values()].map((item) => ({ hostId: item.id, label: item.label }))}
              isDisabled={isRunning}
              disabledReason="The task is still running; rescan once it has finished."
              onDone={() => selection.setChosen(new Map())}
            />
          ) : null}
          <DataTableFilter
            label="Host status"
            allLabel="All statuses"
            value={state.filters.scanStatus ?? ''}
            options={hostScanStatuses.map((s) => ({ value: s, label: knownHostStatuses[s].label }))}
            onChange={(value) => setState((current) => applyListChange(current, { filters: { scanStatus: value } }))}
          />
        </div>
      </div>
      <SelectionContext value={selection}>
        <DataTable
          table={table}
          label="Hosts of the task"
          recordName="host"
          query={hosts}
          empty={<EmptyState title="No hosts match" description={scanStatus ? 'No host of this task has that status.' : 'HSS lists no hosts for this task.'} />}
        />
      </SelectionContext>
    </section>
  );
}
