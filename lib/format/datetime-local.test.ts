import { describe, expect, it } from 'vitest';
import { fromDateTimeLocal, toDateTimeLocal } from './datetime-local';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const berlin = 'Europe/Berlin';

describe('datetime-local values in the reader’s zone', () => {
  it('reads a minute in the zone, `to` covering the whole minute', () => {
    expect(iso(fromDateTimeLocal('2026-01-15T10:00', berlin, 'from'))).toBe('2026-01-15T09:00:00.000Z');
    expect(iso(fromDateTimeLocal('2026-07-15T10:00', berlin, 'from'))).toBe('2026-07-15T08:00:00.000Z');
    expect(iso(fromDateTimeLocal('2026-07-15T10:00', berlin, 'to'))).toBe('2026-07-15T08:00:59.999Z');
    expect(iso(fromDateTimeLocal('2026-05-01T08:30', 'UTC', 'from'))).toBe('2026-05-01T08:30:00.000Z');
    expect(iso(fromDateTimeLocal('2026-05-01T08:30', 'Asia/Kolkata', 'from'))).toBe('2026-05-01T03:00:00.000Z');
  });

  it('shows an instant as its minute in the zone', () => {
    expect(toDateTimeLocal('2026-01-15T09:00:00Z', berlin)).toBe('2026-01-15T10:00');
    expect(toDateTimeLocal('2026-07-15T08:00:59.999Z', berlin)).toBe('2026-07-15T10:00');
    expect(toDateTimeLocal('2026-05-01T10:30:00+02:00', 'UTC')).toBe('2026-05-01T08:30');
    expect(toDateTimeLocal(Date.parse('2026-12-31T23:30:00Z'), 'Asia/Tokyo')).toBe('2027-01-01T08:30');
  });

  it('round-trips through the URL’s instant for every minute around both of Berlin’s changes', () => {
    for (const start of ['2026-03-29T00:00:00Z', '2026-10-25T00:00:00Z']) {
      for (let minute = 0; minute < 180; minute += 5) {
        const local = toDateTimeLocal(Date.parse(start) + minute * 60_000, berlin);
        for (const edge of ['from', 'to'] as const) expect(toDateTimeLocal(fromDateTimeLocal(local, berlin, edge), berlin)).toBe(local);
      }
    }
  });

  it('spans a day of 23 hours when the clocks go forward and 25 when they go back', () => {
    const hours = (from: string, to: string) => ((fromDateTimeLocal(to, berlin, 'to') ?? 0) + 1 - (fromDateTimeLocal(from, berlin, 'from') ?? 0)) / 3_600_000;
    expect(hours('2026-03-29T00:00', '2026-03-29T23:59')).toBe(23);
    expect(hours('2026-10-25T00:00', '2026-10-25T23:59')).toBe(25);
    expect(hours('2026-06-01T00:00', '2026-06-01T23:59')).toBe(24);
  });

  it('takes the jump for a minute the clock skips (02:00–03:00 on 29 Mar 2026 in Berlin)', () => {
    expect(iso(fromDateTimeLocal('2026-03-29T02:30', berlin, 'from'))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(fromDateTimeLocal('2026-03-29T02:30', berlin, 'to'))).toBe('2026-03-29T00:59:59.999Z');
    // Nothing reads 02:10–02:40 that day: the range is empty.
    expect(fromDateTimeLocal('2026-03-29T02:10', berlin, 'from')).toBeGreaterThan(fromDateTimeLocal('2026-03-29T02:40', berlin, 'to') ?? 0);
  });

  it('keeps both readings of a minute the clock shows twice (02:00–03:00 on 25 Oct 2026 in Berlin)', () => {
    expect(iso(fromDateTimeLocal('2026-10-25T02:30', berlin, 'from'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(fromDateTimeLocal('2026-10-25T02:30', berlin, 'to'))).toBe('2026-10-25T01:30:59.999Z');
  });

  it('refuses what is not a whole minute of a real day', () => {
    for (const value of ['', '2026-05-01', '2026-05-01T08:30:15', '2026-02-30T10:00', '2026-05-01T24:00', 'nope']) {
      expect(fromDateTimeLocal(value, berlin, 'from')).toBeUndefined();
    }
    expect(toDateTimeLocal('nope', berlin)).toBe('');
    expect(toDateTimeLocal(undefined, berlin)).toBe('');
  });
});
