import { describe, expect, it } from 'vitest';
import { formatBoolean, formatDateTime, shortUuid } from '@/lib/format';
import { formatMaxScanTime, knownScanStatuses, refText } from './scan-format';

describe('scan formatting', () => {
  it('shows max scan time in hours, or Unlimited for null', () => {
    expect(formatMaxScanTime(3600)).toBe('1 hour');
    expect(formatMaxScanTime(36_000)).toBe('10 hours');
    expect(formatMaxScanTime(5400)).toBe('1.5 hours');
    expect(formatMaxScanTime(600)).toBe('10 min');
    expect(formatMaxScanTime(null)).toBe('Unlimited');
    expect(formatMaxScanTime(undefined)).toBe('—');
  });

  it('shows booleans as Yes/No', () => {
    expect(formatBoolean(true)).toBe('Yes');
    expect(formatBoolean(false)).toBe('No');
    expect(formatBoolean(undefined)).toBe('—');
  });

  it('formats times in the given zone and names it, the same on the server and in any browser', () => {
    expect(formatDateTime('2022-03-04T21:37:51.000Z', 'Europe/Paris')).toBe('4 Mar 2022, 22:37 CET');
    expect(formatDateTime('2022-03-04T21:37:51.000Z', 'Asia/Tokyo')).toBe('5 Mar 2022, 06:37 GMT+9');
    expect(formatDateTime(Date.parse('2022-03-04T21:37:51.000Z'), 'UTC', { time: true, seconds: true })).toBe('21:37:51 UTC');
    expect(formatDateTime(undefined, 'UTC')).toBe('—');
    expect(formatDateTime('not a time', 'UTC')).toBe('not a time');
  });

  it('shortens uuids and labels statuses', () => {
    expect(shortUuid('6821F741-EF4C-46BA-98AA-E1CD93456220')).toBe('6821F741…');
    // Director documents no meaning for status: "0", every example's value, reads as an ordinary scan's.
    expect(knownScanStatuses['0'].label).toBe('Normal');
    expect(Object.keys(knownScanStatuses)).toEqual(['0']);
    expect(refText({ id: -1, name: 'All Zones' })).toBe('All Zones');
    expect(refText({ id: -1 })).toBe('#-1');
  });
});
