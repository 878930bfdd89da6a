import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { ListHssHostsResponse, ListScanTaskHostsResponse, ListScanTasksResponse, ScanTaskResponse } from '@/lib/schemas/scan-task';
import { isTaskLive, type AgentStatus, type HostScanStatus, type ScanType } from '@/lib/schemas/scan-task-fields';
import { apiFetch } from './api-fetch';

export type ScanTaskListParams = {
  page: number;
  pageSize: number;
  scanType?: ScanType | undefined;
  taskId?: string | undefined;
  startFrom?: number | undefined;
  startTo?: number | undefined;
};

export type ScanTaskHostParams = { page: number; pageSize: number; scanStatus?: HostScanStatus | undefined };

/** Query keys; every key starts with 'scan-tasks' so one invalidation covers the resource. */
export const scanTaskKeys = {
  all: ['scan-tasks'] as const,
  lists: () => [...scanTaskKeys.all, 'list'] as const,
  list: (params: ScanTaskListParams) => [...scanTaskKeys.lists(), params] as const,
  detail: (taskId: string) => [...scanTaskKeys.all, 'detail', taskId] as const,
  hostsOf: (taskId: string) => [...scanTaskKeys.all, 'hosts', taskId] as const,
  hosts: (taskId: string, params: ScanTaskHostParams) => [...scanTaskKeys.hostsOf(taskId), params] as const,
};

/** How often a view of running work refreshes: quickly while seen, slowly while the tab is hidden. */
export const liveRefresh = { visibleMs: 3_000, hiddenMs: 30_000 } as const;

/**
 * How often the task list refreshes while nothing on it runs, so a task started elsewhere (the
 * HSS console, a schedule) appears (GSA does the same). HSS answers are shared between viewers for
 * a few seconds and budgeted, so a slow poll per open list costs at most a couple of calls a minute.
 */
export const idleRefresh = { visibleMs: 30_000, hiddenMs: 120_000 } as const;

export function liveInterval(isRunning: boolean, visibility: DocumentVisibilityState | undefined): number | false {
  if (!isRunning) return false;
  return visibility === 'hidden' ? liveRefresh.hiddenMs : liveRefresh.visibleMs;
}

/** The task list: fast while a task on it runs, slow while none does, never off. */
export function listInterval(isRunning: boolean, visibility: DocumentVisibilityState | undefined): number {
  if (isRunning) return visibility === 'hidden' ? liveRefresh.hiddenMs : liveRefresh.visibleMs;
  return visibility === 'hidden' ? idleRefresh.hiddenMs : idleRefresh.visibleMs;
}

const visibility = () => (typeof document === 'undefined' ? undefined : document.visibilityState);

export function scanTaskListSearch(params: ScanTaskListParams): string {
  const search = new URLSearchParams();
  search.set('page', String(params.page));
  search.set('pageSize', String(params.pageSize));
  if (params.scanType) search.set('scanType', params.scanType);
  if (params.taskId) search.set('taskId', params.taskId);
  if (params.startFrom !== undefined) search.set('startFrom', String(params.startFrom));
  if (params.startTo !== undefined) search.set('startTo', String(params.startTo));
  return search.toString();
}

export function scanTaskListOptions(params: ScanTaskListParams) {
  return queryOptions({
    queryKey: scanTaskKeys.list(params),
    queryFn: ({ signal }) => apiFetch<ListScanTasksResponse>(`/api/hss/scan-tasks?${scanTaskListSearch(params)}`, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 0,
    // The list moves quickly while any task on the page runs, and slowly while none does.
    refetchInterval: (query) => listInterval(query.state.data?.items.some(isTaskLive) ?? false, visibility()),
    refetchIntervalInBackground: true,
  });
}

export function scanTaskDetailOptions(taskId: string) {
  return queryOptions({
    queryKey: scanTaskKeys.detail(taskId),
    queryFn: ({ signal }) => apiFetch<ScanTaskResponse>(`/api/hss/scan-tasks/${encodeURIComponent(taskId)}`, { signal }),
    staleTime: 0,
    refetchInterval: (query) => liveInterval(query.state.data !== undefined && isTaskLive(query.state.data.task), visibility()),
    refetchIntervalInBackground: true,
  });
}

/** How soon hosts read before the task was seen finished are read again. */
export const hostsCatchUpMs = 2_000;

export function hostsInterval(
  isRunning: boolean,
  fetchedAt: number | undefined,
  catchUpTo: number | undefined,
  visibility: DocumentVisibilityState | undefined,
): number | false {
  if (!isRunning && catchUpTo !== undefined && (fetchedAt ?? 0) < catchUpTo) return hostsCatchUpMs;
  return liveInterval(isRunning, visibility);
}

/**
 * A task's hosts: refreshed with the task while it runs. `catchUpTo` is when the summary that showed
 * the task finished was read: hosts read before then may still say "Scanning", so they are read
 * again until an answer at least that new arrives (HSS answers are shared for a few seconds).
 */
export function scanTaskHostsOptions(taskId: string, params: ScanTaskHostParams, isRunning: boolean, catchUpTo?: number) {
  const search = new URLSearchParams({ page: String(params.page), pageSize: String(params.pageSize) });
  if (params.scanStatus) search.set('scanStatus', params.scanStatus);
  return queryOptions({
    queryKey: scanTaskKeys.hosts(taskId, params),
    queryFn: ({ signal }) => apiFetch<ListScanTaskHostsResponse>(`/api/hss/scan-tasks/${encodeURIComponent(taskId)}/hosts?${search.toString()}`, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 0,
    refetchInterval: (query) => hostsInterval(isRunning, query.state.data?.fetchedAt, catchUpTo, visibility()),
    refetchIntervalInBackground: true,
  });
}

export type HssHostParams = { page: number; pageSize: number; q?: string | undefined; agentStatus?: AgentStatus | undefined };

/** The project's hosts for the manual-scan picker; a page stays while the next loads. */
export function hssHostsOptions(params: HssHostParams) {
  const search = new URLSearchParams({ page: String(params.page), pageSize: String(params.pageSize) });
  if (params.q) search.set('q', params.q);
  if (params.agentStatus) search.set('agentStatus', params.agentStatus);
  return queryOptions({
    queryKey: ['hss-hosts', params] as const,
    queryFn: ({ signal }) => apiFetch<ListHssHostsResponse>(`/api/hss/hosts?${search.toString()}`, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
