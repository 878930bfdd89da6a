import { describe, expect, it } from 'vitest';
import { auditActionLabel, describeAuditEntry } from './describe';

const done = (action: string, target: Record<string, string>) => describeAuditEntry({ action, target, outcome: 'success' });

describe('describeAuditEntry', () => {
  it('names a scan by the name and SCI captured when it was created or deleted, else by its id', () => {
    expect(done('DELETE /api/director/scans/{id}', { id: '121', name: 'Weekly DMZ', sci: '3', sciName: 'SCI East' })).toBe(
      "Deleted scan 'Weekly DMZ' (SCI East)",
    );
    expect(done('POST /api/director/scans', { id: '122', name: 'Nightly', sci: '3' })).toBe("Created scan 'Nightly' (SCI 3)");
    // An entry written before names were captured still reads as a sentence.
    expect(done('DELETE /api/director/scans/{id}', { id: '121' })).toBe('Deleted scan #121');
  });

  it('says a refused, failed or unanswered change was tried, not done', () => {
    const target = { id: '121', name: 'Weekly DMZ', sciName: 'SCI East' };
    for (const outcome of ['refused', 'failed', 'pending'] as const) {
      expect(describeAuditEntry({ action: 'DELETE /api/director/scans/{id}', target, outcome })).toBe("Tried to delete scan 'Weekly DMZ' (SCI East)");
    }
  });

  it('names a security manager by username, organization and SCI', () => {
    const target = { orgId: '4', id: '17', username: 'jdoe', orgName: 'Org 1', sci: '2', sciName: 'SCI West' };
    expect(done('POST /api/director/organizations/{orgId}/security-managers', target)).toBe("Created security manager 'jdoe' of 'Org 1' (SCI West)");
    expect(done('PATCH /api/director/organizations/{orgId}/security-managers/{id}', target)).toBe("Changed security manager 'jdoe' of 'Org 1' (SCI West)");
    expect(done('DELETE /api/director/organizations/{orgId}/security-managers/{id}', { orgId: '4', id: '17' })).toBe(
      'Deleted security manager #17 of organization #4',
    );
  });

  it('counts the hosts of an HSS scan or rescan and shortens the task id', () => {
    const taskId = '3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';
    expect(done('PUT /api/hss/scan-tasks/{taskId}/rescan', { taskId, scope: 'chosen', hostCount: '2' })).toBe('Rescanned 2 hosts of HSS task 3f2a9c1e…');
    expect(done('PUT /api/hss/scan-tasks/{taskId}/rescan', { taskId, scope: 'chosen', hostCount: '1' })).toBe('Rescanned 1 host of HSS task 3f2a9c1e…');
    expect(done('PUT /api/hss/scan-tasks/{taskId}/rescan', { taskId, scope: 'failed' })).toBe('Rescanned the failed hosts of HSS task 3f2a9c1e…');
    expect(done('POST /api/hss/scan-tasks', { taskId, scope: 'all', vulTypes: 'linux_vul,windows_vul' })).toBe(
      'Started HSS task 3f2a9c1e… on every host for linux_vul, windows_vul',
    );
    expect(describeAuditEntry({ action: 'POST /api/hss/scan-tasks', target: { scope: 'chosen', hostCount: '3' }, outcome: 'failed' })).toBe(
      'Tried to start an HSS task on 3 hosts',
    );
  });

  it('reads saved views, sign-out everywhere, sign-ins and retention', () => {
    expect(done('POST /api/views', { id: 'a1b2c3d4-0000-4000-8000-000000000000', name: 'My DMZ' })).toBe("Saved view 'My DMZ'");
    expect(done('DELETE /api/views/{id}', { id: 'a1b2c3d4-0000-4000-8000-000000000000' })).toBe('Deleted view a1b2c3d4…');
    expect(done('PUT /api/views/columns', {})).toBe('Chose the columns');
    expect(done('POST /api/sessions/sign-out-everywhere', { username: 'bob' })).toBe("Signed out 'bob' everywhere");
    expect(done('sign-in', {})).toBe('Signed in');
    expect(done('sign-in', { via: 'sso', issuer: 'https://idp' })).toBe('Signed in with single sign-on');
    expect(describeAuditEntry({ action: 'sign-in', target: { unknownUser: 'x#1' }, outcome: 'refused' })).toBe('Tried to sign in as an unknown user');
    expect(done('audit retention', { removed: '40', olderThan: '2026-01-01T00:00:00.000Z' })).toBe(
      'Removed 40 entries older than 2026-01-01 from the trail (retention)',
    );
  });

  it("names a viewer's refused read, and keeps an unknown route as it was stored", () => {
    expect(describeAuditEntry({ action: 'GET /api/audit', target: {}, outcome: 'refused' })).toBe('Tried to read the audit trail');
    expect(done('POST /api/new/thing', {})).toBe('POST /api/new/thing');
  });
});

describe('auditActionLabel', () => {
  it('names each kind for the filter, an unknown one by its route', () => {
    expect(auditActionLabel('DELETE /api/director/scans/{id}')).toBe('Delete scan');
    expect(auditActionLabel('PUT /api/hss/scan-tasks/{taskId}/rescan')).toBe('Rescan HSS hosts');
    expect(auditActionLabel('sign-in')).toBe('Sign-in');
    expect(auditActionLabel('GET /api/other')).toBe('GET /api/other');
  });
});
