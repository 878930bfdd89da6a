'use client';

import { useQuery } from '@tanstack/react-query';
import { Link } from '@/components/ui/link';
import { useId, type ReactNode } from 'react';
import { DataTableFreshness } from '@/components/data-table/data-table-freshness';
import { TaskProgress } from '@/components/scan-tasks/task-progress';
import { useNow } from '@/components/scan-tasks/use-now';
import { useTimeZone } from '@/components/shell/time-zone';
import { describeScis, describeUpstream } from '@/components/shell/upstream-status';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { ErrorPanel } from '@/components/ui/error-panel';
import { useHydrated } from '@/components/ui/use-hydrated';
import { ApiError } from '@/lib/api/api-error';
import { overviewOptions } from '@/lib/api/overview';
import type { DirectorCounts, HssTasks, Overview, OverviewPart, SciState } from '@/lib/schemas/overview';
import type { ScanTaskRow } from '@/lib/schemas/scan-task';
import { formatDateTime } from '@/lib/format';
import { formatAgo, scannerSummary, sciStatus } from './overview-format';

const linkClass = 'font-medium text-indigo-700 underline-offset-2 hover:underline';

/** One tile: a titled region with a link to the table behind it; a part that failed shows its error here only. */
function Tile<T>({
  title,
  part,
  more,
  className,
  children,
}: {
  title: string;
  part: OverviewPart<T>;
  more?: { href: string; label: string } | undefined;
  className?: string;
  children: (data: T) => ReactNode;
}) {
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className={cn('flex flex-col rounded-lg border border-slate-200 bg-white p-4', className)} data-testid="overview-tile">
      <div className="mb-3 flex items-baseline justify-between gap-3">
        <h2 id={titleId} className="text-sm font-semibold text-slate-900">
          {title}
        </h2>
        {more && 'data' in part ? (
          <Link href={more.href} className={cn(linkClass, 'text-xs')}>
            {more.label}
          </Link>
        ) : null}
      </div>
      {'data' in part ? (
        children(part.data)
      ) : 'error' in part ? (
        <ErrorPanel
          title={`${title}: not available`}
          error={new ApiError({ status: part.status, code: part.error.code, message: part.error.message, upstream: part.error.upstream })}
        />
      ) : (
        <p className="text-sm text-slate-500">Not configured.</p>
      )}
    </section>
  );
}

function Unreadable({ what, unreadable }: { what: string; unreadable: { records: number; fields: number } | undefined }) {
  if (!unreadable) return null;
  return (
    <p className="mt-2 text-xs text-amber-800">
      {unreadable.records} {what} and {unreadable.fields} field(s) could not be read.
    </p>
  );
}

const sciColumns = ['Instance', 'Status', 'Version', 'Last sync', 'Scanners'] as const;

function SciTable({ scis, now }: { scis: { items: SciState[]; unreadable?: { records: number; fields: number } | undefined }; now: number }) {
  const zone = useTimeZone();
  if (scis.items.length === 0) return <p className="text-sm text-slate-500">Director lists no Tenable.sc instances.</p>;
  return (
    <>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-slate-500">
            <tr>
              {sciColumns.map((column) => (
                <th key={column} scope="col" className="py-1.5 pr-3 font-medium">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {scis.items.map((sci) => {
              const status = sciStatus(sci.status);
              const scanners = scannerSummary(sci);
              return (
                <tr key={sci.id} data-testid={`sci-${sci.id}`}>
                  <th scope="row" className="py-2 pr-3 font-medium">
                    <Link href={`/scans?sciId=${sci.id}`} className={linkClass}>
                      {sci.name}
                    </Link>
                  </th>
                  <td className="py-2 pr-3">
                    <Badge tone={status.tone}>{status.label}</Badge>
                  </td>
                  <td className="py-2 pr-3 tabular-nums text-slate-700">{sci.version ?? '—'}</td>
                  <td className="py-2 pr-3 text-slate-700">
                    {sci.lastSyncAt === undefined ? (
                      'never'
                    ) : (
                      <time
                        dateTime={new Date(sci.lastSyncAt).toISOString()}
                        title={zone ? formatDateTime(sci.lastSyncAt, zone, { seconds: true }) : undefined}
                      >
                        {formatAgo(sci.lastSyncAt, now)}
                      </time>
                    )}
                  </td>
                  <td className={cn('py-2 tabular-nums', scanners.isShort ? 'font-medium text-amber-800' : 'text-slate-700')}>{scanners.text}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Unreadable what="instance(s)" unreadable={scis.unreadable} />
    </>
  );
}

/** A total and its split per SCI, each number a link to the table filtered to that SCI. */
function CountList({ counts, path, noun }: { counts: DirectorCounts; path: string; noun: string }) {
  return (
    <>
      <p className="text-2xl font-semibold tabular-nums text-slate-900">
        <Link href={path} className="hover:underline" aria-label={`${counts.total} ${noun} in all`}>
          {counts.total.toLocaleString('en-US')}
        </Link>
      </p>
      <ul className="mt-2 space-y-1 text-sm">
        {counts.bySci.map((c) => (
          <li key={c.sciId} className="flex justify-between gap-3">
            <span className="text-slate-600">{c.sciName}</span>
            <Link href={`${path}?sciId=${c.sciId}`} className={cn(linkClass, 'tabular-nums')} aria-label={`${c.count} ${noun} on ${c.sciName}`}>
              {c.count.toLocaleString('en-US')}
            </Link>
          </li>
        ))}
        {counts.withoutSci > 0 ? (
          <li className="flex justify-between gap-3 text-slate-500">
            <span>No SCI named</span>
            <span className="tabular-nums">{counts.withoutSci}</span>
          </li>
        ) : null}
      </ul>
      <Unreadable what="record(s)" unreadable={counts.unreadable} />
    </>
  );
}

function TaskLink({ task }: { task: ScanTaskRow }) {
  return (
    <Link href={`/scan-tasks/${encodeURIComponent(task.id)}`} className={cn(linkClass, 'font-mono text-xs')} aria-label={`Task ${task.id}`}>
      {task.id.slice(0, 8)}
    </Link>
  );
}

function HssAge({ tasks }: { tasks: HssTasks }) {
  // HSS allows few calls a minute: past its budget the last answer is shown, with its age.
  if (tasks.ageMs < 60_000) return null;
  return <p className="mt-2 text-xs text-amber-800">HSS's answer is {Math.round(tasks.ageMs / 60_000)} min old: its call budget is spent for now.</p>;
}

function RunningTasks({ tasks, now }: { tasks: HssTasks; now: number }) {
  return (
    <>
      {tasks.running.length === 0 ? (
        <p className="text-sm text-slate-500">No scan task is running.</p>
      ) : (
        <ul className="space-y-3">
          {tasks.running.map((task) => (
            <li key={task.id} data-testid="running-task" className="space-y-1">
              <div className="flex items-baseline justify-between gap-3 text-sm">
                <TaskLink task={task} />
                <span className="text-xs text-slate-500">started {formatAgo(task.startTime, now)}</span>
              </div>
              <TaskProgress task={task} />
            </li>
          ))}
        </ul>
      )}
      <HssAge tasks={tasks} />
    </>
  );
}

function RecentFailures({ tasks }: { tasks: HssTasks }) {
  const failed = tasks.recent.withFailedHosts;
  return (
    <>
      <p className="text-sm text-slate-700">
        <span className="text-2xl font-semibold tabular-nums text-slate-900">{failed.length}</span> of {tasks.recent.total}
        {tasks.isPartial ? '+' : ''} tasks started in the last 24 h left failed hosts.
      </p>
      {failed.length > 0 ? (
        <ul className="mt-2 space-y-1 text-sm">
          {failed.map((task) => (
            <li key={task.id} className="flex justify-between gap-3" data-testid="failed-task">
              <TaskLink task={task} />
              <span className="tabular-nums text-red-700">{task.failedHosts} failed</span>
            </li>
          ))}
        </ul>
      ) : null}
      {tasks.isPartial ? <p className="mt-2 text-xs text-slate-500">Counted over the newest 100 tasks only.</p> : null}
    </>
  );
}

function Health({ health }: { health: Extract<Overview['health'], { data: unknown }>['data'] }) {
  const director = describeUpstream(health.upstreams.director);
  const hss = describeUpstream(health.upstreams.hss);
  const scis = describeScis(health.scis, health.scisNotConnected);
  const rows: Array<{ name: string; text: ReactNode; tone: 'ok' | 'down' | 'idle'; title?: string }> = [
    { name: 'Director', ...director },
    { name: 'HSS', ...hss },
    { name: 'SCI connections', ...scis },
  ];
  const tones = { ok: 'success', down: 'danger', idle: 'neutral' } as const;
  return (
    <dl className="space-y-2 text-sm">
      {rows.map((row) => (
        <div key={row.name} className="flex items-center justify-between gap-3" title={row.title}>
          <dt className="text-slate-600">{row.name}</dt>
          <dd>
            <Badge tone={tones[row.tone]}>{row.text}</Badge>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The landing page: first painted from the server's answer, then refreshed fast while a task runs, slowly while none does. */
export function OverviewBoard({ initial }: { initial: Overview }) {
  const overview = useQuery(overviewOptions(initial));
  const now = useNow(15_000);
  const data = overview.data ?? initial;
  const hss = data.hssTasks;
  const since = 'data' in hss ? hss.data.since : undefined;
  // Clock times are in the reader's zone, which the server does not know: they show once the page runs here.
  const isInBrowser = useHydrated();
  return (
    <div className="space-y-4">
      {/* The row's height is kept while the server renders and the page hydrates (the clock shows only
          in the browser), so the tiles below do not jump down under a reader's pointer once it does. */}
      <div className="flex min-h-8 justify-end">
        <DataTableFreshness
          fetchedAt={isInBrowser ? overview.dataUpdatedAt || data.generatedAt : undefined}
          onRefresh={() => overview.refetch({ throwOnError: true })}
        />
      </div>
      {overview.isError ? <ErrorPanel title="The overview could not be refreshed" error={overview.error} /> : null}
      <div className="grid gap-4 lg:grid-cols-3">
        <Tile title="Tenable.sc instances" part={data.scis} more={{ href: '/scans', label: 'All scans' }} className="lg:col-span-2">
          {(scis) => <SciTable scis={scis} now={now} />}
        </Tile>
        <Tile title="Upstream health" part={data.health}>
          {(health) => <Health health={health} />}
        </Tile>
        <Tile title="Scans" part={data.scans} more={{ href: '/scans', label: 'Open scans' }}>
          {(counts) => <CountList counts={counts} path="/scans" noun="scans" />}
        </Tile>
        <Tile title="Organizations" part={data.organizations} more={{ href: '/organizations', label: 'Open organizations' }}>
          {(counts) => <CountList counts={counts} path="/organizations" noun="organizations" />}
        </Tile>
        <Tile title="Users" part={data.users} more={{ href: '/users', label: 'Open users' }}>
          {(counts) => <CountList counts={counts} path="/users" noun="users" />}
        </Tile>
        <Tile title="HSS: running scan tasks" part={hss} more={{ href: '/scan-tasks', label: 'Open scan tasks' }} className="lg:col-span-2">
          {(tasks) => <RunningTasks tasks={tasks} now={now} />}
        </Tile>
        <Tile title="HSS: last 24 h" part={hss} more={since === undefined ? undefined : { href: `/scan-tasks?startFrom=${since}`, label: 'Open these tasks' }}>
          {(tasks) => <RecentFailures tasks={tasks} />}
        </Tile>
      </div>
    </div>
  );
}
