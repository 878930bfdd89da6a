import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from './callback-url';

describe('safeCallbackUrl', () => {
  it('keeps relative paths with their query', () => {
    expect(safeCallbackUrl('/scans/12')).toBe('/scans/12');
    expect(safeCallbackUrl('/scans?page=2&q=web')).toBe('/scans?page=2&q=web');
    expect(safeCallbackUrl(['/scans/new', '/other'])).toBe('/scans/new');
  });

  it('ignores absolute, protocol-relative and backslash URLs', () => {
    for (const bad of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', 'scans', '/a\\b']) {
      expect(safeCallbackUrl(bad)).toBe('/');
    }
  });

  it('defaults when missing and never loops back to login or the API', () => {
    expect(safeCallbackUrl(undefined)).toBe('/');
    expect(safeCallbackUrl('/login?callbackUrl=/x')).toBe('/');
    expect(safeCallbackUrl('/api/director/scans')).toBe('/');
  });
});
