/** Formatters for any resource's values: absent values show as a dash. */

export function formatBoolean(value: boolean | undefined): string {
  if (value === undefined) return '—';
  return value ? 'Yes' : 'No';
}

/**
 * Every time ScanDeck shows: "2 Dec 2026, 21:53 GMT+9", in the reader's chosen zone (an IANA name,
 * see components/shell/time-zone.tsx), which the text names. The locale is fixed, so the server
 * and the browser write the same text. `time` leaves the date out, `seconds` adds them.
 */
export function formatDateTime(value: string | number | undefined, timeZone: string, parts: { time?: boolean; seconds?: boolean } = {}): string {
  if (value === undefined || value === '') return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat('en-GB', {
    ...(parts.time ? {} : { day: 'numeric', month: 'short', year: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
    ...(parts.seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
    timeZoneName: 'short',
    timeZone,
  }).format(date);
}

export function shortUuid(uuid: string): string {
  return uuid.length > 8 ? `${uuid.slice(0, 8)}…` : uuid;
}
