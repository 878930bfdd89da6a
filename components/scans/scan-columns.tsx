'use client';

import { DateTime } from '@/components/shell/time-zone';
import { createColumnHelper } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import { VendorValueBadge } from '@/components/ui/vendor-value-badge';
import type { DataTableColumn, DataTableFeatures } from '@/components/data-table/features';
import type { ScanRow } from '@/lib/schemas/scan';
import { sortableScanColumns, type ScanColumn } from '@/lib/schemas/scan-fields';
import { formatBoolean, shortUuid } from '@/lib/format';
import { formatMaxScanTime, formatRolloverType, formatTimeoutAction, knownScanStatuses, scanColumnLabels, pluginLabel } from './scan-format';
import { RowLink } from '@/components/data-table/row-link';

const helper = createColumnHelper<DataTableFeatures, ScanRow>();

const isSortable = (id: ScanColumn) => (sortableScanColumns as readonly string[]).includes(id);

const muted = <span className="text-slate-400">—</span>;

/**
 * A policy, owner, repository, zone... by name (Director's, or the BFF's from the SCI's lookups),
 * else by id, else a short uuid whose hover says the name was not found on the scan's SCI.
 */
export function UuidRefText({ value, sci }: { value: ScanRow['zone']; sci?: ScanRow['sci'] }): ReactNode {
  if (!value) return muted;
  const hover = [value.uuid, value.id !== undefined ? `id ${value.id}` : undefined].filter(Boolean).join(' · ') || undefined;
  if (value.name) return <span title={hover}>{value.name}</span>;
  const missing = `${hover}: not found on ${sci ? sci.name || `SCI ${sci.id}` : 'its SCI'}`;
  if (value.uuid === undefined) return value.id !== undefined ? <span title={missing}>#{value.id}</span> : muted;
  return (
    <span className="font-mono text-xs" title={missing}>
      {shortUuid(value.uuid)}
    </span>
  );
}

/** The schedule in the form preview's words; muted when Director did not report one. */
export function ScheduleText({ schedule }: { schedule: ScanRow['schedule'] }): ReactNode {
  return schedule ? <span>{schedule.text}</span> : <span className="text-slate-500 italic">not reported by Director</span>;
}

function text(value: string | number | undefined): ReactNode {
  return value === undefined || value === '' ? muted : String(value);
}

type ValueColumn = 'sciScanId' | 'type' | 'classifyMitigatedAge' | 'timeoutAction' | 'rolloverType' | 'maxScanTime';

/** A column that shows one field through a formatter, sortable where the server sorts it. */
function valueColumn<K extends ValueColumn>(id: K, format: (value: ScanRow[K]) => ReactNode) {
  return helper.accessor((row) => row[id], {
    id,
    header: scanColumnLabels[id],
    enableSorting: isSortable(id),
    cell: ({ getValue }) => format(getValue() as ScanRow[K]),
  });
}

/** Column definitions of the scans table; `name` is always shown because it carries the link. */
export function getScanColumns() {
  const columns: Array<DataTableColumn<ScanRow>> = [
    helper.accessor((row) => row.name, {
      id: 'name',
      header: scanColumnLabels.name,
      enableHiding: false,
      enableSorting: true,
      cell: ({ row }) => (
        <RowLink href={`/scans/${row.original.id}`} className="font-medium text-indigo-700 hover:underline">
          {row.original.name || `Scan ${row.original.id}`}
        </RowLink>
      ),
    }),
    helper.accessor((row) => row.description, {
      id: 'description',
      header: scanColumnLabels.description,
      enableSorting: isSortable('description'),
      cell: ({ getValue }) => <span className="line-clamp-2 max-w-xs text-slate-600">{text(getValue())}</span>,
    }),
    helper.accessor((row) => row.status, {
      id: 'status',
      header: scanColumnLabels.status,
      enableSorting: isSortable('status'),
      cell: ({ getValue }) => <VendorValueBadge value={getValue()} known={knownScanStatuses} vendor="Director" isCode />,
    }),
    helper.accessor((row) => row.sci?.name, {
      id: 'sci',
      header: scanColumnLabels.sci,
      enableSorting: isSortable('sci'),
      cell: ({ row }) => (row.original.sci ? <span title={`SCI ${row.original.sci.id}`}>{row.original.sci.name}</span> : muted),
    }),
    helper.accessor((row) => row.organization?.name, {
      id: 'organization',
      header: scanColumnLabels.organization,
      enableSorting: isSortable('organization'),
      cell: ({ row }) => (row.original.organization ? row.original.organization.name : muted),
    }),
    valueColumn('sciScanId', text),
    valueColumn('type', text),
    ...(['policy', 'owner', 'creator', 'repository', 'zone'] as const).map((id) =>
      helper.accessor((row) => row[id]?.name ?? row[id]?.uuid ?? row[id]?.id, {
        id,
        header: scanColumnLabels[id],
        enableSorting: isSortable(id),
        cell: ({ row }) => <UuidRefText value={row.original[id]} sci={row.original.sci} />,
      }),
    ),
    helper.accessor((row) => row.plugin?.name, {
      id: 'plugin',
      header: scanColumnLabels.plugin,
      enableSorting: false,
      cell: ({ row }) => (row.original.plugin ? pluginLabel(row.original.plugin) : muted),
    }),
    helper.accessor((row) => row.ipList, {
      id: 'ipList',
      header: scanColumnLabels.ipList,
      enableSorting: false,
      cell: ({ getValue }) => {
        const value = getValue();
        return value ? (
          <span className="line-clamp-2 max-w-xs font-mono text-xs" title={value}>
            {value}
          </span>
        ) : (
          muted
        );
      },
    }),
    ...(['dhcpTracking', 'emailOnLaunch', 'emailOnFinish', 'scanningVirtualHosts'] as const).map((id) =>
      helper.accessor((row) => row[id], { id, header: scanColumnLabels[id], enableSorting: false, cell: ({ getValue }) => formatBoolean(getValue()) }),
    ),
    valueColumn('classifyMitigatedAge', text),
    valueColumn('timeoutAction', formatTimeoutAction),
    valueColumn('rolloverType', formatRolloverType),
    valueColumn('maxScanTime', formatMaxScanTime),
    ...(['createdTime', 'modifiedTime'] as const).map((id) =>
      helper.accessor((row) => row[id], {
        id,
        header: scanColumnLabels[id],
        enableSorting: true,
        cell: ({ getValue }) => <DateTime value={getValue()} />,
      }),
    ),
    helper.accessor((row) => row.schedule?.type, {
      id: 'schedule',
      header: scanColumnLabels.schedule,
      enableSorting: false,
      cell: ({ row }) => <ScheduleText schedule={row.original.schedule} />,
    }),
  ];
  return columns;
}
