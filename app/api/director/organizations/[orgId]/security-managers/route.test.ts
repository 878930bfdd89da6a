import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { captureLog } from '@/lib/testing/log';
import type { ErrorEnvelope, ListResponse } from '@/lib/schemas/common';
import type { Selection } from '@/lib/schemas/bulk';
import type { SecurityManagerChoices, SecurityManagerFormContext, SecurityManagerRow, SecurityManagerSelectionItem } from '@/lib/schemas/security-manager';
import { apiRequest, context, setTestEnv, startDirectorSimulator, writeSciConnections, testSessions } from '@/lib/testing/bff';
import type { OrgRecord, UserRecord } from '@/simulator/director';

const sim = await startDirectorSimulator(11);
const store = sim.director.store;
const managersOf = (orgId: number) =>
  [...(store.usersByOrg.get(orgId) ?? [])].map((id) => store.users.byId.get(id)!).filter((u) => u.securityManager !== undefined);
/**
 * An organization with managers and an LDAP server whose ids differ between Director and its SCI,
 * on an SCI whose SM-Linked role is not 8, so a call carrying a Director id or an assumed role fails.
 */
const org: OrgRecord = [...store.organizations.values()].find(
  (o) => o.sciId % 2 === 1 && o.ldapIds.length > 0 && managersOf(o.id).length > 0 && o.id !== o.sciOrgId,
)!;
/** Every SCI but one is connected; the other's organizations must never be called. */
const unconnectedSci = [...store.scis.values()].find((s) => s.id !== org.sciId)!;
const unconnectedOrg = [...store.organizations.values()].find((o) => o.sciId === unconnectedSci.id)!;
setTestEnv(sim.url, { SCI_CONNECTIONS_FILE: writeSciConnections(sim, [unconnectedSci.id]) });

const list = await import('./route');
const detail = await import('./[id]/route');
const formContext = await import('./form-context/route');
const choicesRoute = await import('./choices/route');
const selectionRoute = await import('./selection/route');
const users = await import('../../../users/route');
const { getAuditStore } = await import('@/lib/server/audit/trail');

const { admin, viewer } = await testSessions();
afterAll(() => sim.close());
afterEach(() => vi.restoreAllMocks());

const orgId = String(org.id);
const sciPrefix = `/sci/${org.sciId}/rest`;
const managersPath = `${sciPrefix}/organization/${org.sciOrgId}/securityManager`;
const otherOrg = [...store.organizations.values()].find((o) => o.sciId === org.sciId && o.id !== org.id)!;
const sciAdmin: UserRecord = [...store.users.values()].find((u) => u.sciId === org.sciId && u.orgId === 0 && u.id !== u.sciUserId)!;
const member: UserRecord = [...store.users.values()].find((u) => u.orgId === org.id && u.securityManager === undefined && u.id !== u.sciUserId)!;
const sciAssets = [...store.assets.values()].filter((a) => a.sciId === org.sciId).sort((a, b) => a.id - b.id);
const asset = sciAssets.at(-1)!;
const assetSciId = sciAssets.length;
const sciLdaps = [...store.ldaps.values()].filter((l) => l.sciId === org.sciId).sort((a, b) => a.id - b.id);
const ldapSciId = sciLdaps.findIndex((l) => l.id === org.ldapIds[0]) + 1;

const base = `/api/director/organizations/${orgId}/security-managers`;
let counter = 0;
const uniqueUser = (prefix: string) => `${prefix}.${Date.now().toString(36)}${++counter}`;
const stored = (uuid: string) => store.users.byUuid.get(uuid);

async function getList(query: string, cookie = viewer, org = orgId) {
  const res = await list.GET(apiRequest(`/api/director/organizations/${org}/security-managers?${query}`, { cookie }), context({ orgId: org }));
  return { status: res.status, body: (await res.json()) as ListResponse<SecurityManagerRow> & ErrorEnvelope };
}
async function create(body: unknown, cookie = admin, org = orgId) {
  return list.POST(apiRequest(`/api/director/organizations/${org}/security-managers`, { method: 'POST', cookie, body }), context({ orgId: org }));
}
async function get(id: string, cookie = viewer, org = orgId) {
  return detail.GET(apiRequest(`${base}/${id}`, { cookie }), context({ orgId: org, id }));
}
async function patch(id: string, body: unknown, cookie = admin, org = orgId) {
  return detail.PATCH(apiRequest(`${base}/${id}`, { method: 'PATCH', cookie, body }), context({ orgId: org, id }));
}
async function remove(id: string, body?: unknown, cookie = admin, org = orgId) {
  return detail.DELETE(apiRequest(`${base}/${id}`, { method: 'DELETE', cookie, body }), context({ orgId: org, id }));
}
async function createdRow(body: Record<string, unknown>): Promise<SecurityManagerRow> {
  const res = await create(body);
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
  return (await res.json()) as SecurityManagerRow;
}

/** The simulator's requests from `mark` on, and the JSON bodies of the writes among them. */
const mark = () => sim.requests.length;
const since = (from: number) => sim.requests.slice(from);
const bodyOf = (r: { body: string }) => JSON.parse(r.body || '{}') as Record<string, unknown>;

describe('GET security managers', () => {
  it("lists the organization's managers from its SCI, in the SCI's ids, with the asked columns typed", async () => {
    const from = mark();
    const { status, body } = await getList('pageSize=100&columns=email,role,locked,lastLogin,failedLogins');
    expect(status).toBe(200);
    expect(body.total).toBe(managersOf(org.id).length);
    expect(body.items.map((m) => m.id).sort()).toEqual(
      managersOf(org.id)
        .map((m) => m.sciUserId)
        .sort(),
    );
    const first = body.items[0]!;
    expect(typeof first.locked).toBe('boolean');
    expect(typeof first.failedLogins).toBe('number');
    expect(first.role?.name).toBe('Security Manager');
    expect(first).not.toHaveProperty('password');
    expect(first).not.toHaveProperty('hasPassword');
    const calls = since(from).filter((r) => r.path.includes('securityManager'));
    expect(calls.map((r) => r.path)).toEqual([managersPath]);
  });

  it('searches and sorts', async () => {
    const byName = await getList('pageSize=100&sort=username&order=desc');
    const names = byName.body.items.map((m) => m.username ?? '');
    expect(names).toEqual([...names].sort(new Intl.Collator('en', { sensitivity: 'base', numeric: true }).compare).reverse());
    const target = managersOf(org.id)[0]!;
    const found = await getList(`q=${encodeURIComponent(target.username)}`);
    expect(found.body.items.map((m) => m.id)).toContain(target.sciUserId);
  });

  it('refuses bad queries, organization uuids, unknown organizations, and callers without a session', async () => {
    const bad = await getList('sort=password&columns=password');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.details ?? {}).sort()).toEqual(['columns', 'sort']);
    expect((await getList('', viewer, org.uuid)).status).toBe(400);
    const unknown = await getList('', viewer, '999999');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.upstream).toMatchObject({ vendor: 'director' });
    expect((await getList('', viewer, '../sci')).status).toBe(400);
    expect((await list.GET(apiRequest(base), context({ orgId }))).status).toBe(401);
  });
});

describe('GET the selection of every matching manager', () => {
  const select = async (query: string, cookie = admin) => {
    const res = await selectionRoute.GET(apiRequest(`${base}/selection?${query}`, { cookie }), context({ orgId }));
    return { status: res.status, body: (await res.json()) as Selection<SecurityManagerSelectionItem> & ErrorEnvelope };
  };

  it('answers every manager the search matches, named, from the SCI list the table read, for admins only', async () => {
    const query = 'sort=username&order=asc&columns=email';
    const table = await getList(`${query}&pageSize=100`);
    const from = mark();
    const all = await select(`${query}&page=3&pageSize=10`);
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(managersOf(org.id).length);
    expect(all.body.items.map((m) => m.id)).toEqual(table.body.items.map((m) => m.id));
    for (const item of all.body.items) expect(Object.keys(item).every((key) => ['id', 'username', 'firstname', 'lastname'].includes(key))).toBe(true);
    expect(since(from).filter((r) => r.path.includes('securityManager'))).toEqual([]);

    const target = managersOf(org.id)[0]!;
    const searched = await select(`${query}&q=${encodeURIComponent(target.username)}`);
    expect(searched.body.items.map((m) => m.id)).toContain(target.sciUserId);
    expect(searched.body.total).toBeLessThan(all.body.total);

    expect((await select(query, viewer)).status).toBe(403);
    expect((await select('', admin)).status).toBe(200);
  });
});

describe('GET one security manager', () => {
  it('answers every documented field by SCI id and by uuid, hasPassword instead of the password', async () => {
    const manager = managersOf(org.id)[0]!;
    const res = await get(String(manager.sciUserId));
    expect(res.status).toBe(200);
    const row = (await res.json()) as SecurityManagerRow;
    expect(row).toMatchObject({
      id: manager.sciUserId,
      uuid: manager.uuid,
      username: manager.username,
      authType: manager.securityManager!.authType,
      hasPassword: manager.securityManager!.passwordHash !== null,
    });
    expect(row).not.toHaveProperty('password');
    for (const key of [
      'role',
      'group',
      'preferences',
      'managedUsersGroups',
      'managedObjectsGroups',
      'failedLogins',
      'locked',
      'passwordExpiration',
      'lastLogin',
    ]) {
      expect(row).toHaveProperty(key);
    }
    expect(row.group).toMatchObject({ id: 0, name: 'Full Access' });
    expect(row.parent).toBeNull();
    const byUuid = await get(manager.uuid.toLowerCase());
    expect(await byUuid.json()).toEqual(row);
  });

  it('answers 404 for a manager of another organization', async () => {
    const manager = managersOf(org.id)[0]!;
    expect((await get(String(manager.sciUserId), viewer, String(otherOrg.id))).status).toBe(404);
  });
});

describe('GET form context and choices', () => {
  it("answers the organization's name, SCI, SCI organization id and that it is connected", async () => {
    const res = await formContext.GET(apiRequest(`${base}/form-context`, { cookie: viewer }), context({ orgId }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as SecurityManagerFormContext;
    expect(body.organization).toMatchObject({ id: org.id, name: org.name, sci: { id: org.sciId }, sciOrgId: org.sciOrgId });
    expect(body.connection).toEqual({ status: 'connected', sciId: org.sciId });
    expect((await formContext.GET(apiRequest(`${base}/form-context`), context({ orgId }))).status).toBe(401);
  });

  it("answers the SCI's roles, groups, LDAP servers, assets, administrators and users in the SCI's ids", async () => {
    const from = mark();
    const res = await choicesRoute.GET(apiRequest(`${base}/choices`, { cookie: viewer }), context({ orgId }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as SecurityManagerChoices;
    expect(body.roles.securityManager).toMatchObject({ id: 2, name: 'Security Manager' });
    expect(body.roles.smLinked).toMatchObject({ id: 12, name: 'SM-Linked' });
    expect(body.groups.map((g) => g.name)).toContain('Full Access');
    expect(body.ldaps.map((l) => l.id)).toContain(ldapSciId);
    expect(body.assets.find((a) => a.name === asset.name)?.id).toBe(assetSciId);
    expect(body.administrators.map((u) => u.id)).toContain(sciAdmin.sciUserId);
    expect(body.users.map((u) => u.id)).toContain(member.sciUserId);
    expect(body.users.map((u) => u.id)).not.toContain(member.id);
    for (const r of since(from)) expect(r.path.startsWith(sciPrefix) || r.path.startsWith('/rest/mgmt/organization/')).toBe(true);
  });
});

describe('POST security manager', () => {
  it('creates a tns manager on the SCI with the documented defaults; Director lists it', async () => {
    const username = uniqueUser('sm.tns');
    const from = mark();
    const row = await createdRow({ username, password: 'long enough secret', responsibleAssetId: assetSciId, timezone: 'Europe/Paris' });
    expect(row).toMatchObject({
      username,
      authType: 'tns',
      hasPassword: true,
      locked: false,
      mustChangePassword: false,
      passwordExpires: false,
      passwordExpiration: 90,
      role: { id: 2 },
      responsibleAsset: { id: assetSciId, name: asset.name },
      preferences: [{ name: 'timezone', value: 'Europe/Paris', tag: 'system' }],
      managedUsersGroups: [{ id: -1, name: 'All Groups' }],
    });
    const post = since(from).find((r) => r.method === 'POST')!;
    expect(post.path).toBe(managersPath);
    expect(bodyOf(post)).toMatchObject({ roleID: 2, responsibleAssetID: assetSciId });
    expect(bodyOf(post)).not.toHaveProperty('managedUsersGroups');
    expect(row.id).toBe(stored(row.uuid)?.sciUserId);
    const listed = await getList(`q=${username}`);
    expect(listed.body.items.map((m) => m.id)).toEqual([row.id]);
  });

  it('creates ldap, saml and linked managers with what each auth type needs, in the SCI ids', async () => {
    const from = mark();
    const ldap = await createdRow({ username: uniqueUser('sm.ldap'), authType: 'ldap', ldapId: ldapSciId });
    expect(ldap).toMatchObject({ authType: 'ldap', hasPassword: false, ldap: { id: ldapSciId } });
    const saml = await createdRow({ username: uniqueUser('sm.saml'), authType: 'saml', password: 'ignored for saml' });
    expect(saml).toMatchObject({ authType: 'saml', hasPassword: false });
    const linked = await createdRow({ username: uniqueUser('sm.linked'), authType: 'linked_non_admin', parentId: sciAdmin.sciUserId });
    // SM-Linked is 12 on this SCI: the role was looked up, not assumed.
    expect(linked).toMatchObject({ authType: 'linked_non_admin', role: { id: 12 }, parent: { user: { id: sciAdmin.sciUserId } } });
    const posts = since(from)
      .filter((r) => r.method === 'POST')
      .map(bodyOf);
    expect(posts[0]).toMatchObject({ ldap: { id: ldapSciId } });
    expect(posts[2]).toMatchObject({ roleID: 12, parent: { id: sciAdmin.sciUserId } });
  });

  it('refuses an invalid input with field details before any vendor is asked', async () => {
    const from = mark();
    const res = await create({ username: 'bad name!', authType: 'tns', emailNotice: 'both', passwordExpiration: 400 });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as ErrorEnvelope;
    expect(Object.keys(error.details ?? {}).sort()).toEqual(['email', 'password', 'passwordExpiration', 'username']);
    const ldap = await create({ username: uniqueUser('sm.x'), authType: 'ldap' });
    expect(((await ldap.json()) as ErrorEnvelope).error.details).toHaveProperty('ldapId');
    const linked = await create({ username: uniqueUser('sm.y'), authType: 'linked' });
    expect(((await linked.json()) as ErrorEnvelope).error.details).toHaveProperty('parentId');
    expect(since(from)).toEqual([]);
  });

  it("shows the SCI's own password rule at the password field, with its code and request id", async () => {
    const res = await create({ username: uniqueUser('sm.short'), password: 'short' });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as ErrorEnvelope;
    expect(error.upstream).toMatchObject({ vendor: 'sci', sciId: org.sciId });
    expect(error.upstream?.code).toMatch(/^\d+$/);
    expect(error.upstream?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.details?.password?.[0]).toMatch(/PasswordMinLength/);
  });

  it('shows a username already used on the SCI at the username field, in any letter case', async () => {
    const username = uniqueUser('sm.dup');
    await createdRow({ username, password: 'long enough secret' });
    const res = await create({ username: username.toUpperCase(), password: 'long enough secret' });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as ErrorEnvelope;
    expect(error.details?.username?.[0]).toMatch(/already in use/);
    expect(error.upstream?.code).toMatch(/^\d+$/);
  });

  it("passes the SCI's refusal of a Director id on: a parent named by its Director id is not the SCI's admin", async () => {
    const res = await create({ username: uniqueUser('sm.z'), authType: 'linked', parentId: member.sciUserId });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as ErrorEnvelope;
    expect(error.upstream).toMatchObject({ vendor: 'sci', sciId: org.sciId });
    expect(error.upstream?.message).toMatch(/parent\.id/);
    expect(error.details).toHaveProperty('parentId');
  });

  it('refuses viewers and requests without the CSRF header', async () => {
    const count = store.users.size;
    expect((await create({ username: uniqueUser('sm.v'), password: 'long enough secret' }, viewer)).status).toBe(403);
    const noCsrf = await list.POST(
      apiRequest(base, { method: 'POST', cookie: admin, body: { username: uniqueUser('sm.c'), password: 'long enough secret' }, headers: { 'x-csrf': '' } }),
      context({ orgId }),
    );
    expect(noCsrf.status).toBe(403);
    expect(store.users.size).toBe(count);
  });

  it('records in the audit trail which SCI the change went to', async () => {
    const username = uniqueUser('sm.audit');
    await createdRow({ username, password: 'long enough secret' });
    const entry = (await getAuditStore().list({ page: 1, pageSize: 10, order: 'desc', q: username })).items.find((e) => e.target.username === username);
    expect(entry?.target).toMatchObject({ orgId, sci: String(org.sciId), sciOrgId: String(org.sciOrgId) });
  });
});

describe('PATCH security manager', () => {
  it('sends only what changed, to the SCI', async () => {
    const created = await createdRow({ username: uniqueUser('sm.p'), password: 'long enough secret', firstname: 'Ana' });
    const from = mark();
    const res = await patch(String(created.id), { title: 'Regional lead', locked: true });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ title: 'Regional lead', locked: true, firstname: 'Ana', hasPassword: true });
    const sent = since(from).find((r) => r.method === 'PATCH')!;
    expect(sent.path).toBe(`${managersPath}/${created.id}`);
    expect(bodyOf(sent)).toEqual({ title: 'Regional lead', locked: 'true' });
    expect((await patch(String(created.id), {})).status).toBe(400);
  });

  it("sends the SCI's role for a new auth type", async () => {
    const created = await createdRow({ username: uniqueUser('sm.r'), password: 'long enough secret' });
    const from = mark();
    const res = await patch(String(created.id), { authType: 'linked_non_admin', parentId: sciAdmin.sciUserId });
    expect(res.status).toBe(200);
    expect(bodyOf(since(from).find((r) => r.method === 'PATCH')!)).toMatchObject({ authType: 'linked_non_admin', roleID: 12 });
  });

  it('refuses the fields the document forbids on a linked user, naming them all', async () => {
    const linked = await createdRow({ username: uniqueUser('sm.l'), authType: 'linked', parentId: sciAdmin.sciUserId });
    const before = stored(linked.uuid)!.modifiedTime;
    const res = await patch(String(linked.id), { authType: 'linked', password: 'a long password', mustChangePassword: false, title: 'x' });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as ErrorEnvelope;
    expect(Object.keys(error.details ?? {}).sort()).toEqual(['authType', 'mustChangePassword', 'password']);
    expect(JSON.stringify(error)).not.toContain('a long password');
    expect(stored(linked.uuid)!.title).toBe('');
    expect(stored(linked.uuid)!.modifiedTime).toBe(before);
    const allowed = await patch(String(linked.id), { title: 'Linked lead' });
    expect(((await allowed.json()) as SecurityManagerRow).title).toBe('Linked lead');
  });

  it('refuses viewers', async () => {
    const manager = managersOf(org.id)[0]!;
    expect((await patch(String(manager.sciUserId), { title: 'x' }, viewer)).status).toBe(403);
  });
});

describe('DELETE security manager', () => {
  it('deletes without a body, admins only', async () => {
    const created = await createdRow({ username: uniqueUser('sm.d'), password: 'long enough secret' });
    expect((await remove(String(created.id), undefined, viewer)).status).toBe(403);
    const from = mark();
    expect((await remove(String(created.id))).status).toBe(204);
    expect(since(from).find((r) => r.method === 'DELETE')?.path).toBe(`${managersPath}/${created.id}`);
    expect(stored(created.uuid)).toBeUndefined();
    expect((await get(String(created.id))).status).toBe(404);
    // The trail names the manager read before it went, with its organization and SCI.
    const trail = await getAuditStore().list({
      page: 1,
      pageSize: 1,
      order: 'desc',
      action: 'DELETE /api/director/organizations/{orgId}/security-managers/{id}',
      outcome: 'success',
    });
    expect(trail.items[0]?.summary).toBe(`Deleted security manager '${created.username}' of '${org.name}' (${store.scis.byId.get(org.sciId)?.name})`);
  });

  it("migrates the manager's objects to another user of the organization, named by the SCI's id", async () => {
    const created = await createdRow({ username: uniqueUser('sm.m'), password: 'long enough secret' });
    const scan = [...store.scans.values()][0]!;
    scan.ownerUuid = created.uuid;
    const from = mark();
    expect((await remove(created.uuid, { migrateUserId: member.sciUserId })).status).toBe(204);
    expect(bodyOf(since(from).find((r) => r.method === 'DELETE')!)).toEqual({ migrateUserID: member.sciUserId });
    expect(store.scans.byId.get(scan.id)?.ownerUuid).toBe(member.uuid);
  });

  it('passes on a refused heir and keeps the manager', async () => {
    const created = await createdRow({ username: uniqueUser('sm.h'), password: 'long enough secret' });
    const outsider = [...store.users.values()].find((u) => u.sciId === org.sciId && u.orgId === otherOrg.id)!;
    const res = await remove(String(created.id), { migrateUserId: outsider.sciUserId });
    expect(res.status).toBe(422);
    expect(((await res.json()) as ErrorEnvelope).error.upstream?.message).toMatch(/migrateUserID/);
    expect(stored(created.uuid)).toBeDefined();
    expect((await remove(String(created.id), { migrateUserId: 'me' })).status).toBe(400);
  });
});

describe('an organization whose SCI has no connection', () => {
  const unconnectedId = String(unconnectedOrg.id);
  const unconnectedBase = `/api/director/organizations/${unconnectedId}/security-managers`;

  it('says so in its form context, naming the setting to add', async () => {
    const res = await formContext.GET(apiRequest(`${unconnectedBase}/form-context`, { cookie: viewer }), context({ orgId: unconnectedId }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as SecurityManagerFormContext;
    expect(body.connection).toMatchObject({ status: 'not_connected', sciId: unconnectedSci.id, setting: 'SCI_CONNECTIONS_FILE' });
    expect(body.connection.status === 'not_connected' && body.connection.reason).toMatch(new RegExp(`"id": ${unconnectedSci.id}`));
  });

  it('refuses reads and changes with a clear message, and nothing is sent to any SCI', async () => {
    const manager = managersOf(unconnectedOrg.id)[0]!;
    const before = store.users.size;
    const from = mark();
    const read = await getList('', viewer, unconnectedId);
    expect(read.status).toBe(409);
    expect(read.body.error).toMatchObject({ code: 'sci_not_connected' });
    expect(read.body.error.message).toMatch(/SCI_CONNECTIONS_FILE/);
    const answers = [
      await create({ username: uniqueUser('sm.nc'), password: 'long enough secret' }, admin, unconnectedId),
      await patch(String(manager.sciUserId), { title: 'x' }, admin, unconnectedId),
      await remove(String(manager.sciUserId), undefined, admin, unconnectedId),
      await choicesRoute.GET(apiRequest(`${unconnectedBase}/choices`, { cookie: viewer }), context({ orgId: unconnectedId })),
    ];
    for (const res of answers) {
      expect(res.status).toBe(409);
      const { error } = (await res.json()) as ErrorEnvelope;
      expect(error.code).toBe('sci_not_connected');
    }
    expect(store.users.size).toBe(before);
    // Only Director's organization record was read; no SCI and no security-manager path was called.
    for (const r of since(from)) {
      expect(r.method).toBe('GET');
      expect(r.path).toBe(`/rest/mgmt/organization/${unconnectedId}`);
    }
  });
});

describe('where calls go', () => {
  it('no security-manager call carries a Director id, reaches Director or another SCI', async () => {
    const from = mark();
    const created = await createdRow({ username: uniqueUser('sm.where'), authType: 'linked', parentId: sciAdmin.sciUserId, responsibleAssetId: assetSciId });
    await patch(String(created.id), { title: 'Moved' });
    await get(String(created.id));
    await getList('pageSize=100');
    await remove(String(created.id), { migrateUserId: member.sciUserId });
    const calls = since(from);
    expect(calls.length).toBeGreaterThan(0);
    const directorIds = new Set([String(org.id), String(stored(created.uuid)?.id ?? ''), String(sciAdmin.id), String(member.id), String(asset.id)]);
    for (const r of calls) {
      if (r.path.startsWith('/rest/')) {
        // Director is asked only for the organization (and lists it refreshes), never for managers.
        expect(r.path.startsWith('/rest/mgmt/'), r.path).toBe(true);
        continue;
      }
      expect(r.path.startsWith(sciPrefix), r.path).toBe(true);
      if (r.path.includes('securityManager')) expect(r.path.startsWith(managersPath), r.path).toBe(true);
    }
    const writes = calls.filter((r) => r.method !== 'GET');
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST ${managersPath}`,
      `PATCH ${managersPath}/${created.id}`,
      `DELETE ${managersPath}/${created.id}`,
    ]);
    const [post, , del] = writes.map(bodyOf);
    expect(post).toMatchObject({ parent: { id: sciAdmin.sciUserId }, responsibleAssetID: assetSciId });
    expect(del).toEqual({ migrateUserID: member.sciUserId });
    for (const [name, value] of [
      ['parent', (post!.parent as { id: number }).id],
      ['asset', post!.responsibleAssetID],
      ['heir', del!.migrateUserID],
    ] as const) {
      expect(directorIds.has(String(value)), `${name} ${String(value)} is a Director id`).toBe(false);
    }
    expect(org.id).not.toBe(org.sciOrgId);
  });
});

describe('other lists after a change', () => {
  it("a manager created or deleted on the SCI shows in Director's users list at once", async () => {
    const usernamesOfOrg = async () => {
      const res = await users.GET(apiRequest(`/api/director/users?orgId=${orgId}&pageSize=100&columns=username`, { cookie: viewer }), context());
      expect(res.status).toBe(200);
      return ((await res.json()) as ListResponse<{ username?: string }>).items.map((u) => u.username);
    };
    const username = uniqueUser('sm.seen');
    expect(await usernamesOfOrg()).not.toContain(username); // the list is now cached
    const created = await createdRow({ username, password: 'long enough secret' });
    expect(await usernamesOfOrg()).toContain(username);
    expect((await remove(String(created.id))).status).toBe(204);
    expect(await usernamesOfOrg()).not.toContain(username);
  });
});

describe('passwords', () => {
  it('a recognisable password appears in no response, error or log line, even when the SCI fails', async () => {
    const secret = 'Recognisable-Pa55word-7f3c';
    const second = 'Recognisable-Second-9d1e';
    const lines: string[] = [];
    const capture = (...args: unknown[]) => {
      lines.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack ?? ''}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    };
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, method).mockImplementation(capture);
    const log = captureLog();
    const bodies: string[] = [];
    const keep = async (res: Response) => {
      const text = await res.text();
      bodies.push(text);
      return { status: res.status, text };
    };

    const created = await keep(await create({ username: uniqueUser('sm.pw'), password: secret }));
    expect(created.status).toBe(201);
    const id = String((JSON.parse(created.text) as SecurityManagerRow).id);
    expect((await keep(await patch(id, { password: second }))).status).toBe(200);

    sim.failNext({
      method: 'POST',
      pathPrefix: managersPath,
      response: { status: 500, body: { type: 'regular', response: '', error_code: 5, error_msg: 'Internal failure', warnings: [], timestamp: 0 } },
    });
    expect((await keep(await create({ username: uniqueUser('sm.pw'), password: secret }))).status).toBe(502);
    sim.failNext({ method: 'PATCH', pathPrefix: managersPath, response: { status: 200, body: 'not json' } });
    expect((await keep(await patch(id, { password: second }))).status).toBe(502);
    sim.failNext({ method: 'PATCH', pathPrefix: managersPath, response: { status: 500, body: { error_code: 'x' } } });
    expect((await keep(await patch(id, { password: second, title: 'again' }))).status).toBe(502);
    expect((await keep(await create({ username: uniqueUser('sm.pw'), password: 'tiny' }))).status).toBe(422);
    expect((await keep(await create({ username: 'bad name!', password: secret }))).status).toBe(400);
    expect((await keep(await get(id))).status).toBe(200);

    log.restore();
    lines.push(...log.lines);
    expect(lines.some((l) => l.includes('securityManager'))).toBe(true);
    for (const text of [...bodies, ...lines]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(second);
    }
  });
});
