import { afterAll, describe, expect, it } from 'vitest';
import type { ErrorEnvelope, ListResponse } from '@/lib/schemas/common';
import type { ScanRow } from '@/lib/schemas/scan';
import { apiRequest, context, directorKeys, setTestEnv, startDirectorSimulator, testSessions, getJson } from '@/lib/testing/bff';

const sim = await startDirectorSimulator(7);
setTestEnv(sim.url);
const list = await import('./route');
const detail = await import('./[id]/route');
const { getAuditStore } = await import('@/lib/server/audit/trail');

const { admin, viewer } = await testSessions();
afterAll(async () => {
  await getAuditStore().close();
  await sim.close();
});

const getList = (query: string, cookie = viewer) => getJson<ListResponse<ScanRow>>(list.GET, `/api/director/scans?${query}`, cookie);

const store = sim.director.store;
const sci = [...store.scis.values()][0]!;
const owner = [...store.users.values()].find((u) => u.sciId === sci.id && u.orgId !== 0)!;
const policy = [...store.policies.values()].find((p) => p.sciId === sci.id)!;
const repository = [...store.repositories.values()].find((r) => r.sciId === sci.id)!;
const foreignZone = [...store.zones.values()].find((z) => z.sciId !== sci.id)!;

describe('GET /api/director/scans', () => {
  it('pages with the whole-list total', async () => {
    const total = store.scans.size;
    const first = await getList('page=1&pageSize=10&sort=id');
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(total);
    expect(first.body.items).toHaveLength(10);
    const second = await getList('page=2&pageSize=10&sort=id');
    expect(second.body.items[0]!.id).toBeGreaterThan(first.body.items[9]!.id);
    const beyond = await getList('page=999&pageSize=10');
    expect(beyond.body).toMatchObject({ items: [], total, page: 999, pageSize: 10 });
    // The demo Director answers one record without an id and one organization with an empty id.
    expect(beyond.body.unreadable).toEqual({ records: 1, fields: 1, example: expect.stringMatching(/^scan \d+: organization\.id /) });
  });

  it('sorts by name in both directions', async () => {
    const asc = (await getList('pageSize=100&sort=name&order=asc')).body.items.map((s) => s.name ?? '');
    const desc = (await getList('pageSize=100&sort=name&order=desc')).body.items.map((s) => s.name ?? '');
    const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
    expect(asc).toEqual([...asc].sort(collator.compare));
    expect(desc[0]).not.toBe(asc[0]);
  });

  it('searches name, description, SCI and organization', async () => {
    const target = [...store.scans.values()][3]!;
    const word = target.name.split(' ')[0]!.toLowerCase();
    const found = (await getList(`pageSize=100&q=${encodeURIComponent(word)}`)).body;
    expect(found.total).toBeGreaterThan(0);
    expect(found.items.some((s) => s.id === target.id)).toBe(true);
    for (const s of found.items) {
      expect([s.name, s.description, String(s.id), s.sci?.name, s.organization?.name].join(' ').toLowerCase()).toContain(word);
    }
  });

  it('filters by SCI and organization on Director', async () => {
    const bySci = (await getList(`pageSize=100&sciId=${sci.id}`)).body;
    const expected = [...store.scans.values()].filter((s) => s.sciId === sci.id).length;
    expect(bySci.total).toBe(expected);
    expect(bySci.items.every((s) => s.sci?.id === sci.id)).toBe(true);
    const orgId = [...store.scans.values()][0]!.orgId;
    const byOrg = (await getList(`pageSize=100&orgId=${orgId}`)).body;
    expect(byOrg.total).toBeGreaterThan(0);
    expect(byOrg.items.every((s) => s.organization?.id === orgId)).toBe(true);
  });

  it('asks Director for the visible columns only', async () => {
    const plain = (await getList('pageSize=10&sort=id')).body.items[0]!;
    expect(plain).toHaveProperty('sci');
    expect(plain).not.toHaveProperty('createdTime');
    const chosen = (await getList('pageSize=10&sort=id&columns=createdTime,maxScanTime')).body.items[0]!;
    expect(chosen).toHaveProperty('createdTime');
    expect(chosen.createdTime).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(chosen).not.toHaveProperty('sci');
    expect(chosen).not.toHaveProperty('organization');
  });

  it("asks Director for each scan's schedule, and leaves it out where Director sends none", async () => {
    const rows = (await getList('pageSize=100&sort=id&columns=schedule')).body.items;
    const missing = store.variants!.scheduleMissingScanIds;
    const sent = rows.filter((r) => !missing.has(r.id));
    expect(sent.length).toBeGreaterThan(0);
    for (const row of sent) {
      const vendor = store.scans.byId.get(row.id)!.schedule;
      expect(row.schedule).toEqual({
        type: vendor.type,
        enabled: vendor.enabled,
        ...(vendor.start ? { start: vendor.start } : {}),
        ...(vendor.repeatRule ? { repeatRule: vendor.repeatRule } : {}),
        ...(vendor.dependentId !== null ? { dependentId: vendor.dependentId } : {}),
        text: expect.any(String),
      });
      if (vendor.type === 'never') expect(row.schedule?.text).toBe('On demand');
      if (vendor.type === 'dependent') expect(row.schedule?.text).toBe(`After scan ${vendor.dependentId}`);
      if (vendor.type === 'ical') expect(row.schedule?.text).toMatch(/^Every (day|week|month) .*at \d{2}:00 [A-Za-z_/]+( \(disabled\))?$/);
    }
    const without = rows.filter((r) => missing.has(r.id));
    expect(without.length).toBeGreaterThan(0);
    for (const row of without) expect(row).not.toHaveProperty('schedule');
    expect(sim.requests.some((r) => r.path === '/rest/mgmt/scan' && /fields=[^&]*schedule/.test(r.query))).toBe(true);

    const weekly = [...store.scans.values()].find((s) => s.schedule.type === 'ical' && !missing.has(s.id))!;
    const detail1 = await detail.GET(apiRequest(`/api/director/scans/${weekly.id}`, { cookie: viewer }), context({ id: String(weekly.id) }));
    expect(((await detail1.json()) as ScanRow).schedule).toMatchObject({ type: 'ical', start: weekly.schedule.start, repeatRule: weekly.schedule.repeatRule });
  });

  it('refuses bad query values with field details', async () => {
    const res = await list.GET(apiRequest('/api/director/scans?pageSize=7&sort=password&columns=secret', { cookie: viewer }), context());
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorEnvelope;
    expect(Object.keys(body.error.details ?? {}).sort()).toEqual(['columns', 'pageSize', 'sort']);
  });

  it('answers 401 without a session', async () => {
    const res = await list.GET(apiRequest('/api/director/scans'), context());
    expect(res.status).toBe(401);
  });
});

describe('GET /api/director/scans/{id}', () => {
  const scan = [...store.scans.values()][0]!;

  it('answers the same scan by id and by uuid, with names resolved', async () => {
    const byId = await detail.GET(apiRequest(`/api/director/scans/${scan.id}`, { cookie: viewer }), context({ id: String(scan.id) }));
    expect(byId.status).toBe(200);
    const row = (await byId.json()) as ScanRow;
    expect(row.id).toBe(scan.id);
    expect(row.uuid).toBe(scan.uuid);
    expect(typeof row.dhcpTracking).toBe('boolean');
    expect(row.sci?.id).toBe(scan.sciId);
    if (row.policy?.uuid) expect(row.policy.name).toBe(store.policies.byUuid.get(row.policy.uuid)?.name);
    expect(row.repository?.name).toBe(store.repositories.byUuid.get(scan.repositoryUuid)?.name);
    expect(row.owner?.name).toContain(store.users.byUuid.get(scan.ownerUuid)?.username ?? 'missing');

    const byUuid = await detail.GET(apiRequest(`/api/director/scans/${scan.uuid.toLowerCase()}`, { cookie: viewer }), context({ id: scan.uuid.toLowerCase() }));
    expect(await byUuid.json()).toEqual(row);
  });

  it('answers 404 with the vendor details for an unknown scan', async () => {
    const res = await detail.GET(apiRequest('/api/director/scans/999999', { cookie: viewer }), context({ id: '999999' }));
    expect(res.status).toBe(404);
    const { error } = (await res.json()) as ErrorEnvelope;
    expect(error.code).toBe('not_found');
    expect(error.upstream).toMatchObject({ vendor: 'director', code: '146' });
    expect(error.upstream?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses an id that could be a path', async () => {
    const res = await detail.GET(apiRequest('/api/director/scans/x', { cookie: viewer }), context({ id: '../sci' }));
    expect(res.status).toBe(400);
  });
});

describe('POST and DELETE /api/director/scans', () => {
  const input = {
    name: 'BFF test scan alpha',
    sciId: sci.id,
    ownerUuid: owner.uuid,
    policyUuid: policy.uuid,
    repositoryUuid: repository.uuid,
    ipList: '10.1.2.0/24, web01.example.test',
  };

  async function create(body: unknown, cookie = admin) {
    return list.POST(apiRequest('/api/director/scans', { method: 'POST', cookie, body }), context());
  }

  it('creates with the documented defaults and the new scan shows up in a cached list', async () => {
    const before = await getList('pageSize=100&q=BFF%20test%20scan%20alpha');
    expect(before.body.total).toBe(0);
    const res = await create(input);
    expect(res.status).toBe(201);
    const row = (await res.json()) as ScanRow;
    expect(row).toMatchObject({
      name: input.name,
      type: 'policy',
      dhcpTracking: false,
      timeoutAction: 'import',
      rolloverType: 'template',
      maxScanTime: 3600,
      owner: { uuid: owner.uuid },
      policy: { uuid: policy.uuid },
      zone: null,
      plugin: null,
    });
    expect(store.scans.byId.get(row.id)?.schedule).toMatchObject({ type: 'template' });
    const after = await getList('pageSize=100&q=BFF%20test%20scan%20alpha');
    expect(after.body.items.map((s) => s.id)).toEqual([row.id]);
  });

  it('creates with an ical schedule', async () => {
    const res = await create({
      ...input,
      name: 'BFF test scan ical',
      schedule: { type: 'ical', start: 'TZID=Europe/Paris:20261201T090000', repeatRule: 'FREQ=WEEKLY;INTERVAL=1;BYDAY=MO' },
      maxScanTime: 'unlimited',
    });
    expect(res.status).toBe(201);
    const row = (await res.json()) as ScanRow;
    expect(row.maxScanTime).toBeNull();
    expect(store.scans.byId.get(row.id)?.schedule).toMatchObject({
      type: 'ical',
      start: 'TZID=Europe/Paris:20261201T090000',
      repeatRule: 'FREQ=WEEKLY;INTERVAL=1;BYDAY=MO',
    });
    const found = await getList('pageSize=100&q=BFF%20test%20scan%20ical');
    expect(found.body.total).toBe(1);
  });

  it('refuses a viewer, and without the CSRF header, before Director is asked', async () => {
    const count = store.scans.size;
    expect((await create(input, viewer)).status).toBe(403);
    const noCsrf = await list.POST(apiRequest('/api/director/scans', { method: 'POST', cookie: admin, body: input, headers: { 'x-csrf': '' } }), context());
    expect(noCsrf.status).toBe(403);
    expect(store.scans.size).toBe(count);
  });

  it('answers 400 with field details for an invalid input', async () => {
    const res = await create({ ...input, name: '', ipList: 'not a target!' });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as ErrorEnvelope;
    expect(error.details).toHaveProperty('name');
    expect(error.details).toHaveProperty('ipList');
  });

  it("passes Director's refusal on with its code, message and request id", async () => {
    const res = await create({ ...input, name: 'BFF wrong zone', zoneUuid: foreignZone.uuid });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as ErrorEnvelope;
    expect(error.code).toBe('upstream_rejected');
    expect(error.upstream).toMatchObject({ vendor: 'director', status: 403, code: '146' });
    expect(error.upstream?.message).toMatch(/zoneUUID/);
    expect(error.upstream?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(error)).not.toContain(directorKeys.secretKey);
  });

  it('deletes (admin only) and the scan leaves the list', async () => {
    const created = (await (await create({ ...input, name: 'BFF test scan doomed' })).json()) as ScanRow;
    await getList('pageSize=100&q=doomed');
    const uuid = created.uuid!;
    const path = `/api/director/scans/${uuid}`;
    const asViewer = await detail.DELETE(apiRequest(path, { method: 'DELETE', cookie: viewer }), context({ id: uuid }));
    expect(asViewer.status).toBe(403);
    const res = await detail.DELETE(apiRequest(path, { method: 'DELETE', cookie: admin }), context({ id: uuid }));
    expect(res.status).toBe(204);
    expect(store.scans.byId.has(created.id)).toBe(false);
    expect((await getList('pageSize=100&q=doomed')).body.total).toBe(0);
    const again = await detail.GET(apiRequest(path, { cookie: viewer }), context({ id: uuid }));
    expect(again.status).toBe(404);
    // The trail names the scan and its SCI as they were before it went: neither can be looked up now.
    const trail = await getAuditStore().list({ page: 1, pageSize: 10, order: 'desc', action: 'DELETE /api/director/scans/{id}', outcome: 'success' });
    expect(trail.items[0]?.summary).toBe(`Deleted scan 'BFF test scan doomed' (${sci.name})`);
    const createdEntry = await getAuditStore().list({ page: 1, pageSize: 10, order: 'desc', action: 'POST /api/director/scans', q: 'doomed' });
    expect(createdEntry.items[0]?.summary).toBe(`Created scan 'BFF test scan doomed' (${sci.name})`);
  });
});
