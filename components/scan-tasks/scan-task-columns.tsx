'use client';

import { createColumnHelper } from '@tanstack/react-table';
import { use } from 'react';
import type { DataTableColumn, DataTableFeatures } from '@/components/data-table/features';
import { DateTime } from '@/components/shell/time-zone';
import { CopyButton } from '@/components/ui/copy-button';
import { VendorValueBadge } from '@/components/ui/vendor-value-badge';
import type { ScanTaskRow } from '@/lib/schemas/scan-task';
import { formatDuration, formatMinutes, isTaskRunning, knownScanTypes, taskDuration, taskStatusValues, vulTypeLabel } from './scan-task-format';
import { TaskProgress } from './task-progress';
import { NowContext } from './use-now';
import { RowLink } from '@/components/data-table/row-link';

const helper = createColumnHelper<DataTableFeatures, ScanTaskRow>();

/** How long a task has run, by the table's clock (NowContext; 0 until hydrated, when a running task's time is left blank). */
function TaskDuration({ task }: { task: ScanTaskRow }) {
  const now = use(NowContext);
  if (now === 0 && isTaskRunning(task)) return null;
  return <span className="whitespace-nowrap">{formatDuration(taskDuration(task, now))}</span>;
}

/** HSS pages and filters on its side but does not sort, so no column offers sorting. */
export const scanTaskColumns: Array<DataTableColumn<ScanTaskRow>> = [
  helper.accessor((row) => row.id, {
    id: 'id',
    header: 'Task',
    enableHiding: false,
    enableSorting: false,
    cell: ({ row }) => (
      <span className="inline-flex items-center gap-1 whitespace-nowrap">
        <RowLink
          href={`/scan-tasks/${encodeURIComponent(row.original.id)}`}
          className="font-mono text-xs font-medium text-indigo-700 hover:underline"
          title={row.original.id}
        >
          {row.original.id.slice(0, 8)}…
        </RowLink>
        <CopyButton value={row.original.id} label={`Copy task id ${row.original.id}`} />
      </span>
    ),
  }),
  helper.accessor((row) => row.scanType, {
    id: 'scanType',
    header: 'Type',
    enableSorting: false,
    cell: ({ getValue }) => <VendorValueBadge value={getValue()} known={knownScanTypes} vendor="HSS" />,
  }),
  helper.accessor((row) => row.vulTypes, {
    id: 'vulTypes',
    header: 'Vulnerability types',
    enableSorting: false,
    cell: ({ getValue }) => <span className="text-slate-700">{getValue().map(vulTypeLabel).join(', ') || '—'}</span>,
  }),
  helper.accessor((row) => row.status, {
    id: 'status',
    header: 'Status',
    enableSorting: false,
    cell: ({ row }) => <VendorValueBadge value={row.original.status} known={taskStatusValues(row.original)} vendor="HSS" />,
  }),
  helper.accessor((row) => row.successHosts, {
    id: 'progress',
    header: 'Hosts',
    enableSorting: false,
    cell: ({ row }) => <TaskProgress task={row.original} isCompact />,
  }),
  helper.accessor((row) => row.startTime, {
    id: 'startTime',
    header: 'Started',
    enableSorting: false,
    cell: ({ getValue }) => <DateTime value={getValue()} seconds />,
  }),
  helper.accessor((row) => row.endTime ?? row.expectedEnd, {
    id: 'endTime',
    header: 'Ended / expected',
    enableSorting: false,
    cell: ({ row }) =>
      !isTaskRunning(row.original) ? (
        <DateTime value={row.original.endTime} seconds />
      ) : row.original.expectedEnd !== undefined ? (
        <span className="whitespace-nowrap text-slate-500" title={`HSS estimates ${formatMinutes(row.original.estimatedMinutes)}`}>
          ≈ <DateTime value={row.original.expectedEnd} seconds />
        </span>
      ) : (
        <span className="text-slate-400" title="HSS gave no estimate">
          —
        </span>
      ),
  }),
  helper.accessor((row) => row.startTime, {
    id: 'duration',
    header: 'Duration',
    enableSorting: false,
    cell: ({ row }) => <TaskDuration task={row.original} />,
  }),
];
