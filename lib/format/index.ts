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
  return formatterFor(timeZone, parts.time === true, parts.seconds === true).format(date);
}

/**
 * One formatter per zone and shape: building an Intl.DateTimeFormat costs far more than formatting
 * with one, and a live table formats every row's times each second. Bounded by the zones a reader
 * picks (their own and UTC) times four shapes.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string, isTimeOnly: boolean, hasSeconds: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${isTimeOnly}|${hasSeconds}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      ...(isTimeOnly ? {} : { day: 'numeric', month: 'short', year: 'numeric' }),
      hour: '2-digit',
      minute: '2-digit',
      ...(hasSeconds ? { second: '2-digit' } : {}),
      hourCycle: 'h23',
      timeZoneName: 'short',
      timeZone,
    });
    if (formatters.size >= 64) formatters.clear();
    formatters.set(key, formatter);
  }
  return formatter;
}

export function shortUuid(uuid: string): string {
  return uuid.length > 8 ? `${uuid.slice(0, 8)}…` : uuid;
}
