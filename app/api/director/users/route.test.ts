import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorEnvelope, ListResponse } from '@/lib/schemas/common';
import type { UserRow } from '@/lib/schemas/user';
import { apiRequest, context, sessionCookie, setTestEnv, startDirectorSimulator } from '@/lib/testing/bff';

const sim = await startDirectorSimulator(13);
setTestEnv(sim.url);
const list = await import('./route');
const detail = await import('./[id]/route');

let admin: string;
let viewer: string;
beforeAll(async () => {
  admin = await sessionCookie('ada', 'admin');
  viewer = await sessionCookie('vic', 'viewer');
});
afterAll(() => sim.close());

const store = sim.director.store;
const users = [...store.users.values()];
const sci = [...store.scis.values()][2]!;
const org = [...store.organizations.values()].find((o) => (store.usersByOrg.get(o.id)?.size ?? 0) > 2)!;

async function getList(query: string, cookie = viewer) {
  const res = await list.GET(apiRequest(`/api/director/users?${query}`, { cookie }), context());
  return { status: res.status, body: (await res.json()) as ListResponse<UserRow> };
}

async function getOne(id: string, cookie = viewer) {
  const res = await detail.GET(apiRequest(`/api/director/users/${id}`, { cookie }), context({ id }));
  return { status: res.status, body: (await res.json()) as unknown };
}

describe('GET /api/director/users', () => {
  it('lets a viewer and an admin read every user, paged', async () => {
    for (const cookie of [viewer, admin]) {
      const { status, body } = await getList('pageSize=10&sort=id', cookie);
      expect(status).toBe(200);
      expect(body.total).toBe(users.length);
      expect(body.items.map((u) => u.id)).toEqual(users.slice(0, 10).map((u) => u.id));
    }
  });

  it('types ids and references and leaves out what Director did not send', async () => {
    const row = (await getList('pageSize=10&sort=id')).body.items[0]!;
    const user = users[0]!;
    expect(row).toMatchObject({
      id: user.id,
      uuid: user.uuid,
      sciUserId: user.sciUserId,
      sciRoleId: user.sciRoleId,
      sciGroupId: user.sciGroupId,
      username: user.username,
      sci: { id: user.sciId },
      organization: { id: user.orgId },
    });
    // email is not a `**` field of the list: it comes back only when its column is visible.
    expect(row).not.toHaveProperty('email');
    const withEmail = (await getList('pageSize=10&sort=id&columns=username,email,title')).body.items[0]!;
    expect(withEmail.email).toBe(user.email);
    expect(withEmail.title).toBe(user.title);
  });

  it('filters by organization, and orgId=0 with an SCI lists that SCI\'s administrators', async () => {
    const byOrg = (await getList(`pageSize=100&orgId=${org.id}`)).body;
    expect(byOrg.total).toBe(store.usersByOrg.get(org.id)!.size);
    expect(byOrg.items.every((u) => u.organization?.id === org.id)).toBe(true);

    const admins = (await getList(`pageSize=100&orgId=0&sciId=${sci.id}`)).body;
    const expected = users.filter((u) => u.orgId === 0 && u.sciId === sci.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(admins.items.map((u) => u.id).sort((a, b) => a - b)).toEqual(expected.map((u) => u.id));
    expect(admins.items.every((u) => u.organization?.id === 0 && u.sci?.id === sci.id)).toBe(true);
  });

  it('searches usernames and sorts by role', async () => {
    const target = users[5]!;
    const found = (await getList(`pageSize=100&q=${encodeURIComponent(target.username)}`)).body;
    expect(found.items.map((u) => u.id)).toContain(target.id);
    const roles = (await getList('pageSize=100&sort=role&order=desc')).body.items.map((u) => u.sciRoleId);
    expect(roles).toEqual([...roles].sort((a, b) => b! - a!));
  });

  it('refuses a negative organization, an unknown column and an unknown sort', async () => {
    const res = await list.GET(apiRequest('/api/director/users?orgId=-1&columns=password&sort=secret', { cookie: viewer }), context());
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorEnvelope;
    expect(Object.keys(body.error.details ?? {}).sort()).toEqual(['columns', 'orgId', 'sort']);
  });

  it('answers 401 without a session', async () => {
    expect((await list.GET(apiRequest('/api/director/users'), context())).status).toBe(401);
  });
});

describe('GET /api/director/users/{id or uuid}', () => {
  const user = users.find((u) => u.orgId !== 0 && u.email !== '')!;

  it('answers every documented field by id and the same by uuid (any case)', async () => {
    const byId = await getOne(String(user.id));
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({
      id: user.id,
      uuid: user.uuid,
      username: user.username,
      email: user.email,
      title: user.title,
      address: user.address,
      city: user.city,
      state: user.state,
      country: user.country,
      phone: user.phone,
      fax: user.fax,
      organization: { id: user.orgId, name: store.organizations.byId.get(user.orgId)!.name },
    });
    expect(byId.body).not.toHaveProperty('password');
    expect((await getOne(user.uuid.toLowerCase(), admin)).body).toEqual(byId.body);
  });

  it('answers an administrator with organization 0', async () => {
    const administrator = users.find((u) => u.orgId === 0)!;
    const { body } = await getOne(String(administrator.id));
    expect((body as UserRow).organization?.id).toBe(0);
  });

  it('answers 404 with the vendor code for an unknown id and an unknown uuid', async () => {
    for (const id of ['999999', '00000000-0000-4000-8000-000000000000']) {
      const { status, body } = await getOne(id);
      expect(status, id).toBe(404);
      expect((body as ErrorEnvelope).error.upstream).toMatchObject({ vendor: 'director', code: '146' });
    }
  });

  it('refuses an id that is neither a number nor a uuid', async () => {
    for (const id of ['../sci', 'admin', '1.5']) {
      const { status, body } = await getOne(id);
      expect(status, id).toBe(400);
      expect((body as ErrorEnvelope).error.details).toHaveProperty('id');
    }
  });
});
