'use client';

import { DateTime } from '@/components/shell/time-zone';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@/components/ui/link';
import { useDocumentTitle } from '@/components/ui/use-document-title';
import { ListBackLink } from '@/components/data-table/list-back-link';
import { useId, type ReactNode } from 'react';

import { OrganizationSecurityManagersTable } from '@/components/security-managers/security-managers-table';
import { OrganizationUsersTable } from '@/components/users/users-table';
import { ButtonLink } from '@/components/ui/button';
import { Field, Section } from '@/components/ui/details';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorPanel } from '@/components/ui/error-panel';
import { PageHeader } from '@/components/ui/page-header';
import { UnreadableNotice } from '@/components/ui/unreadable-notice';
import { PageSkeleton } from '@/components/ui/skeleton';
import { isApiError } from '@/lib/api/api-error';
import { organizationDetailOptions } from '@/lib/api/organizations';
import type { IpInfoLink, OrganizationRow } from '@/lib/schemas/organization';
import { formatGroupAssign, formatZoneSelection, organizationName, safeLinkHref, splitAddresses } from './organization-format';

const none = <span className="text-slate-400">—</span>;

function orText(value: string | number | undefined): ReactNode {
  return value === undefined || value === '' ? none : value;
}

type TableColumn<T> = { header: string; cell: (row: T) => ReactNode };

/** A titled table of the objects an organization is given (repositories, zones, ...); small, so unpaged. */
function ObjectTable<T>({
  title,
  rows,
  columns,
  emptyText,
  rowKey,
}: {
  title: string;
  rows: T[] | undefined;
  columns: Array<TableColumn<T>>;
  emptyText: string;
  rowKey: (row: T, index: number) => string;
}) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white">
      <h2 id={headingId} className="flex items-center gap-2 border-b border-slate-100 px-5 py-3 text-sm font-semibold text-slate-900">
        {title}
        <span className="rounded-full bg-slate-100 px-2 text-xs font-medium text-slate-600">{rows?.length ?? 0}</span>
      </h2>
      {rows && rows.length > 0 ? (
        <div className="overflow-x-auto">
          <table aria-labelledby={headingId} className="w-full border-collapse text-sm">
            <thead className="bg-slate-50">
              <tr className="border-b border-slate-200">
                {columns.map((column) => (
                  <th
                    key={column.header}
                    scope="col"
                    className="px-5 py-2 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase"
                  >
                    {column.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={rowKey(row, index)} className="border-b border-slate-100 last:border-b-0">
                  {columns.map((column) => (
                    <td key={column.header} className="px-5 py-2 align-top text-slate-800">
                      {column.cell(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="px-5 py-4 text-sm text-slate-500">{emptyText}</p>
      )}
    </section>
  );
}

type Named = { id: number; name: string; description?: string | undefined };
const nameColumn: TableColumn<Named> = { header: 'Name', cell: (r) => r.name || `#${r.id}` };
const descriptionColumn: TableColumn<Named> = { header: 'Description', cell: (r) => orText(r.description) };
const byId = (r: { id: number }) => String(r.id);

/**
 * The target is always shown as text, so a reader sees where a link goes before following it;
 * only http and https targets become links, and never carry this page's referrer.
 */
function IpInfoTarget({ link }: { link: IpInfoLink }) {
  const href = safeLinkHref(link.link);
  const target = <code className="font-mono text-xs break-all">{link.link}</code>;
  if (!href) {
    return (
      <span className="space-x-2">
        {target}
        <span className="text-xs text-amber-700">not a web link: not opened from ScanDeck</span>
      </span>
    );
  }
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className="text-indigo-700 hover:underline">
      {target}
    </a>
  );
}

function Addresses({ value }: { value: string | undefined }) {
  const addresses = splitAddresses(value);
  if (addresses.length === 0) return <span className="text-slate-500">None</span>;
  return (
    <ul className="flex flex-wrap gap-1.5">
      {addresses.map((address) => (
        <li key={address} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">
          {address}
        </li>
      ))}
    </ul>
  );
}

function OrganizationFields({ org }: { org: OrganizationRow }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Section title="Overview">
        <Field label="Name">{orText(org.name)}</Field>
        <Field label="Description">{orText(org.description)}</Field>
        <Field label="SCI">
          {org.sci ? (
            <Link href={`/organizations?sciId=${org.sci.id}`} className="text-indigo-700 hover:underline" title="Organizations of this SCI">
              {org.sci.name || `SCI ${org.sci.id}`}
            </Link>
          ) : (
            none
          )}
        </Field>
        <Field label="SCI org ID">{orText(org.sciOrgId)}</Field>
        <Field label="Director ID">{org.id}</Field>
        <Field label="Users">{orText(org.userCount)}</Field>
        <Field label="Created">
          <DateTime value={org.createdTime} />
        </Field>
        <Field label="Modified">
          <DateTime value={org.modifiedTime} />
        </Field>
      </Section>
      <Section title="Contact">
        <Field label="Email">{orText(org.email)}</Field>
        <Field label="Address">{orText(org.address)}</Field>
        <Field label="City">{orText(org.city)}</Field>
        <Field label="State">{orText(org.state)}</Field>
        <Field label="Country">{orText(org.country)}</Field>
        <Field label="Phone">{orText(org.phone)}</Field>
        <Field label="Fax">{orText(org.fax)}</Field>
      </Section>
      {/* Tenable.sc's vulnerability score adds a weight per finding of each severity (1, 3, 10, 40
          by default): these are weights, not thresholds where a severity starts. */}
      <Section title="Vulnerability score weights">
        <Field label="Scoring system">{orText(org.vulnScoringSystem)}</Field>
        <Field label="Low weight">{orText(org.vulnScoreLow)}</Field>
        <Field label="Medium weight">{orText(org.vulnScoreMedium)}</Field>
        <Field label="High weight">{orText(org.vulnScoreHigh)}</Field>
        <Field label="Critical weight">{orText(org.vulnScoreCritical)}</Field>
      </Section>
      <Section title="Zones and access">
        <Field label="Zone selection">{formatZoneSelection(org.zoneSelection)}</Field>
        <Field label="Restricted IPs">
          <Addresses value={org.restrictedIps} />
        </Field>
      </Section>
      <div className="lg:col-span-2">
        <ObjectTable
          title="Repositories"
          rows={org.repositories}
          rowKey={byId}
          emptyText="No repositories are shared with this organization."
          columns={[
            nameColumn,
            { header: 'Type', cell: (r) => orText(r.type) },
            { header: 'Data format', cell: (r) => orText(r.dataFormat) },
            { header: 'Group access', cell: (r) => formatGroupAssign(r.groupAssign) },
            descriptionColumn,
          ]}
        />
      </div>
      <ObjectTable title="Zones" rows={org.zones} rowKey={byId} emptyText="No scan zones." columns={[nameColumn, descriptionColumn]} />
      <ObjectTable
        title="Scanners (Nessus Managers)"
        rows={org.nessusManagers}
        rowKey={byId}
        emptyText="No Nessus Managers."
        columns={[nameColumn, descriptionColumn]}
      />
      <ObjectTable title="LCEs" rows={org.lces} rowKey={byId} emptyText="No Log Correlation Engines." columns={[nameColumn, descriptionColumn]} />
      <ObjectTable
        title="Publishing sites"
        rows={org.pubSites}
        rowKey={byId}
        emptyText="No publishing sites."
        columns={[nameColumn, { header: 'Type', cell: (r) => orText(r.type) }, descriptionColumn]}
      />
      <ObjectTable title="LDAP servers" rows={org.ldaps} rowKey={byId} emptyText="No LDAP servers." columns={[nameColumn, descriptionColumn]} />
      <ObjectTable
        title="IP info links"
        rows={org.ipInfoLinks}
        rowKey={(link, index) => `${index}-${link.name}`}
        emptyText="No IP info links."
        columns={[
          { header: 'Name', cell: (link) => orText(link.name) },
          { header: 'Goes to (%IP% is the address looked up)', cell: (link) => <IpInfoTarget link={link} /> },
        ]}
      />
    </div>
  );
}

const backLink = <ListBackLink path="/organizations">← Organizations</ListBackLink>;

export function OrganizationDetails({ id }: { id: string }) {
  const organization = useQuery(organizationDetailOptions(id));
  useDocumentTitle(organization.data ? `${organizationName(organization.data)} · Organization` : undefined);

  if (organization.isLoading) return <PageSkeleton label="Loading organization" />;

  const error = organization.error;
  // A path that cannot be an id (400) is as absent as an id Director does not know (404).
  if (error && isApiError(error) && (error.isNotFound || error.status === 400)) {
    return (
      <>
        <PageHeader breadcrumb={backLink} title="Organization not found" />
        <div className="rounded-lg border border-slate-200 bg-white">
          <EmptyState
            title="Organization not found"
            description={error.isNotFound ? `No organization with id ${id} exists on Director.` : `“${id}” is not an organization id: ids are numbers.`}
            action={<ButtonLink href="/organizations">Back to organizations</ButtonLink>}
          />
        </div>
      </>
    );
  }

  if (!organization.data) {
    return (
      <>
        <PageHeader breadcrumb={backLink} title="Organization" />
        <ErrorPanel title="Could not load the organization" error={organization.error} onRetry={() => void organization.refetch()} />
      </>
    );
  }

  const org = organization.data;
  return (
    <>
      <PageHeader
        breadcrumb={backLink}
        title={organizationName(org)}
        description={org.sci ? `${org.sci.name} · organization ${org.sciOrgId ?? org.id} of its SCI` : undefined}
      />
      {organization.error ? (
        <ErrorPanel className="mb-4" title="Could not refresh the organization" error={organization.error} onRetry={() => void organization.refetch()} />
      ) : null}
      <div className="space-y-6">
        <UnreadableNotice unreadable={org.unreadable} what="organization" />
        <OrganizationFields org={org} />
        <section aria-labelledby="organization-users" className="space-y-3">
          <h2 id="organization-users" className="text-base font-semibold text-slate-900">
            Users
          </h2>
          <OrganizationUsersTable orgId={org.id} />
        </section>
        <section aria-labelledby="organization-security-managers" className="space-y-3">
          <h2 id="organization-security-managers" className="text-base font-semibold text-slate-900">
            Security managers
          </h2>
          <OrganizationSecurityManagersTable orgId={org.id} />
        </section>
      </div>
    </>
  );
}
