import 'server-only';
import { z } from 'zod';
import {
  type CreateScanTask,
  type CreateScanTaskResponse,
  type ListScanTaskHostsQuery,
  type ListScanTaskHostsResponse,
  type ListScanTasksQuery,
  type ListScanTasksResponse,
  type Rescan,
  type ScanTaskResponse,
} from '@/lib/schemas/scan-task';
import { createTtlCache, type TtlCache } from '../cache';
import { getEnv } from '../env';
import { AppError } from '../errors';
import { pageSchema, readScanTask, readScanTaskHost } from './records';
import { hssFetch } from './transport';

const taskPage = pageSchema(readScanTask, 'hss vulnerability/scan-tasks');
const hostPage = pageSchema(readScanTaskHost, 'hss vulnerability/scan-task/{id}/hosts');
const createdTask = z.object({ task_id: z.string().optional() }).optional();

interface Fetched<T> {
  value: T;
  fetchedAt: number;
}

let cache: TtlCache | undefined;
/** Shared by every viewer: one identity, few HSS calls a minute, so one answer serves everyone for a few seconds. */
function hssCache(): TtlCache {
  cache ??= createTtlCache({ ttlMs: getEnv().hss?.cacheTtlMs ?? 5_000 });
  return cache;
}

async function cached<T>(key: string, load: () => Promise<T>): Promise<Fetched<T> & { ageMs: number }> {
  const hit = await hssCache().get<Fetched<T>>(key, async () => ({ value: await load(), fetchedAt: Date.now() }));
  return { ...hit, ageMs: Math.max(0, Date.now() - hit.fetchedAt) };
}

function offsetOf(page: number, pageSize: number) {
  return (page - 1) * pageSize;
}

export async function listScanTasks(query: ListScanTasksQuery): Promise<ListScanTasksResponse> {
  const upstream = {
    offset: offsetOf(query.page, query.pageSize),
    limit: query.pageSize,
    scan_type: query.scanType,
    task_id: query.taskId,
    min_start_time: query.startFrom,
    max_start_time: query.startTo,
  };
  const key = `tasks?${JSON.stringify(upstream)}`;
  const { value, fetchedAt, ageMs } = await cached(key, () => hssFetch({ path: '/vulnerability/scan-tasks', query: upstream, schema: taskPage }));
  return { ...value, page: query.page, pageSize: query.pageSize, fetchedAt, ageMs };
}

/** HSS has no single-task GET; the list filtered by task_id is the documented way to read one. */
export async function getScanTask(taskId: string): Promise<ScanTaskResponse> {
  const upstream = { offset: 0, limit: 10, task_id: taskId };
  const { value, fetchedAt, ageMs } = await cached(`task:${taskId}`, () =>
    hssFetch({ path: '/vulnerability/scan-tasks', query: upstream, schema: taskPage }),
  );
  const task = value.items.find((t) => t.id === taskId);
  if (!task) throw new AppError(404, 'not_found', `No vulnerability scan task ${taskId} on HSS.`);
  return value.unreadable ? { task, unreadable: value.unreadable, fetchedAt, ageMs } : { task, fetchedAt, ageMs };
}

export async function listScanTaskHosts(taskId: string, query: ListScanTaskHostsQuery): Promise<ListScanTaskHostsResponse> {
  const upstream = { offset: offsetOf(query.page, query.pageSize), limit: query.pageSize, scan_status: query.scanStatus };
  const key = `hosts:${taskId}?${JSON.stringify(upstream)}`;
  const { value, fetchedAt, ageMs } = await cached(key, () =>
    hssFetch({ path: `/vulnerability/scan-task/${encodeURIComponent(taskId)}/hosts`, query: upstream, schema: hostPage }),
  );
  return { ...value, page: query.page, pageSize: query.pageSize, fetchedAt, ageMs };
}

export async function createScanTask(input: CreateScanTask): Promise<CreateScanTaskResponse> {
  const body =
    input.scope === 'all'
      ? { manual_scan_type: input.vulTypes, batch_flag: true, range_type: 'all_host' }
      : { manual_scan_type: input.vulTypes, batch_flag: false, range_type: 'specific_host', agent_id_list: input.agentIds };
  try {
    const created = await hssFetch({ method: 'POST', path: '/vulnerability/scan-task', body, schema: createdTask });
    return created?.task_id ? { taskId: created.task_id } : {};
  } finally {
    // Whatever HSS answered, a new task may exist: no viewer should wait out the TTL to see it.
    hssCache().invalidate('');
  }
}

export async function rescanScanTask(taskId: string, input: Rescan): Promise<void> {
  const body = input.scope === 'failed' ? { range_type: 'all_failed_host' } : { range_type: 'specific_host', host_ids: input.hostIds };
  try {
    await hssFetch({ method: 'PUT', path: `/vulnerability/scan/task/${encodeURIComponent(taskId)}/rescan`, body, schema: z.unknown() });
  } finally {
    hssCache().invalidate('');
  }
}

/** Test hook: forget cached answers between cases. */
export function clearScanTaskCache(): void {
  hssCache().clear();
}
