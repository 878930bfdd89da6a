'use client';

import { DateTime } from '@/components/shell/time-zone';
import { useQuery } from '@tanstack/react-query';
import { useDocumentTitle } from '@/components/ui/use-document-title';
import { ListBackLink } from '@/components/data-table/list-back-link';
import type { ReactNode } from 'react';
import { useIsAdmin } from '@/components/shell/current-user';
import { UnreadableNotice } from '@/components/ui/unreadable-notice';
import { VendorValueBadge } from '@/components/ui/vendor-value-badge';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorPanel } from '@/components/ui/error-panel';
import { CopyButton } from '@/components/ui/copy-button';
import { PageHeader } from '@/components/ui/page-header';
import { PageSkeleton } from '@/components/ui/skeleton';
import { isApiError } from '@/lib/api/api-error';
import { liveRefresh, scanTaskDetailOptions } from '@/lib/api/scan-tasks';
import type { ScanTaskRow } from '@/lib/schemas/scan-task';
import { LazyRescanDialog as RescanDialog } from './lazy-rescan-dialog';
import {
  formatAge,
  formatDuration,
  formatMinutes,
  hostCount,
  isTaskRunning,
  knownScanTypes,
  taskDuration,
  taskStatusValues,
  vulTypeLabel,
} from './scan-task-format';
import { TaskHostsTable } from './task-hosts-table';
import { TaskProgress } from './task-progress';
import { ageOf, useNow } from './use-now';

const backLink = <ListBackLink path="/scan-tasks">← Scan tasks</ListBackLink>;

function Counter({ label, value, tone }: { label: string; value: number | undefined; tone: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className={`mt-1 text-2xl font-semibold tabular-nums ${tone}`} data-testid={`counter-${label.toLowerCase()}`}>
        {value ?? '—'}
      </dd>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-slate-900">{children}</dd>
    </>
  );
}

/** What HSS's estimate says about the end: never a guess past what it gave. */
function expectation(task: ScanTaskRow, now: number): string {
  if (task.expectedEnd === undefined) return task.estimatedMinutes === undefined ? 'HSS gave no estimate' : '—';
  const remaining = task.expectedEnd - now;
  return remaining > 0 ? `about ${formatDuration(remaining)}` : `past HSS's estimate by ${formatDuration(-remaining)}`;
}

function TaskSummary({ task, now }: { task: ScanTaskRow; now: number }) {
  const isRunning = isTaskRunning(task);
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Counter label="Hosts" value={hostCount(task)} tone="text-slate-900" />
        <Counter label="Succeeded" value={task.successHosts} tone="text-emerald-700" />
        <Counter label="Failed" value={task.failedHosts} tone={(task.failedHosts ?? 0) > 0 ? 'text-red-700' : 'text-slate-900'} />
        <Counter label="Scanning" value={task.scanningHosts} tone="text-indigo-700" />
      </dl>
      <div className="rounded-lg border border-slate-200 bg-white p-5">
        <TaskProgress task={task} />
        <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr_max-content_1fr]">
          <Fact label="Started">
            <DateTime value={task.startTime} seconds />
          </Fact>
          <Fact label={isRunning ? 'Elapsed' : 'Duration'}>{formatDuration(taskDuration(task, now))}</Fact>
          {isRunning ? (
            <>
              <Fact label="Expected duration">{formatMinutes(task.estimatedMinutes)}</Fact>
              <Fact label="Expected end">
                <DateTime value={task.expectedEnd} seconds />
              </Fact>
              <Fact label="Time left">{expectation(task, now)}</Fact>
            </>
          ) : (
            <Fact label="Ended">
              <DateTime value={task.endTime} seconds />
            </Fact>
          )}
          <Fact label="Type">
            <VendorValueBadge value={task.scanType} known={knownScanTypes} vendor="HSS" />
          </Fact>
          <Fact label="Vulnerability types">{task.vulTypes.map(vulTypeLabel).join(', ') || '—'}</Fact>
          <Fact label="Task ID">
            <span className="font-mono text-xs select-all">{task.id}</span> <CopyButton value={task.id} label={`Copy task id ${task.id}`} />
          </Fact>
        </dl>
      </div>
    </div>
  );
}

/**
 * The live status of one task. It refreshes itself while the task runs (every few seconds in
 * view, slowly in a hidden tab, never once finished); when HSS cannot be reached it says so above
 * the last good answer instead of replacing it.
 */
export function ScanTaskStatus({ taskId }: { taskId: string }) {
  const isAdmin = useIsAdmin();
  const now = useNow();
  const query = useQuery(scanTaskDetailOptions(taskId));
  useDocumentTitle(query.data ? `${query.data.task.id.slice(0, 8)}… · Scan task` : undefined);

  if (query.isLoading) return <PageSkeleton label="Loading scan task" />;

  if (!query.data) {
    const isMissing = isApiError(query.error) && query.error.isNotFound;
    return (
      <>
        <PageHeader breadcrumb={backLink} title={isMissing ? 'Scan task not found' : 'Scan task'} />
        {isMissing ? (
          <div className="rounded-lg border border-slate-200 bg-white">
            <EmptyState
              title="Scan task not found"
              description={`HSS has no vulnerability scan task ${taskId}.`}
              action={<ButtonLink href="/scan-tasks">Back to scan tasks</ButtonLink>}
            />
          </div>
        ) : (
          <ErrorPanel title="Could not load the scan task" error={query.error} onRetry={() => void query.refetch()} />
        )}
      </>
    );
  }

  const { task } = query.data;
  const isRunning = isTaskRunning(task);
  const failedHosts = task.failedHosts ?? 0;
  const age = ageOf(query.data, query.dataUpdatedAt, now) ?? 0;
  return (
    <>
      <PageHeader
        breadcrumb={backLink}
        title={
          <span className="flex items-center gap-3">
            Scan task <span className="font-mono text-base text-slate-600">{task.id.slice(0, 8)}…</span>
            <VendorValueBadge value={task.status} known={taskStatusValues(task)} vendor="HSS" />
          </span>
        }
        description={
          <span data-testid="freshness">
            {formatAge(age)}
            {isRunning ? ` · refreshes every ${liveRefresh.visibleMs / 1000} s while the task runs` : ' · finished, no longer refreshing'}
          </span>
        }
        actions={isAdmin && !isRunning && failedHosts > 0 ? <RescanDialog taskId={task.id} scope="failed" failedHosts={failedHosts} /> : undefined}
      />
      {query.error ? (
        <ErrorPanel
          className="mb-4"
          title={`HSS cannot be reached right now; showing what it said ${formatAge(age).replace('updated ', '')}`}
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      ) : null}
      <div className="space-y-6">
        <UnreadableNotice unreadable={query.data.unreadable} what="task" />
        <TaskSummary task={task} now={now} />
        <TaskHostsTable taskId={task.id} isRunning={isRunning} summaryFetchedAt={query.data.fetchedAt} />
      </div>
    </>
  );
}
