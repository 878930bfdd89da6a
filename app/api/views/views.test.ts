import { afterAll, describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '@/lib/schemas/common';
import type { ListViewsResponse, SavedViewDto } from '@/lib/schemas/views';
import { apiRequest, context, setTestEnv, testSessions } from '@/lib/testing/bff';

/** Saved views and column choices through the real routes and the SQLite store. */
setTestEnv('http://127.0.0.1:9');
const views = await import('./route');
const one = await import('./[id]/route');
const columns = await import('./columns/route');
const { closeViewsStore } = await import('@/lib/server/store/views');
const { admin, viewer } = await testSessions();
afterAll(() => closeViewsStore());

async function send(handler: typeof views.POST, method: string, path: string, body: unknown, cookie = viewer, params: Record<string, string> = {}) {
  // apiRequest sets X-CSRF and a same-origin Origin on changes, as ScanDeck's pages do.
  const res = await handler(apiRequest(path, { method, cookie, body }), context(params));
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as unknown };
}
const save = (body: unknown, cookie = viewer) => send(views.POST, 'POST', '/api/views', body, cookie);
async function list(page: string, cookie = viewer) {
  const res = await views.GET(apiRequest(`/api/views?page=${page}`, { cookie }), context());
  return { status: res.status, body: (await res.json()) as ListViewsResponse & ErrorEnvelope };
}

describe('/api/views', () => {
  it("saves a user's view of a page, lists only that user's views, without the owner's name", async () => {
    const saved = await save({ page: 'scans', name: '  East web scans ', state: { sciId: '2', q: 'web', sort: 'name', order: 'desc', columns: 'status,sci' } });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ page: 'scans', name: 'East web scans', isDefault: false, state: { sciId: '2', q: 'web' } });
    expect(saved.body).not.toHaveProperty('user');
    await save({ page: 'scans', name: 'Mine', state: {} }, admin);

    const own = await list('scans');
    expect(own.status).toBe(200);
    expect(own.body.views.map((v) => v.name)).toEqual(['East web scans']);
    expect(JSON.stringify(own.body)).not.toContain('vic');
    expect((await list('scans', admin)).body.views.map((v) => v.name)).toEqual(['Mine']);
  });

  it("refuses state the page's list would not take, naming the key, and keeps nothing", async () => {
    const cases: Array<[unknown, string]> = [
      [{ page: 'scans', name: 'x', state: { page: '3' } }, 'state'],
      [{ page: 'scans', name: 'x', state: { password: 'hunter2' } }, 'state'],
      [{ page: 'scans', name: 'x', state: { sort: 'password' } }, 'state.sort'],
      [{ page: 'scans', name: 'x', state: { columns: 'name,secretKey' } }, 'state.columns'],
      [{ page: 'users', name: 'x', state: { pageSize: '1000' } }, 'state.pageSize'],
      [{ page: 'scan-tasks', name: 'x', state: { scanType: 'nope' } }, 'state.scanType'],
      [{ page: 'scans', name: 'x', state: { q: 'a'.repeat(1001) } }, 'state.q'],
      [{ page: 'scans', name: '   ', state: {} }, 'name'],
      [{ page: 'sessions', name: 'x', state: {} }, 'page'],
      [{ page: 'audit', name: 'x', state: { outcome: 'maybe' } }, 'state.outcome'],
      [{ page: 'audit', name: 'x', state: { sciId: '2' } }, 'state'],
    ];
    for (const [body, field] of cases) {
      const res = await save(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.body as ErrorEnvelope).error.details, JSON.stringify(body)).toHaveProperty([field]);
    }
    expect((await list('scans')).body.views.map((v) => v.name)).toEqual(['East web scans']);
    expect((await list('users')).body.views).toEqual([]);
  });

  it('keeps one default per page, set and cleared by PATCH, and refuses another user’s view', async () => {
    const a = (await save({ page: 'users', name: 'A', state: { orgId: '0' } })).body as SavedViewDto;
    const b = (await save({ page: 'users', name: 'B', state: { sort: 'username', order: 'asc' } })).body as SavedViewDto;
    expect((await send(views.PATCH, 'PATCH', '/api/views', { page: 'users', id: a.id })).status).toBe(204);
    expect((await send(views.PATCH, 'PATCH', '/api/views', { page: 'users', id: b.id })).status).toBe(204);
    expect((await list('users')).body.views.map((v) => [v.name, v.isDefault])).toEqual([
      ['A', false],
      ['B', true],
    ]);
    expect((await send(views.PATCH, 'PATCH', '/api/views', { page: 'users', id: b.id }, admin)).status).toBe(404);
    expect((await send(views.PATCH, 'PATCH', '/api/views', { page: 'users', id: null })).status).toBe(204);
    expect((await list('users')).body.views.some((v) => v.isDefault)).toBe(false);
  });

  it('deletes only the caller’s own view', async () => {
    const v = (await save({ page: 'organizations', name: 'Gone soon', state: { sciId: '3' } })).body as SavedViewDto;
    expect((await send(one.DELETE, 'DELETE', `/api/views/${v.id}`, undefined, admin, { id: v.id })).status).toBe(404);
    expect((await send(one.DELETE, 'DELETE', `/api/views/${v.id}`, undefined, viewer, { id: v.id })).status).toBe(204);
    expect((await list('organizations')).body.views).toEqual([]);
    expect((await send(one.DELETE, 'DELETE', '/api/views/1', undefined, viewer, { id: '1' })).status).toBe(400);
  });

  it('refuses a change without X-CSRF or from another origin, and any call without a session', async () => {
    const body = { page: 'scans', name: 'csrf', state: {} };
    const noCsrf = await views.POST(apiRequest('/api/views', { method: 'POST', cookie: viewer, headers: { 'x-csrf': '' }, body }), context());
    expect(noCsrf.status).toBe(403);
    const foreign = await views.POST(
      apiRequest('/api/views', { method: 'POST', cookie: viewer, headers: { origin: 'https://evil.example' }, body }),
      context(),
    );
    expect(foreign.status).toBe(403);
    expect((await views.GET(apiRequest('/api/views?page=scans'), context())).status).toBe(401);
    expect((await list('scans')).body.views.map((v) => v.name)).not.toContain('csrf');
  });

  it('stops a user at 20 views per page with a plain message', async () => {
    for (let i = 0; i < 20; i++) expect((await save({ page: 'security-managers', name: `v${i}`, state: {} }, admin)).status).toBe(201);
    const refused = await save({ page: 'security-managers', name: 'one more', state: {} }, admin);
    expect(refused.status).toBe(400);
    expect((refused.body as ErrorEnvelope).error.message).toBe('You can keep at most 20 saved views per page: delete one first.');
  });

  it("keeps each user's column choice per page, checked against the page's columns", async () => {
    const put = (body: unknown, cookie = viewer) => send(columns.PUT, 'PUT', '/api/views/columns', body, cookie);
    expect((await put({ page: 'scans', columns: ['status', 'owner'] })).status).toBe(204);
    expect((await list('scans')).body.columns).toEqual(['status', 'owner']);
    expect((await list('scans', admin)).body.columns).toBeNull();
    expect((await put({ page: 'scans', columns: ['status', 'password'] })).status).toBe(400);
    expect((await put({ page: 'scans', columns: ['status', 'status'] })).status).toBe(400);
    expect((await put({ page: 'scan-tasks', columns: ['status'] })).status).toBe(400);
    expect((await list('scans')).body.columns).toEqual(['status', 'owner']);
    expect((await put({ page: 'audit', columns: ['username', 'action', 'address'] }, admin)).status).toBe(204);
    expect((await list('audit', admin)).body.columns).toEqual(['username', 'action', 'address']);
  });

  it("keeps an administrator's view of the audit trail: its time range, user and outcome", async () => {
    const state = { from: '2026-05-01T08:00:00Z', to: '2026-05-02T08:00:00Z', user: 'ada', outcome: 'refused', sort: 'time', order: 'asc' };
    const saved = await save({ page: 'audit', name: 'Refusals of May 1', state, isDefault: true }, admin);
    expect(saved.status).toBe(201);
    expect((await list('audit', admin)).body.views).toMatchObject([{ name: 'Refusals of May 1', isDefault: true, state }]);
  });
});
