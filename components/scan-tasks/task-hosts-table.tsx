'use client';

import { useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { DataTable } from '@/components/data-table/data-table';
import { DataTableFilter } from '@/components/data-table/data-table-filter';
import type { DataTableColumn, DataTableFeatures } from '@/components/data-table/features';
import { applyListChange, type ListState } from '@/components/data-table/list-state';
import { useDataTable } from '@/components/data-table/use-data-table';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { scanTaskHostsOptions } from '@/lib/api/scan-tasks';
import { defaultPageSize } from '@/lib/schemas/paging';
import type { ScanTaskHost } from '@/lib/schemas/scan-task';
import { hostScanStatuses } from '@/lib/schemas/scan-task-fields';
import { hostStatusBadge, vulTypeLabel } from './scan-task-format';

const helper = createColumnHelper<DataTableFeatures, ScanTaskHost>();
const muted = <span className="text-slate-400">—</span>;

const columns: Array<DataTableColumn<ScanTaskHost>> = [
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
  helper.accessor((row) => row.assetValue, { id: 'assetValue', header: 'Asset value', enableSorting: false, cell: ({ getValue }) => getValue() || muted }),
  helper.accessor((row) => row.scanStatus, {
    id: 'scanStatus',
    header: 'Status',
    enableSorting: false,
    cell: ({ getValue }) => {
      const badge = hostStatusBadge(getValue());
      return <Badge tone={badge.tone}>{badge.label}</Badge>;
    },
  }),
  helper.accessor((row) => row.failedReasons, {
    id: 'failedReasons',
    header: 'Failure reasons',
    enableSorting: false,
    cell: ({ row }) =>
      row.original.failedReasons.length === 0 ? (
        muted
      ) : (
        <ul className="space-y-0.5 text-red-800">
          {row.original.failedReasons.map((r) => (
            <li key={`${r.vulType}:${r.reason}`}>
              <span className="font-medium">{vulTypeLabel(r.vulType)}:</span> {r.reason}
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
  columns: ['hostName', 'ips', 'assetValue', 'scanStatus', 'failedReasons'],
};

/** The hosts of one task; page and status filter are local, the table refreshes with the task. */
export function TaskHostsTable({ taskId, isRunning }: { taskId: string; isRunning: boolean }) {
  const [state, setState] = useState<ListState>(initialState);
  const scanStatus = hostScanStatuses.find((s) => s === state.filters.scanStatus);
  const hosts = useQuery(scanTaskHostsOptions(taskId, { page: state.page, pageSize: state.pageSize, scanStatus }, isRunning));
  const total = hosts.data?.total ?? 0;
  const table = useDataTable({
    columns,
    data: hosts.data?.items ?? [],
    total,
    state,
    onStateChange: (change) => setState((current) => applyListChange(current, change)),
    getRowId: (row) => row.hostId,
  });
  return (
    <section aria-labelledby="hosts-title" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="hosts-title" className="text-base font-semibold text-slate-900">
          Hosts
        </h2>
        <DataTableFilter
          label="Host status"
          allLabel="All statuses"
          value={state.filters.scanStatus ?? ''}
          options={hostScanStatuses.map((s) => ({ value: s, label: hostStatusBadge(s).label }))}
          onChange={(value) => setState((current) => applyListChange(current, { filters: { scanStatus: value } }))}
        />
      </div>
      <DataTable
        table={table}
        label="Hosts of the task"
        query={hosts}
        empty={<EmptyState title="No hosts match" description={scanStatus ? 'No host of this task has that status.' : 'HSS lists no hosts for this task.'} />}
      />
    </section>
  );
}
