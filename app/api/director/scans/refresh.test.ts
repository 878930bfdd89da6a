import { afterAll, describe, expect, it } from 'vitest';
import type { ListResponse } from '@/lib/schemas/common';
import type { ScanRow } from '@/lib/schemas/scan';
import { getJson, heldDirectorList, setTestEnv, startDirectorSimulator, testSessions } from '@/lib/testing/bff';

/**
 * A scan list refreshed with the same scans and the same names keeps the list it has (and every
 * index built on it); a change to either side, a renamed owner included, is a new list.
 */
const sim = await startDirectorSimulator(11);
setTestEnv(sim.url);
const list = await import('./route');
const { viewer } = await testSessions();
afterAll(() => sim.close());

const store = sim.director.store;
const sci = [...store.scis.values()][0]!;
const key = `scans?sciID=${sci.id}&orgID=`;
const getList = (query: string) => getJson<ListResponse<ScanRow>>(list.GET, `/api/director/scans?sciId=${sci.id}&pageSize=100&${query}`, viewer);
const scanCalls = () => sim.requests.filter((r) => r.path === '/rest/mgmt/scan').length;
const held = () => heldDirectorList(key);
/** Past the 2 s a list (and its owners, kept longer than a list) must be old before `refresh=1` asks Director again. */
const ageForRefresh = () => new Promise((resolve) => setTimeout(resolve, 2_100));

describe('refreshing the scan list', () => {
  it('keeps the list when neither scans nor names changed, and reads it anew when an owner was renamed', { timeout: 20_000 }, async () => {
    const first = await getList('columns=owner&sort=owner');
    expect(first.status).toBe(200);
    const before = await held();

    await ageForRefresh();
    const calls = scanCalls();
    const same = await getList('columns=owner&sort=owner&refresh=1');
    // Director was asked again, and answered the same: the list and its owner sort order stay.
    expect(scanCalls()).toBe(calls + 1);
    expect(same.body.fetchedAt).toBeGreaterThan(first.body.fetchedAt ?? Number.POSITIVE_INFINITY);
    expect(same.body.items).toEqual(first.body.items);
    expect(await held()).toBe(before);

    // No scan changes, but the owner of the first row is renamed on the SCI.
    const row = first.body.items.find((r) => r.owner?.uuid !== undefined && r.owner.name !== undefined)!;
    const owner = store.users.byUuid.get(row.owner!.uuid!.toUpperCase())!;
    owner.firstname = 'Zenobia';
    owner.lastname = 'Renamed';
    await ageForRefresh();
    const renamed = await getList('columns=owner&sort=owner&refresh=1');
    expect(await held()).not.toBe(before);
    expect(renamed.body.items.find((r) => r.id === row.id)?.owner?.name).toBe(`Zenobia Renamed (${owner.username})`);
  });

  it('reads the list anew when a scan changed, its names unchanged', { timeout: 20_000 }, async () => {
    const before = await held();
    const scan = [...store.scans.values()].find((s) => s.sciId === sci.id)!;
    scan.name = 'Renamed weekly DMZ';
    await ageForRefresh();
    const after = await getList(`q=${encodeURIComponent('Renamed weekly')}&refresh=1`);
    expect(await held()).not.toBe(before);
    expect(after.body.items.map((r) => r.id)).toEqual([scan.id]);
  });
});
