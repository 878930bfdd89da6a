import 'server-only';
import { z } from 'zod';
import type {
  CreateScanTask,
  CreateScanTaskResponse,
  ListScanTaskHostsQuery,
  ListScanTaskHostsResponse,
  ListScanTasksQuery,
  ListScanTasksResponse,
  Rescan,
  ScanTaskResponse,
  ScanTaskRow,
} from '@/lib/schemas/scan-task';
import { AppError } from '../errors';
import { pageSchema, readScanTask, readScanTaskHost } from './records';
import type { ExportSource } from '../list-export';
import { budgeted, clearHssAnswers, markStale, remainingCalls, takeForChange } from './answers';
import { hssFetch } from './transport';
import { noteAuditTarget } from '../request-context';

const taskPage = pageSchema(readScanTask, 'hss vulnerability/scan-tasks');
const hostPage = pageSchema(readScanTaskHost, 'hss vulnerability/scan-task/{id}/hosts');
const createdTask = z.object({ task_id: z.string().optional() }).optional();

function offsetOf(page: number, pageSize: number) {
  return (page - 1) * pageSize;
}

/** HSS task ids are uuids; a whole one goes to HSS's own `task_id` filter, anything shorter is a prefix. */
const wholeTaskId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * A prefix search reads at most this many of HSS's pages of 100 tasks (the newest first, as HSS
 * lists them), each one budgeted and cached like any list call: what a reader types cannot make
 * ScanDeck read HSS's whole history.
 */
export const taskPrefixScan = { pageSize: 100, maxPages: 5 } as const;

/** `staleFirst`: a page's first rows, drawn on the server, do not wait for HSS (see `budgeted`). */
export async function listScanTasks(query: ListScanTasksQuery, opts: { staleFirst?: boolean } = {}): Promise<ListScanTasksResponse> {
  if (query.taskId !== undefined && !wholeTaskId.test(query.taskId)) return listScanTasksByPrefix(query, query.taskId);
  const upstream = {
    offset: offsetOf(query.page, query.pageSize),
    limit: query.pageSize,
    scan_type: query.scanType,
    task_id: query.taskId,
    min_start_time: query.startFrom,
    max_start_time: query.startTo,
  };
  const key = `tasks?${JSON.stringify(upstream)}`;
  const { value, fetchedAt, ageMs } = await budgeted(
    'ListVulScanTask',
    key,
    () => hssFetch({ path: '/vulnerability/scan-tasks', query: upstream, schema: taskPage }),
    opts,
  );
  return { ...value, page: query.page, pageSize: query.pageSize, fetchedAt, ageMs };
}

/**
 * The table shows 8 characters of a task id, so that is what people type: HSS's `task_id` filter
 * wants the whole id, so a shorter one is matched here against the newest tasks HSS lists. The
 * answer says how many tasks were searched when the scan stopped at its limit.
 */
async function listScanTasksByPrefix(query: ListScanTasksQuery, prefix: string): Promise<ListScanTasksResponse> {
  const wanted = prefix.toLowerCase();
  const matches: ListScanTasksResponse['items'] = [];
  let unreadable: ListScanTasksResponse['unreadable'];
  let fetchedAt = Number.POSITIVE_INFINITY;
  let ageMs = 0;
  let searched = 0;
  let hssTotal = 0;
  for (let page = 0; page < taskPrefixScan.maxPages; page += 1) {
    const upstream = {
      offset: page * taskPrefixScan.pageSize,
      limit: taskPrefixScan.pageSize,
      scan_type: query.scanType,
      min_start_time: query.startFrom,
      max_start_time: query.startTo,
    };
    const answer = await budgeted('ListVulScanTask', `tasks?${JSON.stringify(upstream)}`, () =>
      hssFetch({ path: '/vulnerability/scan-tasks', query: upstream, schema: taskPage }),
    );
    // The oldest page decides how old the whole answer is.
    if (answer.fetchedAt < fetchedAt) ({ fetchedAt, ageMs } = answer);
    hssTotal = answer.value.total;
    searched += answer.value.items.length;
    matches.push(...answer.value.items.filter((task) => task.id.toLowerCase().startsWith(wanted)));
    const skipped = answer.value.unreadable;
    if (skipped)
      unreadable = unreadable ? { ...unreadable, records: unreadable.records + skipped.records, fields: unreadable.fields + skipped.fields } : skipped;
    if (answer.value.items.length < taskPrefixScan.pageSize || searched >= hssTotal) break;
  }
  const start = offsetOf(query.page, query.pageSize);
  return {
    items: matches.slice(start, start + query.pageSize),
    total: matches.length,
    page: query.page,
    pageSize: query.pageSize,
    ...(unreadable ? { unreadable } : {}),
    ...(searched < hssTotal ? { searchedTasks: searched } : {}),
    fetchedAt: Number.isFinite(fetchedAt) ? fetchedAt : Date.now(),
    ageMs,
  };
}

/** Tasks one CSV export writes at most: 10 pages of 100, each a call of the task list's HSS budget. */
export const maxScanTaskExportRows = 1_000;

/**
 * The task list page by page for a CSV export, through the same budget and answers as the table. A
 * page after the first is asked only while the budget keeps a call spare for the live task list, so an
 * export never leaves the watchers of a running task without their next refresh; the file then says
 * where it stopped.
 */
export function scanTaskExportSource(query: Omit<ListScanTasksQuery, 'page' | 'pageSize'>): ExportSource<ScanTaskRow> {
  const budgetNote = 'HSS allows only a few calls a minute and ScanDeck keeps one for the live task list; export again in a minute, or narrow the filter.';
  return {
    page: (page, pageSize) => listScanTasks({ ...query, page, pageSize }),
    pageSize: 100,
    maxRows: maxScanTaskExportRows,
    stopBefore: async () => ((await remainingCalls('ListVulScanTask')) < 2 ? budgetNote : undefined),
    stopOn: (err) => (err instanceof AppError && err.status === 429 ? budgetNote : undefined),
  };
}

/** HSS has no single-task GET; the list filtered by task_id is the documented way to read one. */
export async function getScanTask(taskId: string): Promise<ScanTaskResponse> {
  const upstream = { offset: 0, limit: 10, task_id: taskId };
  const { value, fetchedAt, ageMs } = await budgeted('ListVulScanTask', `task:${taskId}`, () =>
    hssFetch({ path: '/vulnerability/scan-tasks', query: upstream, schema: taskPage }),
  );
  const task = value.items.find((t) => t.id === taskId);
  if (!task) throw new AppError(404, 'not_found', `No vulnerability scan task ${taskId} on HSS.`);
  return value.unreadable ? { task, unreadable: value.unreadable, fetchedAt, ageMs } : { task, fetchedAt, ageMs };
}

export async function listScanTaskHosts(taskId: string, query: ListScanTaskHostsQuery): Promise<ListScanTaskHostsResponse> {
  const upstream = { offset: offsetOf(query.page, query.pageSize), limit: query.pageSize, scan_status: query.scanStatus };
  const key = `hosts:${taskId}?${JSON.stringify(upstream)}`;
  const { value, fetchedAt, ageMs } = await budgeted('ListVulScanTaskHost', key, () =>
    hssFetch({ path: `/vulnerability/scan-task/${encodeURIComponent(taskId)}/hosts`, query: upstream, schema: hostPage }),
  );
  return { ...value, page: query.page, pageSize: query.pageSize, fetchedAt, ageMs };
}

export async function createScanTask(input: CreateScanTask): Promise<CreateScanTaskResponse> {
  const body =
    input.scope === 'all'
      ? { manual_scan_type: input.vulTypes, batch_flag: true, range_type: 'all_host' }
      : { manual_scan_type: input.vulTypes, batch_flag: false, range_type: 'specific_host', agent_id_list: input.agentIds };
  noteAuditTarget({
    scope: input.scope,
    vulTypes: input.vulTypes.join(','),
    ...(input.scope === 'chosen' ? { hostCount: String(input.agentIds.length) } : {}),
  });
  await takeForChange('CreateVulScanTask');
  try {
    const created = await hssFetch({ method: 'POST', path: '/vulnerability/scan-task', body, schema: createdTask });
    return created?.task_id ? { taskId: created.task_id } : {};
  } finally {
    // Whatever HSS answered, a new task may exist: no viewer should wait out the TTL to see it.
    await markStale();
  }
}

export async function rescanScanTask(taskId: string, input: Rescan): Promise<void> {
  const body = input.scope === 'failed' ? { range_type: 'all_failed_host' } : { range_type: 'specific_host', host_ids: input.hostIds };
  noteAuditTarget({ scope: input.scope, ...(input.scope === 'chosen' ? { hostCount: String(input.hostIds.length) } : {}) });
  await takeForChange('RescanVulScanTask');
  try {
    await hssFetch({ method: 'PUT', path: `/vulnerability/scan/task/${encodeURIComponent(taskId)}/rescan`, body, schema: z.unknown() });
  } finally {
    await markStale();
  }
}

/** Test hook: forget cached answers and the budget between cases. */
export const clearScanTaskCache = clearHssAnswers;
