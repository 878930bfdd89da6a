import { describe, expect, it } from 'vitest';
import { describeTarget } from './audit-format';

describe('audit formatting', () => {
  it('writes a target as key=value pairs', () => {
    expect(describeTarget({ orgId: '3', username: 'sm.ada' })).toBe('orgId=3 username=sm.ada');
    expect(describeTarget({})).toBe('');
  });
});
