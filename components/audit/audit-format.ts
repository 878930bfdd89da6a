import type { BadgeTone } from '@/components/ui/badge';
import type { AuditEvent } from '@/lib/schemas/audit';
import type { AuditOutcome } from '@/lib/schemas/audit-fields';

export const outcomeLabels: Record<AuditOutcome, string> = {
  success: 'Success',
  refused: 'Refused',
  failed: 'Failed',
  pending: 'No answer',
};

export const outcomeTones: Record<AuditOutcome, BadgeTone> = {
  success: 'success',
  refused: 'warning',
  failed: 'danger',
  pending: 'neutral',
};

export function describeTarget(target: AuditEvent['target']): string {
  return Object.entries(target)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
}

/**
 * A datetime-local input holds minutes without a zone; the trail filters in UTC, so the input
 * is read as UTC and the URL keeps a full instant. `to` covers its whole minute.
 */
export function inputToInstant(value: string, edge: 'from' | 'to'): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined;
  return edge === 'from' ? `${value}:00Z` : `${value}:59.999Z`;
}

export function instantToInput(instant: string | undefined): string {
  if (!instant) return '';
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? '' : new Date(ms).toISOString().slice(0, 16);
}

export const auditColumnLabels = {
  time: 'Time',
  username: 'User',
  role: 'Role',
  action: 'Action',
  target: 'Target',
  outcome: 'Outcome',
  status: 'Status',
  errorCode: 'Error',
  requestIds: 'Vendor request ids',
  address: 'Address',
} as const;
export type AuditColumn = keyof typeof auditColumnLabels;
export const auditColumnIds = Object.keys(auditColumnLabels) as AuditColumn[];
export const defaultAuditColumns: AuditColumn[] = ['time', 'username', 'action', 'target', 'outcome', 'status', 'errorCode', 'requestIds'];
