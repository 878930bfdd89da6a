import 'server-only';
import type { AuditEvent } from '@/lib/schemas/audit';

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return, which some
 * read past) as a formula; a leading apostrophe makes it plain text.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export const auditCsvHeader = [
  'time_utc',
  'username',
  'role',
  'action',
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
  return [
    event.time,
    event.username,
    event.role,
    event.action,
    target,
    event.outcome,
    event.status,
    event.errorCode,
    event.upstreamCode,
    event.requestIds.join(' '),
    event.address,
    event.count,
  ]
    .map(csvCell)
    .join(',');
}

/** Streams rows as CSV in batches, so a long trail never sits in memory whole. */
export function auditCsvStream(
  events: Iterator<AuditEvent, void, undefined> | AsyncIterator<AuditEvent, void, undefined>,
  batchSize = 500,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const lines: string[] = [];
      if (!headerSent) {
        lines.push(auditCsvHeader.join(','));
        headerSent = true;
      }
      try {
        for (let i = 0; i < batchSize; i++) {
          const next = await events.next();
          if (next.done) {
            if (lines.length) controller.enqueue(encoder.encode(lines.map((l) => `${l}\r\n`).join('')));
            controller.close();
            return;
          }
          lines.push(auditCsvRow(next.value));
        }
      } catch (err) {
        await events.return?.(undefined);
        controller.error(err);
        return;
      }
      controller.enqueue(encoder.encode(lines.map((l) => `${l}\r\n`).join('')));
    },
    async cancel() {
      await events.return?.(undefined);
    },
  });
}
