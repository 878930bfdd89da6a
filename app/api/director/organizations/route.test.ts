import { afterAll, describe, expect, it } from 'vitest';
import type { ErrorEnvelope, ListResponse } from '@/lib/schemas/common';
import type { OrganizationRow } from '@/lib/schemas/organization';
import { apiRequest, context, setTestEnv, startDirectorSimulator, testSessions, getJson } from '@/lib/testing/bff';

const sim = await startDirectorSimulator(11);
setTestEnv(sim.url);
const list = await import('./route');
const detail = await import('./[orgId]/route');

const { admin, viewer } = await testSessions();
afterAll(() => sim.close());

const store = sim.director.store;
const orgs = [...store.organizations.values()];
const sci = [...store.scis.values()][1]!;

const getList = (query: string, cookie = viewer) => getJson<ListResponse<OrganizationRow>>(list.GET, `/api/director/organizations?${query}`, cookie);

async function getOne(orgId: string, cookie = viewer) {
  const res = await detail.GET(apiRequest(`/api/director/organizations/${orgId}`, { cookie }), context({ orgId }));
  return { status: res.status, headers: res.headers, body: (await res.json()) as unknown };
}

describe('GET /api/director/organizations', () => {
  it('lets a viewer and an admin read the whole list, paged, uncached by the browser', async () => {
    for (const cookie of [viewer, admin]) {
      const res = await list.GET(apiRequest('/api/director/organizations?pageSize=10&sort=id', { cookie }), context());
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toMatch(/^no-store\b/);
      const body = (await res.json()) as ListResponse<OrganizationRow>;
      expect(body.total).toBe(orgs.length);
      expect(body.items.map((o) => o.id)).toEqual(orgs.slice(0, 10).map((o) => o.id));
    }
  });

  it('without columns answers only what Director sends by default', async () => {
    const first = (await getList('pageSize=10&sort=id')).body.items[0]!;
    expect(Object.keys(first).sort()).toEqual(['description', 'id', 'name', 'sci', 'sciOrgId']);
    expect(first.sci).toEqual({ id: orgs[0]!.sciId, name: store.scis.byId.get(orgs[0]!.sciId)!.name, description: expect.any(String) });
  });

  it('asks Director for the visible columns and types them', async () => {
    const row = (await getList('pageSize=100&sort=id&columns=name,sci,userCount,vulnScoringSystem,createdTime')).body.items[0]!;
    const org = orgs[0]!;
    const members = [...store.users.values()].filter((u) => u.orgId === org.id).length;
    expect(row).toMatchObject({ id: org.id, name: org.name, userCount: members, vulnScoringSystem: org.vulnScoringSystem });
    expect(row.createdTime).toBe(new Date(org.createdTime * 1000).toISOString());
    expect(row).not.toHaveProperty('email');
    expect(row).not.toHaveProperty('repositories');
  });

  it('filters by SCI on the server, searches and sorts', async () => {
    const bySci = (await getList(`pageSize=100&sciId=${sci.id}`)).body;
    expect(bySci.total).toBe(orgs.filter((o) => o.sciId === sci.id).length);
    expect(bySci.items.every((o) => o.sci?.id === sci.id)).toBe(true);

    const target = orgs[2]!;
    const found = (await getList(`pageSize=100&q=${encodeURIComponent(target.name.toUpperCase())}`)).body;
    expect(found.items.map((o) => o.id)).toContain(target.id);
    expect(found.items.every((o) => `${o.name} ${o.description} ${o.sci?.name}`.toLowerCase().includes(target.name.toLowerCase()))).toBe(true);

    const byUsers = (await getList('pageSize=100&sort=userCount&order=desc&columns=name,userCount')).body.items.map((o) => o.userCount!);
    expect(byUsers).toEqual([...byUsers].sort((a, b) => b - a));
  });

  it('refuses unknown columns, sorts and an SCI that is not a number', async () => {
    const res = await list.GET(apiRequest('/api/director/organizations?columns=password&sort=secret&sciId=x', { cookie: viewer }), context());
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorEnvelope;
    expect(Object.keys(body.error.details ?? {}).sort()).toEqual(['columns', 'sciId', 'sort']);
  });

  it('answers 401 without a session', async () => {
    expect((await list.GET(apiRequest('/api/director/organizations'), context())).status).toBe(401);
  });
});

describe('GET /api/director/organizations/{orgId}', () => {
  const org = orgs.find((o) => o.repositoryIds.length > 1 && o.ldapIds.length > 0) ?? orgs[0]!;

  it('answers every documented field, typed, to a viewer', async () => {
    const { status, headers, body } = await getOne(String(org.id));
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toMatch(/^no-store\b/);
    const row = body as OrganizationRow;
    expect(row).toMatchObject({
      id: org.id,
      sciOrgId: org.sciOrgId,
      name: org.name,
      email: org.email,
      zoneSelection: org.zoneSelection,
      restrictedIps: org.restrictedIPs,
      vulnScoreLow: org.vulnScoreLow,
      vulnScoreCritical: org.vulnScoreCritical,
      vulnScoringSystem: org.vulnScoringSystem,
      sci: { id: org.sciId },
    });
    expect(row.repositories?.map((r) => r.id)).toEqual(org.repositoryIds);
    expect(row.repositories?.[0]).toMatchObject({ type: 'Local', groupAssign: 'fullAccess' });
    expect(row.ldaps?.map((l) => l.id)).toEqual(org.ldapIds);
    expect(row.ipInfoLinks?.[0]).toEqual({ name: 'SANS', link: 'https://isc.sans.edu/ipinfo.html?ip=%IP%' });
    for (const key of ['lces', 'zones', 'nessusManagers', 'pubSites', 'userCount', 'createdTime', 'modifiedTime', 'fax']) {
      expect(row).toHaveProperty(key);
    }
  });

  it('answers the admin the same organization', async () => {
    expect((await getOne(String(org.id), admin)).body).toEqual((await getOne(String(org.id))).body);
  });

  it('answers 404 with the vendor code and request id for an unknown organization', async () => {
    const { status, body } = await getOne('999999');
    expect(status).toBe(404);
    const { error } = body as ErrorEnvelope;
    expect(error.code).toBe('not_found');
    expect(error.upstream).toMatchObject({ vendor: 'director', code: '146' });
    expect(error.upstream?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses an id that is not a number before Director is asked', async () => {
    for (const orgId of ['../sci', 'abc', org.uuid, '-1']) {
      const { status, body } = await getOne(orgId);
      expect(status, orgId).toBe(400);
      expect((body as ErrorEnvelope).error.details).toHaveProperty('orgId');
    }
  });

  it('answers 401 without a session', async () => {
    const res = await detail.GET(apiRequest(`/api/director/organizations/${org.id}`), context({ orgId: String(org.id) }));
    expect(res.status).toBe(401);
  });
});
