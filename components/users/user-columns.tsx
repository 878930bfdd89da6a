'use client';

import { createColumnHelper } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import type { DataTableColumn, DataTableFeatures } from '@/components/data-table/features';
import { Badge } from '@/components/ui/badge';
import type { UserRow } from '@/lib/schemas/user';
import { sortableUserColumns, type UserColumn } from '@/lib/schemas/user-fields';
import { groupLabel, isAdministrator, organizationLabel, roleLabel, userColumnLabels } from './user-format';
import { RowLink } from '@/components/data-table/row-link';

const helper = createColumnHelper<DataTableFeatures, UserRow>();

const isSortable = (id: UserColumn) => (sortableUserColumns as readonly string[]).includes(id);

const muted = <span className="text-slate-400">—</span>;

function text(value: string | number | undefined): ReactNode {
  return value === undefined || value === '' ? muted : String(value);
}

/** The organization of a user: a link to it, or an "Administrators" badge for organization 0. */
export function UserOrganization({ user }: { user: Pick<UserRow, 'organization' | 'sci'> }) {
  if (!user.organization) return muted;
  if (isAdministrator(user)) return <Badge tone="accent">{organizationLabel(user.organization)}</Badge>;
  return (
    <RowLink href={`/organizations/${user.organization.id}`} className="text-indigo-700 hover:underline">
      {organizationLabel(user.organization)}
    </RowLink>
  );
}

/** Column definitions of the users table; `username` is always shown because it carries the link. */
export function getUserColumns() {
  const columns: Array<DataTableColumn<UserRow>> = [
    helper.accessor((row) => row.username, {
      id: 'username',
      header: userColumnLabels.username,
      enableHiding: false,
      enableSorting: true,
      cell: ({ row }) => (
        <RowLink href={`/users/${row.original.id}`} className="font-medium text-indigo-700 hover:underline">
          {row.original.username || `User ${row.original.id}`}
        </RowLink>
      ),
    }),
    ...(['firstname', 'lastname', 'email', 'title', 'phone', 'city', 'country'] as const).map((id) =>
      helper.accessor((row) => row[id], { id, header: userColumnLabels[id], enableSorting: isSortable(id), cell: ({ getValue }) => text(getValue()) }),
    ),
    helper.accessor((row) => row.sci?.name, {
      id: 'sci',
      header: userColumnLabels.sci,
      enableSorting: isSortable('sci'),
      cell: ({ row }) => {
        const sci = row.original.sci;
        return sci ? <span title={`SCI ${sci.id}`}>{sci.name || `SCI ${sci.id}`}</span> : muted;
      },
    }),
    helper.accessor((row) => row.organization?.name, {
      id: 'organization',
      header: userColumnLabels.organization,
      enableSorting: isSortable('organization'),
      cell: ({ row }) => <UserOrganization user={row.original} />,
    }),
    helper.accessor((row) => row.sciRoleId, {
      id: 'role',
      header: userColumnLabels.role,
      enableSorting: isSortable('role'),
      cell: ({ getValue }) => <span className="whitespace-nowrap">{roleLabel(getValue())}</span>,
    }),
    helper.accessor((row) => row.sciGroupId, {
      id: 'group',
      header: userColumnLabels.group,
      enableSorting: isSortable('group'),
      cell: ({ getValue }) => <span className="whitespace-nowrap">{groupLabel(getValue())}</span>,
    }),
    helper.accessor((row) => row.sciUserId, {
      id: 'sciUserId',
      header: userColumnLabels.sciUserId,
      enableSorting: isSortable('sciUserId'),
      cell: ({ getValue }) => <span className="tabular-nums">{text(getValue())}</span>,
    }),
  ];
  return columns;
}
