import { afterAll, describe, expect, it } from 'vitest';
import type { ListResponse } from '@/lib/schemas/common';
import type { Owner, LookupList } from '@/lib/schemas/lookup';
import type { ScanRow } from '@/lib/schemas/scan';
import { getJson, setTestEnv, startDirectorSimulator, testSessions } from '@/lib/testing/bff';

/**
 * An SCI's users (every one of them: tens of MiB from Director at 100,000 users) name the scans'
 * owners and creators. They are kept for the owners' period, longer than a list: a scan list
 * refreshed behind its answers does not fetch them again each time. The scan form's owner choice
 * takes none older than a list period.
 */
const listTtlMs = 300;
const ownersTtlMs = 2_500;
const sim = await startDirectorSimulator(12);
setTestEnv(sim.url, { DIRECTOR_CACHE_TTL_MS: String(listTtlMs), DIRECTOR_OWNERS_TTL_MS: String(ownersTtlMs) });
const list = await import('./route');
const owners = await import('../lookups/owners/route');
const { viewer } = await testSessions();
afterAll(() => sim.close());

const store = sim.director.store;
const sci = [...store.scis.values()][0]!;
const getList = () => getJson<ListResponse<ScanRow>>(list.GET, `/api/director/scans?sciId=${sci.id}&pageSize=100&columns=owner`, viewer);
const calls = (path: string) => sim.requests.filter((r) => r.path === `/rest${path}` && new URLSearchParams(r.query).get('sciID') === String(sci.id)).length;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Asks until a list newer than `after` answers (the refresh behind an earlier answer has landed). */
async function refreshedAfter(after: number): Promise<ListResponse<ScanRow>> {
  for (let i = 0; i < 100; i += 1) {
    const res = await getList();
    if ((res.body.fetchedAt ?? 0) > after) return res.body;
    await sleep(50);
  }
  throw new Error('the scan list was not refreshed');
}

describe('owners kept longer than a scan list', () => {
  it('refreshes the scans without fetching the SCI users again until the owners period ends, then names a renamed owner', { timeout: 20_000 }, async () => {
    const first = (await getList()).body;
    const usersAtStart = calls('/mgmt/user');
    const scansAtStart = calls('/mgmt/scan');
    expect(usersAtStart).toBe(1);

    const row = first.items.find((r) => r.owner?.uuid !== undefined && r.owner.name !== undefined)!;
    const owner = store.users.byUuid.get(row.owner!.uuid!.toUpperCase())!;
    owner.firstname = 'Zenobia';
    owner.lastname = 'Renamed';

    // The list goes stale and is refreshed behind an answer, twice, within the owners' period.
    await sleep(listTtlMs + 50);
    const second = await refreshedAfter(first.fetchedAt!);
    await sleep(listTtlMs + 50);
    const third = await refreshedAfter(second.fetchedAt!);
    expect(calls('/mgmt/scan')).toBeGreaterThanOrEqual(scansAtStart + 2);
    expect(calls('/mgmt/user')).toBe(usersAtStart);
    // Named as the owners were when fetched: the rename is not seen yet.
    expect(third.items.find((r) => r.id === row.id)?.owner?.name).not.toContain('Zenobia');

    // Past the owners' period, the next refresh fetches them, and the list names the owner anew.
    await sleep(ownersTtlMs);
    const later = await refreshedAfter(third.fetchedAt!);
    expect(calls('/mgmt/user')).toBe(usersAtStart + 1);
    expect(later.items.find((r) => r.id === row.id)?.owner?.name).toBe(`Zenobia Renamed (${owner.username})`);
  });

  it('gives the scan form owners no older than a list period', { timeout: 20_000 }, async () => {
    const ask = () => getJson<LookupList<Owner>>(owners.GET, `/api/director/lookups/owners?sciId=${sci.id}`, viewer);
    const first = await ask();
    expect(first.status).toBe(200);
    const offered = first.body.items[0]!;
    const user = store.users.byUuid.get(offered.uuid.toUpperCase())!;
    user.firstname = 'Xaviera';
    const before = calls('/mgmt/user');
    // Within a list period the same answer serves; after one, Director is asked again.
    expect((await ask()).body.items.find((o) => o.uuid === offered.uuid)?.firstname).toBe(offered.firstname);
    expect(calls('/mgmt/user')).toBe(before);
    await sleep(listTtlMs + 50);
    const again = await ask();
    expect(calls('/mgmt/user')).toBe(before + 1);
    expect(again.body.items.find((o) => o.uuid === offered.uuid)?.firstname).toBe('Xaviera');
  });
});
