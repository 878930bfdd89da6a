'use client';

import { DateTime } from '@/components/shell/time-zone';
import { createColumnHelper } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import type { DataTableColumn, DataTableFeatures } from '@/components/data-table/features';

import type { OrganizationRow } from '@/lib/schemas/organization';
import { sortableOrganizationColumns, type OrganizationColumn } from '@/lib/schemas/organization-fields';
import { formatZoneSelection, organizationColumnLabels, organizationName } from './organization-format';
import { RowLink } from '@/components/data-table/row-link';

const helper = createColumnHelper<DataTableFeatures, OrganizationRow>();

const isSortable = (id: OrganizationColumn) => (sortableOrganizationColumns as readonly string[]).includes(id);

const muted = <span className="text-slate-400">—</span>;

function text(value: string | number | undefined): ReactNode {
  return value === undefined || value === '' ? muted : String(value);
}

/** Column definitions of the organizations table; `name` is always shown because it carries the link. */
export function getOrganizationColumns() {
  const columns: Array<DataTableColumn<OrganizationRow>> = [
    helper.accessor((row) => row.name, {
      id: 'name',
      header: organizationColumnLabels.name,
      enableHiding: false,
      enableSorting: true,
      cell: ({ row }) => (
        <RowLink href={`/organizations/${row.original.id}`} className="font-medium text-indigo-700 hover:underline">
          {organizationName(row.original)}
        </RowLink>
      ),
    }),
    helper.accessor((row) => row.sci?.name, {
      id: 'sci',
      header: organizationColumnLabels.sci,
      enableSorting: isSortable('sci'),
      cell: ({ row }) => (row.original.sci ? <span title={`SCI ${row.original.sci.id}`}>{row.original.sci.name}</span> : muted),
    }),
    helper.accessor((row) => row.description, {
      id: 'description',
      header: organizationColumnLabels.description,
      enableSorting: isSortable('description'),
      cell: ({ getValue }) => <span className="line-clamp-2 max-w-xs text-slate-600">{text(getValue())}</span>,
    }),
    helper.accessor((row) => row.sciOrgId, {
      id: 'sciOrgId',
      header: organizationColumnLabels.sciOrgId,
      enableSorting: isSortable('sciOrgId'),
      cell: ({ getValue }) => text(getValue()),
    }),
    helper.accessor((row) => row.userCount, {
      id: 'userCount',
      header: organizationColumnLabels.userCount,
      enableSorting: isSortable('userCount'),
      cell: ({ row }) =>
        row.original.userCount === undefined ? (
          muted
        ) : (
          <RowLink
            href={`/users?orgId=${row.original.id}`}
            className="tabular-nums text-indigo-700 hover:underline"
            aria-label={`${row.original.userCount} users of ${organizationName(row.original)}`}
          >
            {row.original.userCount}
          </RowLink>
        ),
    }),
    helper.accessor((row) => row.vulnScoringSystem, {
      id: 'vulnScoringSystem',
      header: organizationColumnLabels.vulnScoringSystem,
      enableSorting: isSortable('vulnScoringSystem'),
      cell: ({ getValue }) => text(getValue()),
    }),
    helper.accessor((row) => row.zoneSelection, {
      id: 'zoneSelection',
      header: organizationColumnLabels.zoneSelection,
      enableSorting: isSortable('zoneSelection'),
      cell: ({ getValue }) => (getValue() ? formatZoneSelection(getValue()) : muted),
    }),
    ...(['email', 'phone', 'city', 'country'] as const).map((id) =>
      helper.accessor((row) => row[id], { id, header: organizationColumnLabels[id], enableSorting: isSortable(id), cell: ({ getValue }) => text(getValue()) }),
    ),
    ...(['createdTime', 'modifiedTime'] as const).map((id) =>
      helper.accessor((row) => row[id], {
        id,
        header: organizationColumnLabels[id],
        enableSorting: true,
        cell: ({ getValue }) => <DateTime value={getValue()} />,
      }),
    ),
  ];
  return columns;
}
