import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '@/lib/schemas/common';
import type { LookupItem, OrgOption, Owner, Sci } from '@/lib/schemas/lookup';
import { apiRequest, context, sessionCookie, setTestEnv, startDirectorSimulator } from '@/lib/testing/bff';

const sim = await startDirectorSimulator(3);
setTestEnv(sim.url);
const scis = await import('./scis/route');
const organizations = await import('./organizations/route');
const owners = await import('./owners/route');
const byKind = await import('./[kind]/route');
const health = await import('../../health/route');

let viewer: string;
beforeAll(async () => {
  viewer = await sessionCookie('vic', 'viewer');
});
afterAll(() => sim.close());

const store = sim.director.store;
const sci = [...store.scis.values()][1]!;

async function items<T>(res: Response): Promise<T[]> {
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: T[] }).items;
}

describe('lookups', () => {
  it('lists SCIs typed', async () => {
    const list = await items<Sci>(await scis.GET(apiRequest('/api/director/lookups/scis', { cookie: viewer }), context()));
    expect(list).toHaveLength(store.scis.size);
    const one = list.find((s) => s.id === sci.id)!;
    expect(one).toMatchObject({ id: sci.id, name: sci.name, description: sci.description, version: sci.version });
    expect(Object.keys(one)).not.toContain('uuid');
  });

  it('lists policies, repositories, zones and assets of one SCI', async () => {
    const tables = { policies: store.policies, repositories: store.repositories, zones: store.zones, assets: store.assets };
    for (const [kind, table] of Object.entries(tables)) {
      const url = `/api/director/lookups/${kind}?sciId=${sci.id}`;
      const list = await items<LookupItem>(await byKind.GET(apiRequest(url, { cookie: viewer }), context({ kind })));
      const expected = [...table.values()].filter((r) => r.sciId === sci.id);
      expect(list.map((i) => i.id).sort()).toEqual(expected.map((r) => r.id).sort());
      // Director's Scan Zone has no uuid; the others do.
      const keys = kind === 'zones' ? ['description', 'id', 'name'] : ['description', 'id', 'name', 'uuid'];
      for (const item of list) expect(Object.keys(item).sort()).toEqual(keys);
    }
  });

  it('answers an empty asset list with Director\'s words when Director refuses /mgmt/asset', async () => {
    const other = [...store.scis.values()][2]!;
    sim.failNext({
      pathPrefix: '/rest/mgmt/asset',
      response: { status: 403, body: { type: 'regular', response: '', error_code: 146, error_msg: 'Invalid resource', warnings: [], timestamp: 1 } },
    });
    const res = await byKind.GET(apiRequest(`/api/director/lookups/assets?sciId=${other.id}`, { cookie: viewer }), context({ kind: 'assets' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ items: [], unavailable: { code: '146', message: 'Invalid resource' } });
    // Other lookups still fail loudly: only the undocumented asset list is optional.
    sim.failNext({
      pathPrefix: '/rest/mgmt/policy',
      response: { status: 403, body: { type: 'regular', response: '', error_code: 146, error_msg: 'Invalid resource', warnings: [], timestamp: 1 } },
    });
    const policies = await byKind.GET(apiRequest(`/api/director/lookups/policies?sciId=${other.id}`, { cookie: viewer }), context({ kind: 'policies' }));
    expect(policies.status).toBe(502);
  });

  it('answers 404 for an unknown kind and 400 without sciId', async () => {
    const unknown = await byKind.GET(apiRequest('/api/director/lookups/users?sciId=1', { cookie: viewer }), context({ kind: 'users' }));
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as ErrorEnvelope).error.code).toBe('not_found');
    const missing = await byKind.GET(apiRequest('/api/director/lookups/zones', { cookie: viewer }), context({ kind: 'zones' }));
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as ErrorEnvelope).error.details).toHaveProperty('sciId');
  });

  it('lists the organizational users of one SCI as owners, never its administrators', async () => {
    const list = await items<Owner>(await owners.GET(apiRequest(`/api/director/lookups/owners?sciId=${sci.id}`, { cookie: viewer }), context()));
    const expected = [...store.users.values()].filter((u) => u.sciId === sci.id && u.orgId !== 0);
    expect([...store.users.values()].some((u) => u.sciId === sci.id && u.orgId === 0)).toBe(true);
    expect(list).toHaveLength(expected.length);
    expect(list.every((o) => o.organization !== undefined && o.organization.id !== 0)).toBe(true);
    const first = list[0]!;
    expect(first.organization).toEqual({ id: expect.any(Number), name: expect.any(String) });
    expect(JSON.stringify(list)).not.toMatch(/password|email/i);
  });

  it('lists organizations, all or of one SCI', async () => {
    const all = await items<OrgOption>(await organizations.GET(apiRequest('/api/director/lookups/organizations', { cookie: viewer }), context()));
    expect(all).toHaveLength(store.organizations.size);
    const scoped = await items<OrgOption>(
      await organizations.GET(apiRequest(`/api/director/lookups/organizations?sciId=${sci.id}`, { cookie: viewer }), context()),
    );
    expect(scoped.length).toBeGreaterThan(0);
    expect(scoped.length).toBeLessThan(all.length);
    expect(scoped.every((o) => o.sciId === sci.id)).toBe(true);
  });

  it('needs a session', async () => {
    expect((await scis.GET(apiRequest('/api/director/lookups/scis'), context())).status).toBe(401);
  });
});

describe('GET /api/health', () => {
  it('reports Director reachable with a latency', async () => {
    const res = await health.GET(apiRequest('/api/health', { cookie: viewer }), context());
    expect(res.status).toBe(200);
    const body = (await res.json()) as { app: string; upstreams: { director: { reachable: boolean; checkedAt: string; latencyMs: number } } };
    expect(body.app).toBe('ok');
    expect(body.upstreams.director.reachable).toBe(true);
    expect(Number.isNaN(Date.parse(body.upstreams.director.checkedAt))).toBe(false);
    expect(body.upstreams.director.latencyMs).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(body)).not.toContain(sim.url);
  });

  it('needs a session', async () => {
    expect((await health.GET(apiRequest('/api/health'), context())).status).toBe(401);
  });
});
