'use client';

import { DateTime } from '@/components/shell/time-zone';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@/components/ui/link';
import { useDocumentTitle } from '@/components/ui/use-document-title';
import { ListBackLink } from '@/components/data-table/list-back-link';
import { useIsAdmin } from '@/components/shell/current-user';
import { UnreadableNotice } from '@/components/ui/unreadable-notice';
import { VendorValueBadge } from '@/components/ui/vendor-value-badge';
import { ButtonLink } from '@/components/ui/button';
import { Field, Section } from '@/components/ui/details';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorPanel } from '@/components/ui/error-panel';
import { PageHeader } from '@/components/ui/page-header';
import { PageSkeleton } from '@/components/ui/skeleton';
import { isApiError } from '@/lib/api/api-error';
import { scanDetailOptions } from '@/lib/api/scans';
import type { ScanRow } from '@/lib/schemas/scan';
import { splitTargets } from '@/lib/schemas/scan-targets';
import { ScheduleText, UuidRefText } from './scan-columns';
import { DeleteScanDialog } from './delete-scan-dialog';
import { formatBoolean } from '@/lib/format';
import { formatMaxScanTime, formatRolloverType, formatTimeoutAction, knownScanStatuses, scanColumnLabels, pluginLabel } from './scan-format';

const none = <span className="text-slate-400">—</span>;

function Targets({ ipList }: { ipList: string | undefined }) {
  const targets = splitTargets(ipList ?? '');
  if (targets.length === 0) return none;
  return (
    <ul className="flex flex-wrap gap-1.5">
      {targets.map((target) => (
        <li key={target} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">
          {target}
        </li>
      ))}
    </ul>
  );
}

function ScanFields({ scan }: { scan: ScanRow }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Section title="Overview">
        <Field label="Name">{scan.name || none}</Field>
        <Field label="Description">{scan.description || none}</Field>
        <Field label="Status">
          <VendorValueBadge value={scan.status} known={knownScanStatuses} vendor="Director" isCode />
        </Field>
        <Field label="Type">{scan.type || none}</Field>
        <Field label="Policy">
          <UuidRefText value={scan.policy} sci={scan.sci} />
        </Field>
        <Field label="Plugin">
          {scan.plugin ? (
            <>
              {pluginLabel(scan.plugin)}
              {scan.plugin.name ? null : (
                <a
                  href={`https://www.tenable.com/plugins/nessus/${scan.plugin.id}`}
                  target="_blank"
                  rel="noreferrer"
                  className="ml-2 text-indigo-700 underline"
                >
                  what it checks (tenable.com)
                </a>
              )}
            </>
          ) : (
            none
          )}
        </Field>
        <Field label="SCI">
          {scan.sci ? (
            <span>
              {scan.sci.name} <span className="text-slate-500">(SCI {scan.sci.id})</span>
            </span>
          ) : (
            none
          )}
        </Field>
        <Field label="Organization">
          {scan.organization ? (
            <Link href={`/organizations/${scan.organization.id}`} className="text-indigo-700 hover:underline">
              {scan.organization.name}
            </Link>
          ) : (
            none
          )}
        </Field>
        <Field label="SCI scan ID">{scan.sciScanId ?? none}</Field>
        <Field label="Director ID">{scan.id}</Field>
        <Field label="UUID">{scan.uuid ? <span className="font-mono text-xs select-all">{scan.uuid}</span> : none}</Field>
      </Section>
      <Section title="Targets">
        <Field label={scanColumnLabels.ipList}>
          <Targets ipList={scan.ipList} />
        </Field>
        <Field label="Zone">
          <UuidRefText value={scan.zone} sci={scan.sci} />
        </Field>
      </Section>
      <Section title="Schedule and behaviour">
        <Field label={scanColumnLabels.schedule}>
          <ScheduleText schedule={scan.schedule} />
        </Field>
        <Field label={scanColumnLabels.maxScanTime}>{formatMaxScanTime(scan.maxScanTime)}</Field>
        <Field label={scanColumnLabels.timeoutAction}>{formatTimeoutAction(scan.timeoutAction)}</Field>
        <Field label={scanColumnLabels.rolloverType}>{formatRolloverType(scan.rolloverType)}</Field>
        <Field label={scanColumnLabels.dhcpTracking}>{formatBoolean(scan.dhcpTracking)}</Field>
        <Field label={scanColumnLabels.scanningVirtualHosts}>{formatBoolean(scan.scanningVirtualHosts)}</Field>
        <Field label={scanColumnLabels.classifyMitigatedAge}>{scan.classifyMitigatedAge ?? none}</Field>
        <Field label={scanColumnLabels.emailOnLaunch}>{formatBoolean(scan.emailOnLaunch)}</Field>
        <Field label={scanColumnLabels.emailOnFinish}>{formatBoolean(scan.emailOnFinish)}</Field>
      </Section>
      <Section title="Ownership">
        <Field label="Owner">
          <UuidRefText value={scan.owner} sci={scan.sci} />
        </Field>
        <Field label="Creator">
          <UuidRefText value={scan.creator} sci={scan.sci} />
        </Field>
        <Field label="Repository">
          <UuidRefText value={scan.repository} sci={scan.sci} />
        </Field>
      </Section>
      <Section title="Timestamps">
        <Field label="Created">
          <DateTime value={scan.createdTime} />
        </Field>
        <Field label="Modified">
          <DateTime value={scan.modifiedTime} />
        </Field>
      </Section>
    </div>
  );
}

const backLink = <ListBackLink path="/scans">← Scans</ListBackLink>;

export function ScanDetails({ id }: { id: string }) {
  const isAdmin = useIsAdmin();
  const scan = useQuery(scanDetailOptions(id));
  useDocumentTitle(scan.data ? `${scan.data.name || `Scan ${scan.data.id}`} · Scan` : undefined);

  if (scan.isLoading) return <PageSkeleton label="Loading scan" />;

  if (scan.error && isApiError(scan.error) && scan.error.isNotFound) {
    return (
      <>
        <PageHeader breadcrumb={backLink} title="Scan not found" />
        <div className="rounded-lg border border-slate-200 bg-white">
          <EmptyState
            title="Scan not found"
            description={`No scan with id ${id} exists on Director. It may have been deleted.`}
            action={<ButtonLink href="/scans">Back to scans</ButtonLink>}
          />
        </div>
      </>
    );
  }

  if (!scan.data) {
    return (
      <>
        <PageHeader breadcrumb={backLink} title="Scan" />
        <ErrorPanel title="Could not load the scan" error={scan.error} onRetry={() => void scan.refetch()} />
      </>
    );
  }

  const row = scan.data;
  return (
    <>
      <PageHeader
        breadcrumb={backLink}
        title={row.name || `Scan ${row.id}`}
        description={row.sci ? `${row.sci.name}${row.organization ? ` · ${row.organization.name}` : ''}` : undefined}
        actions={isAdmin ? <DeleteScanDialog scan={row} /> : undefined}
      />
      {scan.error ? <ErrorPanel className="mb-4" title="Could not refresh the scan" error={scan.error} onRetry={() => void scan.refetch()} /> : null}
      <UnreadableNotice unreadable={row.unreadable} what="scan" />
      <ScanFields scan={row} />
    </>
  );
}
