import { describe, expect, it } from 'vitest';
import { renderQueryString } from './use-list-state';

describe('list URLs', () => {
  it('keep commas and colons readable and escape what would break the query', () => {
    const search = new URLSearchParams({ columns: 'name,status', from: '2026-05-01T08:00:00Z', q: 'a b&c=d#e+f%' });
    expect(renderQueryString(search)).toBe('?columns=name,status&from=2026-05-01T08:00:00Z&q=a+b%26c%3Dd%23e%2Bf%25');
    expect(new URLSearchParams(renderQueryString(search)).get('q')).toBe('a b&c=d#e+f%');
    expect(renderQueryString(new URLSearchParams())).toBe('');
  });
});
