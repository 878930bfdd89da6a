import { afterAll, describe, expect, it } from 'vitest';
import type { ListResponse } from '@/lib/schemas/common';
import type { UserRow } from '@/lib/schemas/user';
import { getJson, heldDirectorList, setTestEnv, startDirectorSimulator, testSessions } from '@/lib/testing/bff';

/**
 * A users list refreshed with an answer equal to the last but for its envelope's timestamp keeps
 * the list it has, sort orders included; any change in the answer is a new list.
 */
const sim = await startDirectorSimulator(12);
setTestEnv(sim.url);
const list = await import('./route');
const { viewer } = await testSessions();
afterAll(() => sim.close());

const store = sim.director.store;
const getList = (query: string) => getJson<ListResponse<UserRow>>(list.GET, `/api/director/users?pageSize=100&${query}`, viewer);
const userCalls = () => sim.requests.filter((r) => r.path === '/rest/mgmt/user').length;
const held = () => heldDirectorList('users?sciID=&orgID=');
const olderThanRefreshFloor = () => new Promise((resolve) => setTimeout(resolve, 2_100));

describe('refreshing the users list', () => {
  it('keeps the list on an answer that differs only in its timestamp, and reads a changed one anew', { timeout: 20_000 }, async () => {
    const first = await getList('sort=lastname');
    expect(first.status).toBe(200);
    const before = await held();

    // Director's envelope carries the time in seconds: the next answer's timestamp differs.
    await olderThanRefreshFloor();
    const calls = userCalls();
    const same = await getList('sort=lastname&refresh=1');
    expect(userCalls()).toBe(calls + 1);
    expect(same.body.fetchedAt).toBeGreaterThan(first.body.fetchedAt ?? Number.POSITIVE_INFINITY);
    expect(same.body.items).toEqual(first.body.items);
    expect(await held()).toBe(before);

    const user = store.users.byId.get(first.body.items[0]!.id)!;
    user.lastname = 'Aaberg-Renamed';
    await olderThanRefreshFloor();
    const changed = await getList('sort=lastname&refresh=1');
    expect(await held()).not.toBe(before);
    expect(changed.body.items.find((r) => r.id === user.id)?.lastname).toBe('Aaberg-Renamed');
  });
});
