import { afterAll, describe, expect, it } from 'vitest';
import type { ListResponse } from '@/lib/schemas/common';
import type { ScanRow } from '@/lib/schemas/scan';
import { getJson, setTestEnv, startDirectorSimulator, testSessions } from '@/lib/testing/bff';

/** The scans list names what Director sends only as uuids, from each SCI's cached lookups. */
const sim = await startDirectorSimulator(7);
setTestEnv(sim.url);
const list = await import('./route');
const { viewer } = await testSessions();
afterAll(() => sim.close());

const store = sim.director.store;
const [sciA, sciB] = [...store.scis.values()];
const refColumns = 'columns=policy,owner,creator,repository,zone';
const getList = (query: string) => getJson<ListResponse<ScanRow>>(list.GET, `/api/director/scans?${query}`, viewer);
const userName = (uuid: string) => {
  const u = store.users.byUuid.get(uuid.toUpperCase());
  if (!u) return undefined;
  const person = `${u.firstname} ${u.lastname}`.trim();
  return person ? `${person} (${u.username})` : u.username;
};
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const directorCalls = (path: string) => sim.requests.filter((r) => r.path === `/rest${path}`).length;

describe('names in the scans list', () => {
  it('names policy, owner, creator, repository and zone from the SCI, not uuids', async () => {
    const res = await getList(`pageSize=100&sciId=${sciA!.id}&${refColumns}`);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(5);
    for (const row of res.body.items) {
      const scan = store.scans.byId.get(row.id)!;
      if (scan.policyUuid) expect(row.policy?.name).toBe(store.policies.byUuid.get(scan.policyUuid.toUpperCase())?.name);
      expect(row.repository?.name).toBe(store.repositories.byUuid.get(scan.repositoryUuid.toUpperCase())?.name);
      expect(row.owner?.name).toBe(userName(scan.ownerUuid));
      expect(row.creator?.name).toBe(userName(scan.creatorUuid));
      // Director's Scan Zone list has no uuids, so a flat zoneUUID cannot be named from it: the
      // uuid stays (the table shows it short, "not found on" its SCI). The object form names itself.
      if (!scan.zoneUuid) continue;
      if (store.variants?.objectRefScanIds.has(scan.id)) expect(row.zone?.name).toBe(store.zones.byUuid.get(scan.zoneUuid.toUpperCase())?.name);
      else expect(row.zone).toEqual({ uuid: scan.zoneUuid });
    }
  });

  it('sorts and searches by those names, with one lookup call per SCI and kind however often it is asked', async () => {
    const policiesBefore = directorCalls('/mgmt/policy');
    const asc = (await getList(`pageSize=100&sciId=${sciA!.id}&${refColumns}&sort=policy&order=asc`)).body.items.map((s) => s.policy?.name ?? '');
    const named = asc.filter(Boolean);
    expect(named).toEqual([...named].sort(collator.compare));
    const owners = (await getList(`pageSize=100&sciId=${sciA!.id}&${refColumns}&sort=owner&order=desc`)).body.items.map((s) => s.owner?.name ?? '');
    expect(owners).toEqual([...owners].sort(collator.compare).reverse());

    const policy = named[0]!;
    const found = (await getList(`pageSize=100&sciId=${sciA!.id}&${refColumns}&q=${encodeURIComponent(policy)}`)).body.items;
    expect(found.length).toBeGreaterThan(0);
    expect(found.some((s) => s.policy?.name === policy)).toBe(true);
    expect(directorCalls('/mgmt/policy')).toBe(policiesBefore);
  });

  it('keeps the uuid without a name when the SCI does not know it, and the row names the SCI it was looked for on', async () => {
    // This SCI's policy lookup answers an empty list (a policy deleted on the SCI since).
    sim.failNext({
      method: 'GET',
      pathPrefix: '/rest/mgmt/policy',
      queryIncludes: `sciID=${sciB!.id}`,
      response: { status: 200, body: { type: 'regular', response: [], error_code: 0, error_msg: '', warnings: [], timestamp: 0 } },
    });
    const rows = (await getList(`pageSize=100&sciId=${sciB!.id}&columns=policy`)).body.items;
    const withPolicy = rows.filter((r) => r.policy?.uuid);
    expect(withPolicy.length).toBeGreaterThan(0);
    for (const row of withPolicy) {
      const scan = store.scans.byId.get(row.id)!;
      // Director's own object-form answers carry the name; the flat uuids have none to show.
      if (store.variants?.objectRefScanIds.has(scan.id)) continue;
      expect(row.policy).toEqual({ uuid: scan.policyUuid });
      expect(row.sci).toMatchObject({ id: sciB!.id, name: sciB!.name });
    }
  });
});
