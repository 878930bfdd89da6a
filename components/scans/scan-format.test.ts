import { describe, expect, it } from 'vitest';
import { formatBoolean, formatDateTime, formatMaxScanTime, knownScanStatuses, refText, shortUuid } from './scan-format';

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

  it('formats times in the given locale and zone', () => {
    expect(formatDateTime('2022-03-04T21:37:51.000Z', 'en-GB', 'Europe/Paris')).toBe('4 Mar 2022, 22:37');
    expect(formatDateTime('2022-03-04T21:37:51.000Z', 'en-US', 'America/New_York')).toBe('Mar 4, 2022, 4:37 PM');
    expect(formatDateTime(undefined)).toBe('—');
  });

  it('shortens uuids and labels statuses', () => {
    expect(shortUuid('6821F741-EF4C-46BA-98AA-E1CD93456220')).toBe('6821F741…');
    // Director documents no meaning for status: "0" is named as what it is, not "Ready".
    expect(knownScanStatuses['0'].label).toBe('Status 0');
    expect(Object.keys(knownScanStatuses)).toEqual(['0']);
    expect(refText({ id: -1, name: 'All Zones' })).toBe('All Zones');
    expect(refText({ id: -1 })).toBe('#-1');
  });
});
