// A datetime-local input holds a wall-clock minute without a zone ("2026-03-29T02:30"). ScanDeck reads
// and writes it in the reader's zone (an IANA name) and keeps absolute instants everywhere else, so a
// range means the same rows whoever shares its link.

const inputPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const minuteMs = 60_000;
const dayMs = 86_400_000;

/** One formatter per zone (the reader's own and UTC in practice); bounded all the same. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    if (formatters.size >= 16) formatters.clear();
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock in `timeZone` at `instant`, as the UTC instant that reads the same (ms precision kept). */
function wallClockAt(instant: number, timeZone: string): number {
  const part: Record<string, number> = {};
  for (const { type, value } of wallClockFormatter(timeZone).formatToParts(instant)) part[type] = Number(value);
  const wholeSeconds = Date.UTC(part.year ?? 0, (part.month ?? 1) - 1, part.day ?? 1, part.hour ?? 0, part.minute ?? 0, part.second ?? 0);
  return wholeSeconds + (((instant % 1000) + 1000) % 1000);
}

const offsetAt = (instant: number, timeZone: string) => wallClockAt(instant, timeZone) - instant;

/**
 * The instant at which the wall clock of `timeZone` reads `wall` (a wall clock written as a UTC
 * instant). Where the clock goes back and reads it twice, `from` takes the first and `to` the second,
 * so a range keeps every row whose clock reading is in it. Where the clock jumps over it, both
 * edges take the jump: nothing happened at that reading, and everything after the jump reads later.
 */
function instantOfWallClock(wall: number, timeZone: string, edge: 'from' | 'to'): number {
  // Offsets change at most once a day, so the offsets a day either side are the two candidates.
  const before = offsetAt(wall - dayMs, timeZone);
  const after = offsetAt(wall + dayMs, timeZone);
  const readings = [wall - before, wall - after].filter((instant) => wallClockAt(instant, timeZone) === wall);
  if (readings.length > 0) return edge === 'from' ? Math.min(...readings) : Math.max(...readings);
  // In a gap: find the jump, the first instant whose offset is the later one, to the millisecond.
  let low = wall - after;
  let high = wall - before;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetAt(middle, timeZone) === after) high = middle;
    else low = middle;
  }
  return edge === 'from' ? high : high - 1;
}

/**
 * A datetime-local value read in `timeZone`, as epoch ms; undefined when it is not a whole minute.
 * `to` covers its whole minute.
 */
export function fromDateTimeLocal(value: string, timeZone: string, edge: 'from' | 'to'): number | undefined {
  const match = inputPattern.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  // setUTCFullYear, not Date.UTC, which reads years below 100 as 19xx.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute);
  const wall = date.getTime();
  if (Number.isNaN(wall) || date.getUTCDate() !== day || date.getUTCHours() !== hour) return undefined;
  return instantOfWallClock(edge === 'from' ? wall : wall + minuteMs - 1, timeZone, edge);
}

/** An instant (ISO text or epoch ms) as the datetime-local value of its minute in `timeZone`; '' when unreadable. */
export function toDateTimeLocal(instant: string | number | undefined, timeZone: string): string {
  if (instant === undefined || instant === '') return '';
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  if (Number.isNaN(ms)) return '';
  return new Date(wallClockAt(ms, timeZone)).toISOString().slice(0, 16);
}
