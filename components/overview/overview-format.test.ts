import { describe, expect, it } from 'vitest';
import { formatAgo, scannerSummary, sciStatus } from './overview-format';

describe('overview format', () => {
  it('calls only status "1" working and shows any other code as it came', () => {
    expect(sciStatus('1')).toEqual({ label: 'Working', tone: 'success' });
    expect(sciStatus('8194')).toEqual({ label: 'Needs attention (code 8194)', tone: 'warning' });
    expect(sciStatus(undefined).label).toBe('Not reported');
  });

  it('says how many scanners work, and flags a shortfall', () => {
    expect(scannerSummary({ workingScanners: 2, totalScanners: 3 })).toEqual({ text: '2 of 3 working', isShort: true });
    expect(scannerSummary({ workingScanners: 3, totalScanners: 3 })).toEqual({ text: '3 of 3 working', isShort: false });
    expect(scannerSummary({ totalScanners: 2 })).toEqual({ text: '— of 2 working', isShort: false });
    expect(scannerSummary({}).text).toBe('—');
  });

  it('says how long ago a sync was, and "never" for none', () => {
    const now = Date.UTC(2026, 0, 2, 12, 0, 0);
    expect(formatAgo(now - 20_000, now)).toBe('just now');
    expect(formatAgo(now - 9 * 60_000, now)).toBe('9 min ago');
    expect(formatAgo(now - 5 * 3_600_000, now)).toBe('5 h ago');
    expect(formatAgo(now - 3 * 86_400_000, now)).toBe('3 days ago');
    expect(formatAgo(undefined, now)).toBe('never');
  });
});
