'use client';

import { createColumnHelper } from '@tanstack/react-table';
import type { DataTableColumn, DataTableFeatures } from '@/components/data-table/features';
import { DateTime } from '@/components/shell/time-zone';
import { Badge } from '@/components/ui/badge';
import type { AuditEvent } from '@/lib/schemas/audit';
import { auditSortFields } from '@/lib/schemas/audit-fields';
import { auditColumnLabels, describeTarget, outcomeLabels, outcomeTones, type AuditColumn } from './audit-format';

const helper = createColumnHelper<DataTableFeatures, AuditEvent>();

const isSortable = (id: AuditColumn) => (auditSortFields as readonly string[]).includes(id);

const muted = (text = '—') => <span className="text-slate-400">{text}</span>;

/** Column definitions of the audit trail; time stays visible because every entry is read by it. */
export function getAuditColumns() {
  const columns: Array<DataTableColumn<AuditEvent>> = [
    helper.accessor((row) => row.time, {
      id: 'time',
      header: auditColumnLabels.time,
      enableHiding: false,
      enableSorting: true,
      sortDescFirst: true,
      cell: ({ getValue }) => <DateTime value={getValue()} seconds />,
    }),
    helper.accessor((row) => row.username, {
      id: 'username',
      header: auditColumnLabels.username,
      enableSorting: isSortable('username'),
      cell: ({ row }) =>
        row.original.username ? <span className="font-medium">{row.original.username}</span> : muted(row.original.action === 'sign-in' ? 'unknown user' : '—'),
    }),
    helper.accessor((row) => row.role, {
      id: 'role',
      header: auditColumnLabels.role,
      enableSorting: false,
      cell: ({ getValue }) => getValue() ?? muted(),
    }),
    helper.accessor((row) => row.action, {
      id: 'action',
      header: auditColumnLabels.action,
      enableSorting: isSortable('action'),
      // The sentence the server made from the stored action and target; the route stays in the tooltip and the CSV.
      cell: ({ row }) => <span title={row.original.action}>{row.original.summary}</span>,
    }),
    helper.accessor((row) => describeTarget(row.target), {
      id: 'target',
      header: auditColumnLabels.target,
      enableSorting: false,
      cell: ({ getValue }) => (getValue() ? <span className="font-mono text-xs break-words">{getValue()}</span> : muted()),
    }),
    helper.accessor((row) => row.outcome, {
      id: 'outcome',
      header: auditColumnLabels.outcome,
      enableSorting: isSortable('outcome'),
      cell: ({ row }) => (
        <span className="flex items-center gap-1.5 whitespace-nowrap">
          <Badge tone={outcomeTones[row.original.outcome]}>{outcomeLabels[row.original.outcome]}</Badge>
          {/* Repeated refusals from one source share a row per minute. */}
          {row.original.count > 1 ? (
            <span className="text-xs text-slate-600" title={`${row.original.count} times within this minute`}>
              ×{row.original.count}
            </span>
          ) : null}
        </span>
      ),
    }),
    helper.accessor((row) => row.status, {
      id: 'status',
      header: auditColumnLabels.status,
      enableSorting: isSortable('status'),
      cell: ({ getValue }) => getValue() ?? muted(),
    }),
    helper.accessor((row) => row.errorCode, {
      id: 'errorCode',
      header: auditColumnLabels.errorCode,
      enableSorting: false,
      cell: ({ row }) =>
        row.original.errorCode ? (
          <span className="font-mono text-xs">
            {row.original.errorCode}
            {row.original.upstreamCode ? <span className="text-slate-500"> · vendor {row.original.upstreamCode}</span> : null}
          </span>
        ) : (
          muted()
        ),
    }),
    helper.accessor((row) => row.requestIds.join(' '), {
      id: 'requestIds',
      header: auditColumnLabels.requestIds,
      enableSorting: false,
      cell: ({ row }) =>
        row.original.requestIds.length ? (
          <ul className="space-y-0.5 font-mono text-xs select-all">
            {row.original.requestIds.map((id) => (
              <li key={id}>{id}</li>
            ))}
          </ul>
        ) : (
          muted()
        ),
    }),
    helper.accessor((row) => row.address, {
      id: 'address',
      header: auditColumnLabels.address,
      enableSorting: false,
      cell: ({ getValue }) => (getValue() ? <span className="font-mono text-xs">{getValue()}</span> : muted()),
    }),
  ];
  return columns;
}
