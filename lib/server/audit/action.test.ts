import { describe, expect, it } from 'vitest';
import { setTestEnv } from '@/lib/testing/bff';

setTestEnv('http://127.0.0.1:9');
const { actionOf } = await import('./recorder');

describe('actionOf', () => {
  it('names each path parameter at its own segment, even when two share a value', () => {
    expect(actionOf('patch', '/api/director/organizations/5/security-managers/5', { orgId: '5', id: '5' })).toBe(
      'PATCH /api/director/organizations/{orgId}/security-managers/{id}',
    );
    expect(actionOf('DELETE', '/api/director/organizations/7/security-managers/5', { orgId: '7', id: '5' })).toBe(
      'DELETE /api/director/organizations/{orgId}/security-managers/{id}',
    );
  });

  it('reads escaped segments and keeps a malformed escape as sent', () => {
    expect(actionOf('DELETE', '/api/director/scans/A%2DB', { id: 'A-B' })).toBe('DELETE /api/director/scans/{id}');
    expect(actionOf('DELETE', '/api/director/scans/%E0%A4%A', { id: 'x' })).toBe('DELETE /api/director/scans/%E0%A4%A');
  });
});
