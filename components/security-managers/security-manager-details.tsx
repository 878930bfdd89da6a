'use client';

import { DateTime } from '@/components/shell/time-zone';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@/components/ui/link';
import { formatBoolean } from '@/lib/format';
import { useIsAdmin } from '@/components/shell/current-user';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Field, Section } from '@/components/ui/details';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorPanel } from '@/components/ui/error-panel';
import { PageHeader } from '@/components/ui/page-header';
import { useDocumentTitle } from '@/components/ui/use-document-title';
import { PageSkeleton } from '@/components/ui/skeleton';
import { isApiError } from '@/lib/api/api-error';
import { securityManagerDetailOptions, securityManagerFormContextOptions } from '@/lib/api/security-managers';
import type { Ref } from '@/lib/schemas/common';
import type { SecurityManagerRow } from '@/lib/schemas/security-manager';
import { DeleteSecurityManagerDialog } from './delete-security-manager-dialog';
import { SciNotConnected } from './sci-not-connected';
import { formatAuthType, groupName, lockState, managerName } from './security-manager-format';

const none = <span className="text-slate-400">—</span>;
const orEmpty = (value: string | number | null | undefined) => (value === undefined || value === null || value === '' ? none : String(value));
const when = (iso: string | null | undefined) => (iso === null ? 'Never' : <DateTime value={iso} />);
const refName = (ref: Ref | null | undefined) => (ref ? `${ref.name || '—'} (${ref.id})` : none);
const groupList = (groups: Ref[] | undefined) => (groups && groups.length > 0 ? groups.map(groupName).join(', ') : none);

function ManagerFields({ manager }: { manager: SecurityManagerRow }) {
  const lock = lockState(manager);
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Section title="Identity">
        <Field label="Username">{orEmpty(manager.username)}</Field>
        <Field label="First name">{orEmpty(manager.firstname)}</Field>
        <Field label="Last name">{orEmpty(manager.lastname)}</Field>
        <Field label="Title">{orEmpty(manager.title)}</Field>
        <Field label="Description">{orEmpty(manager.description)}</Field>
        <Field label="Status">{orEmpty(manager.status)}</Field>
        <Field label="Director ID">{manager.id}</Field>
        <Field label="UUID">
          <span className="font-mono text-xs select-all">{manager.uuid}</span>
        </Field>
      </Section>
      <Section title="Access">
        <Field label="Role">{refName(manager.role)}</Field>
        <Field label="Group">{manager.group ? groupName(manager.group) : none}</Field>
        <Field label="Responsible asset">{manager.responsibleAsset ? manager.responsibleAsset.name : 'None'}</Field>
        <Field label="Managed user groups">{groupList(manager.managedUsersGroups)}</Field>
        <Field label="Managed object groups">{groupList(manager.managedObjectsGroups)}</Field>
        <Field label="Can use">{formatBoolean(manager.canUse)}</Field>
        <Field label="Can manage">{formatBoolean(manager.canManage)}</Field>
        <Field label="Linked user role">{manager.linkedUserRole ? manager.linkedUserRole.name : none}</Field>
      </Section>
      <Section title="Sign-in">
        <Field label="Sign-in">{formatAuthType(manager.authType)}</Field>
        <Field label="LDAP server">{manager.ldap ? manager.ldap.name : none}</Field>
        <Field label="LDAP username">{orEmpty(manager.ldapUsername)}</Field>
        <Field label="Parent administrator">
          {manager.parent ? `${managerName(manager.parent.user)}${manager.parent.organization ? ` · ${manager.parent.organization.name}` : ''}` : none}
        </Field>
        <Field label="Certificate fingerprint">{manager.fingerprint ? <span className="font-mono text-xs">{manager.fingerprint}</span> : none}</Field>
        <Field label="Lock state">{lock ? <Badge tone={lock.tone}>{lock.label}</Badge> : none}</Field>
        <Field label="Failed logins">{orEmpty(manager.failedLogins)}</Field>
        <Field label="Last login">{when(manager.lastLogin)}</Field>
        <Field label="Last login IP">{orEmpty(manager.lastLoginIp)}</Field>
      </Section>
      <Section title="Password">
        <Field label="Password set">{manager.hasPassword === undefined ? none : manager.hasPassword ? 'Yes' : 'No'}</Field>
        <Field label="Set on">{when(manager.passwordSetDate)}</Field>
        <Field label="Must change at next login">{formatBoolean(manager.mustChangePassword)}</Field>
        <Field label="Expires">{formatBoolean(manager.passwordExpires)}</Field>
        <Field label="Expires after">{manager.passwordExpiration === undefined ? none : `${manager.passwordExpiration} days`}</Field>
        <Field label="Overrides organization expiry">{formatBoolean(manager.passwordExpirationOverride)}</Field>
      </Section>
      <Section title="Contact">
        <Field label="Email">{orEmpty(manager.email)}</Field>
        <Field label="Phone">{orEmpty(manager.phone)}</Field>
        <Field label="Fax">{orEmpty(manager.fax)}</Field>
        <Field label="Address">{orEmpty(manager.address)}</Field>
        <Field label="City">{orEmpty(manager.city)}</Field>
        <Field label="State">{orEmpty(manager.state)}</Field>
        <Field label="Country">{orEmpty(manager.country)}</Field>
      </Section>
      <Section title="Preferences">
        {(manager.preferences ?? []).map((p) => (
          <Field key={`${p.tag}:${p.name}`} label={p.name === 'timezone' ? 'Time zone' : p.name}>
            {orEmpty(p.value)}
          </Field>
        ))}
        <Field label="Created">
          <DateTime value={manager.createdTime} />
        </Field>
        <Field label="Modified">
          <DateTime value={manager.modifiedTime} />
        </Field>
      </Section>
    </div>
  );
}

export function SecurityManagerBackLink({ orgId, orgName }: { orgId: string; orgName: string | undefined }) {
  return (
    <span className="flex gap-2">
      <Link href={`/organizations/${encodeURIComponent(orgId)}`} className="hover:text-slate-800">
        {orgName ?? `Organization ${orgId}`}
      </Link>
      <span aria-hidden="true">/</span>
      <Link href={`/organizations/${encodeURIComponent(orgId)}/security-managers`} className="hover:text-slate-800">
        Security managers
      </Link>
    </span>
  );
}

export function SecurityManagerDetails({ orgId, id }: { orgId: string; id: string }) {
  const isAdmin = useIsAdmin();
  const context = useQuery(securityManagerFormContextOptions(orgId));
  const manager = useQuery({ ...securityManagerDetailOptions(orgId, id), enabled: context.data?.connection.status === 'connected' });
  const organization = context.data?.organization;
  const backLink = <SecurityManagerBackLink orgId={orgId} orgName={organization?.name} />;
  useDocumentTitle(manager.data ? `${managerName(manager.data)} · Security manager` : undefined);

  if (context.data?.connection.status === 'not_connected') {
    return (
      <>
        <PageHeader breadcrumb={backLink} title="Security manager" />
        <SciNotConnected organization={context.data.organization} connection={context.data.connection} />
      </>
    );
  }
  if (context.error) {
    return (
      <>
        <PageHeader breadcrumb={backLink} title="Security manager" />
        <ErrorPanel title="Could not find where this organization's security managers live" error={context.error} onRetry={() => void context.refetch()} />
      </>
    );
  }
  if (context.isPending || manager.isLoading) return <PageSkeleton label="Loading security manager" />;

  if (manager.error && isApiError(manager.error) && manager.error.isNotFound) {
    return (
      <>
        <PageHeader breadcrumb={backLink} title="Security manager not found" />
        <div className="rounded-lg border border-slate-200 bg-white">
          <EmptyState
            title="Security manager not found"
            description={`No security manager ${id} exists in this organization. It may have been deleted.`}
            action={<ButtonLink href={`/organizations/${encodeURIComponent(orgId)}/security-managers`}>Back to security managers</ButtonLink>}
          />
        </div>
      </>
    );
  }

  if (!manager.data) {
    return (
      <>
        <PageHeader breadcrumb={backLink} title="Security manager" />
        <ErrorPanel title="Could not load the security manager" error={manager.error} onRetry={() => void manager.refetch()} />
      </>
    );
  }

  const row = manager.data;
  return (
    <>
      <PageHeader
        breadcrumb={backLink}
        title={managerName(row)}
        description={organization ? `Security manager of ${organization.name}${organization.sci ? ` · ${organization.sci.name}` : ''}` : undefined}
        actions={
          isAdmin ? (
            <>
              <ButtonLink href={`/organizations/${encodeURIComponent(orgId)}/security-managers/${row.id}/edit`}>Edit</ButtonLink>
              <DeleteSecurityManagerDialog
                orgId={orgId}
                organization={{ id: organization?.id ?? -1, name: organization?.name ?? 'this organization', sciName: organization?.sci?.name }}
                manager={row}
              />
            </>
          ) : undefined
        }
      />
      {manager.error ? (
        <ErrorPanel className="mb-4" title="Could not refresh the security manager" error={manager.error} onRetry={() => void manager.refetch()} />
      ) : null}
      <ManagerFields manager={row} />
    </>
  );
}
