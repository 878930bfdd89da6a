'use client';

import { DateTime } from '@/components/shell/time-zone';
import { createColumnHelper } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import type { DataTableColumn, DataTableFeatures } from '@/components/data-table/features';
import { formatBoolean } from '@/lib/format';
import { Badge } from '@/components/ui/badge';
import { sortableSecurityManagerColumns, type SecurityManagerRow } from '@/lib/schemas/security-manager';
import { formatAuthType, groupName, lockState, securityManagerColumnLabels } from './security-manager-format';
import { RowLink } from '@/components/data-table/row-link';

const helper = createColumnHelper<DataTableFeatures, SecurityManagerRow>();
const isSortable = (id: string) => (sortableSecurityManagerColumns as readonly string[]).includes(id);
const muted = <span className="text-slate-400">—</span>;

function text(value: string | number | null | undefined): ReactNode {
  return value === undefined || value === null || value === '' ? muted : String(value);
}

/** Columns of one organization's security managers; `username` carries the link and is always shown. */
export function getSecurityManagerColumns(orgId: string) {
  const plain = (id: 'firstname' | 'lastname' | 'title' | 'email' | 'phone' | 'failedLogins' | 'status') =>
    helper.accessor((row) => row[id], { id, header: securityManagerColumnLabels[id], enableSorting: isSortable(id), cell: ({ getValue }) => text(getValue()) });
  const when = (id: 'lastLogin' | 'passwordSetDate' | 'createdTime' | 'modifiedTime') =>
    helper.accessor((row) => row[id], {
      id,
      header: securityManagerColumnLabels[id],
      enableSorting: isSortable(id),
      cell: ({ getValue }) => {
        const value = getValue();
        if (value === null) return <span className="text-slate-500">Never</span>;
        return <DateTime value={value} />;
      },
    });
  const named = (id: 'role' | 'group' | 'responsibleAsset') =>
    helper.accessor((row) => (id === 'group' && row.group ? groupName(row.group) : row[id]?.name), {
      id,
      header: securityManagerColumnLabels[id],
      enableSorting: isSortable(id),
      cell: ({ getValue }) => text(getValue()),
    });

  const columns: Array<DataTableColumn<SecurityManagerRow>> = [
    helper.accessor((row) => row.username, {
      id: 'username',
      header: securityManagerColumnLabels.username,
      enableHiding: false,
      enableSorting: true,
      cell: ({ row }) => (
        <RowLink
          href={`/organizations/${encodeURIComponent(orgId)}/security-managers/${row.original.id}`}
          className="font-medium text-indigo-700 hover:underline"
        >
          {row.original.username || `Manager ${row.original.id}`}
        </RowLink>
      ),
    }),
    plain('firstname'),
    plain('lastname'),
    plain('status'),
    plain('title'),
    plain('email'),
    plain('phone'),
    helper.accessor((row) => row.authType, {
      id: 'authType',
      header: securityManagerColumnLabels.authType,
      enableSorting: true,
      cell: ({ getValue }) => formatAuthType(getValue()),
    }),
    named('role'),
    named('group'),
    named('responsibleAsset'),
    helper.accessor((row) => row.locked, {
      id: 'locked',
      header: securityManagerColumnLabels.locked,
      enableSorting: true,
      cell: ({ row }) => {
        const state = lockState(row.original);
        return state ? <Badge tone={state.tone}>{state.label}</Badge> : muted;
      },
    }),
    plain('failedLogins'),
    when('lastLogin'),
    helper.accessor((row) => row.passwordExpires, {
      id: 'passwordExpires',
      header: securityManagerColumnLabels.passwordExpires,
      enableSorting: false,
      cell: ({ getValue }) => formatBoolean(getValue()),
    }),
    when('passwordSetDate'),
    when('createdTime'),
    when('modifiedTime'),
  ];
  return columns;
}
