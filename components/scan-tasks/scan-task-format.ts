import type { KnownValues } from '@/components/ui/vendor-value-badge';
import type { ScanTaskRow } from '@/lib/schemas/scan-task';
import { isTaskLive, vulTypeLabels } from '@/lib/schemas/scan-task-fields';

/** "1 h 4 min", "3 min 20 s", "45 s". */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || ms < 0) return '—';
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return s > 0 && m < 10 ? `${m} min ${s} s` : `${m} min`;
  return `${s} s`;
}

/** "updated just now", "updated 3 s ago", "updated 2 min ago". */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 1) return 'updated just now';
  if (s < 60) return `updated ${s} s ago`;
  return `updated ${Math.floor(s / 60)} min ago`;
}

export function vulTypeLabel(type: string): string {
  return (vulTypeLabels as Record<string, string>)[type] ?? type;
}

export const knownScanTypes = {
  manual: { label: 'Manual', tone: 'neutral' },
  schedule: { label: 'Scheduled', tone: 'neutral' },
} as const satisfies KnownValues;

/** HSS documents `running` and `finished`; a finished task with failed hosts says so. */
export function taskStatusValues(task: Pick<ScanTaskRow, 'failedHosts'>): KnownValues {
  return {
    running: { label: 'Running', tone: 'accent' },
    finished: (task.failedHosts ?? 0) > 0 ? { label: 'Finished with failures', tone: 'warning' } : { label: 'Finished', tone: 'success' },
  };
}

export { isTaskLive as isTaskRunning };

/** A host's scan status, and each vulnerability type's status on it (`vul_scan_details`). */
export const knownHostStatuses = {
  scanning: { label: 'Scanning', tone: 'accent' },
  success: { label: 'Succeeded', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
} as const satisfies KnownValues;

export const knownAssetValues = {
  important: { label: 'Important', tone: 'warning' },
  common: { label: 'Common', tone: 'neutral' },
  test: { label: 'Test', tone: 'neutral' },
} as const satisfies KnownValues;

/** Hosts counted so far; a count HSS did not send (or sent oddly) counts as none. */
export function hostCount(task: Pick<ScanTaskRow, 'scanningHosts' | 'successHosts' | 'failedHosts'>): number {
  return (task.scanningHosts ?? 0) + (task.successHosts ?? 0) + (task.failedHosts ?? 0);
}

/** "45 min", "2 h 10 min": HSS's estimate, which counts minutes. */
export function formatMinutes(minutes: number | undefined): string {
  return minutes === undefined ? '—' : formatDuration(minutes * 60_000);
}

/** How long a task ran, or has run so far at `now`. */
export function taskDuration(task: Pick<ScanTaskRow, 'startTime' | 'endTime' | 'status'>, now: number): number | undefined {
  if (task.startTime === undefined) return undefined;
  const end = isTaskLive(task) ? now : task.endTime;
  return end === undefined ? undefined : Math.max(0, end - task.startTime);
}
