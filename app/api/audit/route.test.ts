import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditListResponse } from '@/lib/schemas/audit';
import type { ErrorEnvelope } from '@/lib/schemas/common';
import { apiRequest, context, sessionCookie, setTestEnv, getJson } from '@/lib/testing/bff';

setTestEnv('http://127.0.0.1:9');
const list = await import('./route');
const exported = await import('./export/route');
const { getAuditStore } = await import('@/lib/server/audit/trail');

let admin: string;
let viewer: string;
const t0 = Date.parse('2026-05-01T08:00:00Z');

beforeAll(async () => {
  admin = await sessionCookie('ada', 'admin');
  viewer = await sessionCookie('vic', 'viewer');
  const store = getAuditStore();
  const base = { role: 'admin' as const, errorCode: null, upstreamCode: null, requestIds: [], address: null, status: 204 };
  await store.append({ ...base, atMs: t0, username: 'ada', action: 'DELETE /api/director/scans/{id}', target: { id: '5' }, outcome: 'success' });
  await store.append({
    ...base,
    atMs: t0 + 60_000,
    username: 'bob',
    action: 'POST /api/director/scans',
    target: { name: 'nightly' },
    outcome: 'success',
    status: 201,
    address: '=cmd|calc',
  });
  await store.append({
    ...base,
    atMs: t0 + 120_000,
    username: 'vic',
    role: 'viewer',
    action: 'DELETE /api/director/scans/{id}',
    target: { id: '6' },
    outcome: 'refused',
    status: 403,
    errorCode: 'forbidden',
  });
});
afterAll(() => getAuditStore().close());

const getList = (query: string, cookie = admin) => getJson<AuditListResponse & ErrorEnvelope>(list.GET, `/api/audit?${query}`, cookie);

describe('GET /api/audit', () => {
  it('pages newest first with the filter choices', async () => {
    const { status, body } = await getList('pageSize=10');
    expect(status).toBe(200);
    expect(body.items.map((e) => e.username)).toEqual(['vic', 'bob', 'ada']);
    expect(body.total).toBe(3);
    expect(body.users).toEqual(['ada', 'bob', 'vic']);
    expect(body.actions).toEqual([
      { value: 'DELETE /api/director/scans/{id}', label: 'Delete scan' },
      { value: 'POST /api/director/scans', label: 'Create scan' },
    ]);
    // Each entry reads as a sentence, a refused change as an attempt.
    expect(body.items.map((e) => e.summary)).toEqual(['Tried to delete scan #6', "Created scan 'nightly'", 'Deleted scan #5']);
  });

  it('filters by time range, user, action, outcome and text', async () => {
    const iso = (ms: number) => encodeURIComponent(new Date(ms).toISOString());
    expect((await getList(`from=${iso(t0 + 1)}&to=${iso(t0 + 60_000)}`)).body.items.map((e) => e.username)).toEqual(['bob']);
    expect((await getList('user=ada')).body.total).toBe(1);
    expect((await getList(`action=${encodeURIComponent('DELETE /api/director/scans/{id}')}&outcome=refused`)).body.items[0]?.target).toEqual({ id: '6' });
    expect((await getList('q=calc')).body.total).toBe(1);
    expect((await getList('user=&action=&outcome=&from=')).body.total).toBe(3);
  });

  it('refuses bad filters with field details', async () => {
    const { status, body } = await getList('from=yesterday&outcome=maybe&sort=password');
    expect(status).toBe(400);
    expect(Object.keys(body.error.details ?? {}).sort()).toEqual(['from', 'outcome', 'sort']);
  });

  it('is for admins only: 403 for a viewer, 401 without a session', async () => {
    expect((await getList('', viewer)).status).toBe(403);
    const anonymous = await list.GET(apiRequest('/api/audit'), context());
    expect(anonymous.status).toBe(401);
  });
});

describe('GET /api/audit/export', () => {
  it('streams the filtered trail as CSV, oldest first, formulas defused', async () => {
    // Director changes only: the trail also holds its own retention record by now.
    const res = await exported.GET(apiRequest('/api/audit/export?outcome=success&q=director', { cookie: admin }), context());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="scandeck-audit-[0-9TZ-]+\.csv"$/);
    expect(res.headers.get('cache-control')).toMatch(/^no-store\b/);
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('ada,admin,DELETE /api/director/scans/{id},Deleted scan #5,id=5,success,204');
    // A stored value that looks like a formula (here in the address column) is defused.
    expect(lines[2]).toMatch(/,name=nightly,success,201,.*,'=cmd\|calc,1$/);
  });

  it('is for admins only', async () => {
    const res = await exported.GET(apiRequest('/api/audit/export', { cookie: viewer }), context());
    expect(res.status).toBe(403);
  });
});
