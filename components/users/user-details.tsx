'use client';

import { useQuery } from '@tanstack/react-query';
import { Link } from '@/components/ui/link';
import { useDocumentTitle } from '@/components/ui/use-document-title';
import { ListBackLink } from '@/components/data-table/list-back-link';
import type { ReactNode } from 'react';
import { ButtonLink } from '@/components/ui/button';
import { Field, Section } from '@/components/ui/details';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorPanel } from '@/components/ui/error-panel';
import { PageHeader } from '@/components/ui/page-header';
import { PageSkeleton } from '@/components/ui/skeleton';
import { isApiError } from '@/lib/api/api-error';
import { userDetailOptions } from '@/lib/api/users';
import { UnreadableNotice } from '@/components/ui/unreadable-notice';
import type { UserRow } from '@/lib/schemas/user';
import { administratorsOrgId } from '@/lib/schemas/user-fields';
import { UserOrganization } from './user-columns';
import { fullName, groupLabel, isAdministrator, roleLabel } from './user-format';

const none = <span className="text-slate-400">—</span>;

function orText(value: string | number | undefined): ReactNode {
  return value === undefined || value === '' ? none : value;
}

function UserFields({ user }: { user: UserRow }) {
  const sci = user.sci;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Section title="Account">
        <Field label="Username">{orText(user.username)}</Field>
        <Field label="First name">{orText(user.firstname)}</Field>
        <Field label="Last name">{orText(user.lastname)}</Field>
        <Field label="Title">{orText(user.title)}</Field>
        <Field label="Director ID">{user.id}</Field>
        <Field label="UUID">{user.uuid ? <span className="font-mono text-xs select-all">{user.uuid}</span> : none}</Field>
      </Section>
      <Section title="Tenable.sc instance">
        <Field label="SCI">
          {sci ? (
            <Link href={`/users?sciId=${sci.id}`} className="text-indigo-700 hover:underline" title="Users of this SCI">
              {sci.name || `SCI ${sci.id}`}
            </Link>
          ) : (
            none
          )}
        </Field>
        <Field label="Organization">
          {isAdministrator(user) && sci ? (
            <Link href={`/users?sciId=${sci.id}&orgId=${administratorsOrgId}`} className="hover:underline" title="Administrators of this SCI">
              <UserOrganization user={user} />
            </Link>
          ) : (
            <UserOrganization user={user} />
          )}
        </Field>
        <Field label="Role">{roleLabel(user.sciRoleId)}</Field>
        <Field label="Group">{groupLabel(user.sciGroupId)}</Field>
        <Field label="SCI user ID">{orText(user.sciUserId)}</Field>
      </Section>
      <Section title="Contact">
        <Field label="Email">{orText(user.email)}</Field>
        <Field label="Phone">{orText(user.phone)}</Field>
        <Field label="Fax">{orText(user.fax)}</Field>
      </Section>
      <Section title="Address">
        <Field label="Address">{orText(user.address)}</Field>
        <Field label="City">{orText(user.city)}</Field>
        <Field label="State">{orText(user.state)}</Field>
        <Field label="Country">{orText(user.country)}</Field>
      </Section>
    </div>
  );
}

const backLink = <ListBackLink path="/users">← Users</ListBackLink>;

export function UserDetails({ id }: { id: string }) {
  const user = useQuery(userDetailOptions(id));
  useDocumentTitle(user.data ? `${user.data.username || `User ${user.data.id}`} · User` : undefined);

  if (user.isLoading) return <PageSkeleton label="Loading user" />;

  const error = user.error;
  // A path that cannot be an id (400) is as absent as an id Director does not know (404).
  if (error && isApiError(error) && (error.isNotFound || error.status === 400)) {
    return (
      <>
        <PageHeader breadcrumb={backLink} title="User not found" />
        <div className="rounded-lg border border-slate-200 bg-white">
          <EmptyState
            title="User not found"
            description={error.isNotFound ? `No user with id ${id} exists on Director.` : `“${id}” is neither a user id nor a UUID.`}
            action={<ButtonLink href="/users">Back to users</ButtonLink>}
          />
        </div>
      </>
    );
  }

  if (!user.data) {
    return (
      <>
        <PageHeader breadcrumb={backLink} title="User" />
        <ErrorPanel title="Could not load the user" error={user.error} onRetry={() => void user.refetch()} />
      </>
    );
  }

  const row = user.data;
  const name = fullName(row);
  return (
    <>
      <PageHeader breadcrumb={backLink} title={row.username || `User ${row.id}`} description={[name, row.sci?.name].filter(Boolean).join(' · ') || undefined} />
      <UnreadableNotice unreadable={row.unreadable} what="user" />
      {user.error ? <ErrorPanel className="mb-4" title="Could not refresh the user" error={user.error} onRetry={() => void user.refetch()} /> : null}
      <UserFields user={row} />
    </>
  );
}
