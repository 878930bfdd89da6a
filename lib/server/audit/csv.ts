import 'server-only';
import type { AuditEvent } from '@/lib/schemas/audit';
import { csvLine, csvStream } from '../csv';

export const auditCsvHeader = [
  'time_utc',
  'username',
  'role',
  'action',
  'summary',
  'target',
  'outcome',
  'status',
  'error_code',
  'vendor_code',
  'vendor_request_ids',
  'address',
  'count',
];

export function auditCsvRow(event: AuditEvent): string {
  const target = Object.entries(event.target)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
  return csvLine([
    event.time,
    event.username,
    event.role,
    event.action,
    event.summary,
    target,
    event.outcome,
    event.status,
    event.errorCode,
    event.upstreamCode,
    event.requestIds.join(' '),
    event.address,
    event.count,
  ]);
}

/** Streams rows as CSV in batches, so a long trail never sits in memory whole. */
export function auditCsvStream(
  events: Iterator<AuditEvent, void, undefined> | AsyncIterator<AuditEvent, void, undefined>,
  batchSize = 500,
): ReadableStream<Uint8Array> {
  return csvStream(auditCsvHeader, events, auditCsvRow, batchSize);
}
