import { describe, expect, it } from 'vitest';
import { describeTarget, inputToInstant, instantToInput } from './audit-format';

describe('audit formatting', () => {
  it('reads the time inputs as UTC, the end of a range covering its whole minute', () => {
    expect(inputToInstant('2026-05-01T08:30', 'from')).toBe('2026-05-01T08:30:00Z');
    expect(inputToInstant('2026-05-01T08:30', 'to')).toBe('2026-05-01T08:30:59.999Z');
    expect(inputToInstant('', 'from')).toBeUndefined();
    expect(instantToInput('2026-05-01T10:30:00+02:00')).toBe('2026-05-01T08:30');
    expect(instantToInput(inputToInstant('2026-05-01T08:30', 'to'))).toBe('2026-05-01T08:30');
    expect(instantToInput('nope')).toBe('');
  });

  it('writes a target as key=value pairs', () => {
    expect(describeTarget({ orgId: '3', username: 'sm.ada' })).toBe('orgId=3 username=sm.ada');
    expect(describeTarget({})).toBe('');
  });
});
