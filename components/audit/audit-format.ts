import type { BadgeTone } from '@/components/ui/badge';
import type { AuditEvent } from '@/lib/schemas/audit';
import type { AuditOutcome, auditColumnIds as schemaAuditColumnIds } from '@/lib/schemas/audit-fields';

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
// The schema keeps the same ids for saved views: every one of them must be a column here.
auditColumnLabels satisfies Record<(typeof schemaAuditColumnIds)[number], string>;
export const defaultAuditColumns: AuditColumn[] = ['time', 'username', 'action', 'target', 'outcome', 'status', 'errorCode', 'requestIds'];
