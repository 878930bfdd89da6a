import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ErrorEnvelope, ListResponse } from '@/lib/schemas/common';
import type { SecurityManagerFormContext, SecurityManagerRow } from '@/lib/schemas/security-manager';
import { apiRequest, context, sessionCookie, setTestEnv, startDirectorSimulator } from '@/lib/testing/bff';

const sim = await startDirectorSimulator(11);
setTestEnv(sim.url);
const list = await import('./route');
const detail = await import('./[id]/route');
const formContext = await import('./form-context/route');
const users = await import('../../../users/route');

let admin: string;
let viewer: string;
beforeAll(async () => {
  admin = await sessionCookie('ada', 'admin');
  viewer = await sessionCookie('vic', 'viewer');
});
afterAll(() => sim.close());
afterEach(() => vi.restoreAllMocks());

const store = sim.director.store;
const managersOf = (orgId: number) =>
  [...(store.usersByOrg.get(orgId) ?? [])].map((id) => store.users.byId.get(id)!).filter((u) => u.securityManager !== undefined);
// An organization with managers and an LDAP server, so every auth type can be made there.
const org = [...store.organizations.values()].find((o) => o.ldapIds.length > 0 && managersOf(o.id).length > 0)!;
const orgId = String(org.id);
const otherOrg = [...store.organizations.values()].find((o) => o.id !== org.id)!;
const sciAdmin = [...store.users.values()].find((u) => u.sciId === org.sciId && u.orgId === 0)!;
const member = [...store.users.values()].find((u) => u.orgId === org.id && u.securityManager === undefined)!;
const asset = [...store.assets.values()].find((a) => a.sciId === org.sciId)!;

const base = `/api/director/organizations/${orgId}/security-managers`;
let counter = 0;
const uniqueUser = (prefix: string) => `${prefix}.${Date.now().toString(36)}${++counter}`;

async function getList(query: string, cookie = viewer, org = orgId) {
  const res = await list.GET(apiRequest(`/api/director/organizations/${org}/security-managers?${query}`, { cookie }), context({ orgId: org }));
  return { status: res.status, body: (await res.json()) as ListResponse<SecurityManagerRow> & ErrorEnvelope };
}
async function create(body: unknown, cookie = admin) {
  return list.POST(apiRequest(base, { method: 'POST', cookie, body }), context({ orgId }));
}
async function get(id: string, cookie = viewer, org = orgId) {
  return detail.GET(apiRequest(`${base}/${id}`, { cookie }), context({ orgId: org, id }));
}
async function patch(id: string, body: unknown, cookie = admin) {
  return detail.PATCH(apiRequest(`${base}/${id}`, { method: 'PATCH', cookie, body }), context({ orgId, id }));
}
async function remove(id: string, body?: unknown, cookie = admin) {
  return detail.DELETE(apiRequest(`${base}/${id}`, { method: 'DELETE', cookie, body }), context({ orgId, id }));
}

describe('GET security managers', () => {
  it('lists the organization\'s managers with the asked columns, typed', async () => {
    const { status, body } = await getList('pageSize=100&columns=email,role,locked,lastLogin,failedLogins');
    expect(status).toBe(200);
    expect(body.total).toBe(managersOf(org.id).length);
    const first = body.items[0]!;
    expect(typeof first.locked).toBe('boolean');
    expect(typeof first.failedLogins).toBe('number');
    expect(first.role?.name).toBe('Security Manager');
    expect(first).not.toHaveProperty('password');
    expect(first).not.toHaveProperty('hasPassword');
    expect(first).not.toHaveProperty('group');
  });

  it('answers the same list for the organization uuid, searched and sorted', async () => {
    const byUuid = await getList('pageSize=100&sort=username&order=desc', viewer, org.uuid);
    const byId = await getList('pageSize=100&sort=username&order=desc');
    expect(byUuid.body).toEqual(byId.body);
    const names = byId.body.items.map((m) => m.username ?? '');
    expect(names).toEqual([...names].sort(new Intl.Collator('en', { sensitivity: 'base', numeric: true }).compare).reverse());
    const target = managersOf(org.id)[0]!;
    const found = await getList(`q=${encodeURIComponent(target.username)}`);
    expect(found.body.items.map((m) => m.id)).toContain(target.id);
  });

  it('refuses bad queries, unknown organizations, and callers without a session', async () => {
    const bad = await getList('sort=password&columns=password');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.details ?? {}).sort()).toEqual(['columns', 'sort']);
    const unknown = await getList('', viewer, '999999');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.upstream).toMatchObject({ vendor: 'director', code: '146' });
    const path = await getList('', viewer, '../sci');
    expect(path.status).toBe(400);
    const anonymous = await list.GET(apiRequest(base), context({ orgId }));
    expect(anonymous.status).toBe(401);
  });
});

describe('GET one security manager', () => {
  it('answers every documented field by id and by uuid, hasPassword instead of the password', async () => {
    const manager = managersOf(org.id).find((m) => m.securityManager?.authType === 'tns')!;
    const res = await get(String(manager.id));
    expect(res.status).toBe(200);
    const row = (await res.json()) as SecurityManagerRow;
    expect(row).toMatchObject({ id: manager.id, uuid: manager.uuid, username: manager.username, authType: 'tns', hasPassword: true });
    expect(row).not.toHaveProperty('password');
    for (const key of ['role', 'group', 'preferences', 'managedUsersGroups', 'managedObjectsGroups', 'failedLogins', 'locked', 'passwordExpiration', 'lastLogin']) {
      expect(row).toHaveProperty(key);
    }
    expect(row.group).toMatchObject({ id: 0, name: 'Full Access' });
    expect(row.parent).toBeNull();
    const byUuid = await get(manager.uuid.toLowerCase(), viewer, org.uuid);
    expect(await byUuid.json()).toEqual(row);
  });

  it('answers 404 for a manager of another organization', async () => {
    const manager = managersOf(org.id)[0]!;
    const res = await get(String(manager.id), viewer, String(otherOrg.id));
    expect(res.status).toBe(404);
  });
});

describe('GET form context', () => {
  it('answers the organization\'s name, SCI and LDAP servers', async () => {
    const res = await formContext.GET(apiRequest(`${base}/form-context`, { cookie: viewer }), context({ orgId }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as SecurityManagerFormContext;
    expect(body.organization).toMatchObject({ id: org.id, name: org.name, sci: { id: org.sciId } });
    expect(body.ldaps.map((l) => l.id).sort()).toEqual([...org.ldapIds].sort());
    const anonymous = await formContext.GET(apiRequest(`${base}/form-context`), context({ orgId }));
    expect(anonymous.status).toBe(401);
  });
});

describe('POST security manager', () => {
  it('creates a tns manager with the documented defaults', async () => {
    const username = uniqueUser('sm.tns');
    const res = await create({ username, password: 'long enough secret', responsibleAssetId: asset.id, timezone: 'Europe/Paris' });
    expect(res.status).toBe(201);
    const row = (await res.json()) as SecurityManagerRow;
    expect(row).toMatchObject({
      username,
      authType: 'tns',
      hasPassword: true,
      locked: false,
      mustChangePassword: false,
      passwordExpires: false,
      passwordExpiration: 90,
      role: { id: 2 },
      responsibleAsset: { id: asset.id, name: asset.name },
      preferences: [{ name: 'timezone', value: 'Europe/Paris', tag: 'system' }],
      managedUsersGroups: [{ id: -1, name: 'All Groups' }],
    });
    const listed = await getList(`q=${username}`);
    expect(listed.body.items.map((m) => m.id)).toEqual([row.id]);
  });

  it('creates ldap, saml and linked managers with what each auth type needs', async () => {
    const ldap = await create({ username: uniqueUser('sm.ldap'), authType: 'ldap', ldapId: org.ldapIds[0] });
    expect(ldap.status).toBe(201);
    expect(await ldap.json()).toMatchObject({ authType: 'ldap', hasPassword: false, ldap: { id: org.ldapIds[0] } });
    const saml = await create({ username: uniqueUser('sm.saml'), authType: 'saml', password: 'ignored for saml' });
    expect(await saml.json()).toMatchObject({ authType: 'saml', hasPassword: false });
    const linked = await create({ username: uniqueUser('sm.linked'), authType: 'linked_non_admin', parentId: sciAdmin.id });
    expect(linked.status).toBe(201);
    expect(await linked.json()).toMatchObject({ authType: 'linked_non_admin', role: { id: 8 }, parent: { user: { id: sciAdmin.id } } });
  });

  it('refuses an invalid input with field details before Director is asked', async () => {
    const count = store.users.size;
    const res = await create({ username: 'bad name!', authType: 'tns', emailNotice: 'both', roleId: 8, passwordExpiration: 400 });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as ErrorEnvelope;
    expect(Object.keys(error.details ?? {}).sort()).toEqual(['email', 'password', 'passwordExpiration', 'roleId', 'username']);
    const ldap = await create({ username: uniqueUser('sm.x'), authType: 'ldap' });
    expect(((await ldap.json()) as ErrorEnvelope).error.details).toHaveProperty('ldapId');
    const linked = await create({ username: uniqueUser('sm.y'), authType: 'linked' });
    expect(((await linked.json()) as ErrorEnvelope).error.details).toHaveProperty('parentId');
    expect(store.users.size).toBe(count);
  });

  it("passes Director's refusal on with its code and request id", async () => {
    const res = await create({ username: uniqueUser('sm.z'), authType: 'linked', parentId: member.id });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as ErrorEnvelope;
    expect(error.upstream).toMatchObject({ vendor: 'director', code: '146' });
    expect(error.upstream?.message).toMatch(/parent\.id/);
    expect(error.upstream?.requestId).toMatch(/^[0-9a-f-]{36}$/);
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
});

describe('PATCH security manager', () => {
  it('sends only what changed', async () => {
    const created = (await (await create({ username: uniqueUser('sm.p'), password: 'long enough secret', firstname: 'Ana' })).json()) as SecurityManagerRow;
    const res = await patch(String(created.id), { title: 'Regional lead', locked: true });
    expect(res.status).toBe(200);
    const row = (await res.json()) as SecurityManagerRow;
    expect(row).toMatchObject({ title: 'Regional lead', locked: true, firstname: 'Ana', hasPassword: true });
    const empty = await patch(String(created.id), {});
    expect(empty.status).toBe(400);
  });

  it('refuses the fields the document forbids on a linked user, naming them all', async () => {
    const linked = (await (await create({ username: uniqueUser('sm.l'), authType: 'linked', parentId: sciAdmin.id })).json()) as SecurityManagerRow;
    const before = store.users.byId.get(linked.id)!.modifiedTime;
    const res = await patch(String(linked.id), { roleId: 2, authType: 'linked', password: 'a long password', mustChangePassword: false, title: 'x' });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as ErrorEnvelope;
    expect(Object.keys(error.details ?? {}).sort()).toEqual(['authType', 'mustChangePassword', 'password', 'roleId']);
    expect(error.message).toContain('roleId');
    expect(JSON.stringify(error)).not.toContain('a long password');
    expect(store.users.byId.get(linked.id)!.title).toBe('');
    expect(store.users.byId.get(linked.id)!.modifiedTime).toBe(before);
    const allowed = await patch(String(linked.id), { title: 'Linked lead' });
    expect(((await allowed.json()) as SecurityManagerRow).title).toBe('Linked lead');
  });

  it('refuses viewers', async () => {
    const manager = managersOf(org.id)[0]!;
    expect((await patch(String(manager.id), { title: 'x' }, viewer)).status).toBe(403);
  });
});

describe('DELETE security manager', () => {
  it('deletes without a body, admins only', async () => {
    const created = (await (await create({ username: uniqueUser('sm.d'), password: 'long enough secret' })).json()) as SecurityManagerRow;
    expect((await remove(String(created.id), undefined, viewer)).status).toBe(403);
    const res = await remove(String(created.id));
    expect(res.status).toBe(204);
    expect(store.users.byId.has(created.id)).toBe(false);
    expect((await get(String(created.id))).status).toBe(404);
  });

  it('migrates the manager\'s objects to another user of the organization', async () => {
    const created = (await (await create({ username: uniqueUser('sm.m'), password: 'long enough secret' })).json()) as SecurityManagerRow;
    const scan = [...store.scans.values()][0]!;
    scan.ownerUuid = created.uuid;
    const res = await remove(created.uuid, { migrateUserId: member.id });
    expect(res.status).toBe(204);
    expect(store.scans.byId.get(scan.id)?.ownerUuid).toBe(member.uuid);
  });

  it('passes on a refused heir and keeps the manager', async () => {
    const created = (await (await create({ username: uniqueUser('sm.h'), password: 'long enough secret' })).json()) as SecurityManagerRow;
    const outsider = [...store.users.values()].find((u) => u.orgId !== org.id && u.orgId !== 0)!;
    const res = await remove(String(created.id), { migrateUserId: outsider.id });
    expect(res.status).toBe(422);
    expect(((await res.json()) as ErrorEnvelope).error.upstream?.message).toMatch(/migrateUserID/);
    expect(store.users.byId.has(created.id)).toBe(true);
    const bad = await remove(String(created.id), { migrateUserId: 'me' });
    expect(bad.status).toBe(400);
  });
});

describe('other lists after a change', () => {
  it('a created or deleted manager shows in the users list at once, not after the cache expires', async () => {
    const usernamesOfOrg = async () => {
      const res = await users.GET(apiRequest(`/api/director/users?orgId=${orgId}&pageSize=100&columns=username`, { cookie: viewer }), context());
      expect(res.status).toBe(200);
      return ((await res.json()) as ListResponse<{ username?: string }>).items.map((u) => u.username);
    };
    const username = uniqueUser('sm.seen');
    expect(await usernamesOfOrg()).not.toContain(username); // the list is now cached
    const created = (await (await create({ username, password: 'long enough secret' })).json()) as SecurityManagerRow;
    expect(await usernamesOfOrg()).toContain(username);
    expect((await remove(String(created.id))).status).toBe(204);
    expect(await usernamesOfOrg()).not.toContain(username);
  });
});

describe('passwords', () => {
  it('a recognisable password appears in no response, error or log line, even when Director fails', async () => {
    const secret = 'Recognisable-Pa55word-7f3c';
    const second = 'Recognisable-Second-9d1e';
    const lines: string[] = [];
    const capture = (...args: unknown[]) => {
      lines.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack ?? ''}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    };
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, method).mockImplementation(capture);
    const bodies: string[] = [];
    const keep = async (res: Response) => {
      const text = await res.text();
      bodies.push(text);
      return { status: res.status, text };
    };

    const username = uniqueUser('sm.pw');
    const created = await keep(await create({ username, password: secret }));
    expect(created.status).toBe(201);
    const id = String((JSON.parse(created.text) as SecurityManagerRow).id);
    expect((await keep(await patch(id, { password: second }))).status).toBe(200);

    sim.failNext({
      method: 'POST',
      pathPrefix: `/rest/organization/${orgId}/securityManager`,
      response: { status: 500, body: { type: 'regular', response: '', error_code: 5, error_msg: 'Internal failure', warnings: [], timestamp: 0 } },
    });
    const failedCreate = await keep(await create({ username: uniqueUser('sm.pw'), password: secret }));
    expect(failedCreate.status).toBe(502);
    sim.failNext({ method: 'PATCH', pathPrefix: `/rest/organization/${orgId}/securityManager`, response: { status: 200, body: 'not json' } });
    const failedPatch = await keep(await patch(id, { password: second }));
    expect(failedPatch.status).toBe(502);
    sim.failNext({ method: 'PATCH', pathPrefix: `/rest/organization/${orgId}/securityManager`, response: { status: 500, body: { error_code: 'x' } } });
    expect((await keep(await patch(id, { password: second, title: 'again' }))).status).toBe(502);
    const refused = await keep(await create({ username: 'bad name!', password: secret }));
    expect(refused.status).toBe(400);
    expect((await keep(await get(id))).status).toBe(200);

    expect(lines.some((l) => l.includes('securityManager'))).toBe(true);
    for (const text of [...bodies, ...lines]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(second);
    }
  });
});
