import { afterAll, describe, expect, it } from 'vitest';
import type { Selection } from '@/lib/schemas/bulk';
import type { ErrorEnvelope, ListResponse } from '@/lib/schemas/common';
import type { ScanRow, ScanSelectionItem } from '@/lib/schemas/scan';
import { directorKeys, getJson, setTestEnv, testSessions } from '@/lib/testing/bff';
import { startSimulator } from '@/simulator/server';

/** "Select all matching the filters": resolved from the cached list, bounded, admins only. */
const sim = await startSimulator({
  port: 0,
  seed: 5,
  size: { users: 150, scans: 620 },
  director: directorKeys,
  hss: { projectId: 'p-test', ak: 'AK-TEST', sk: 'SK-TEST' },
  iam: { domain: 'd', username: 'u', password: 'iam-test-password', projectName: 'cn-north-4', projectId: 'p-test' },
});
setTestEnv(sim.url, { DIRECTOR_CACHE_TTL_MS: '60000' });
const list = await import('./route');
const selection = await import('./selection/route');
const { admin, viewer } = await testSessions();
afterAll(() => sim.close());

const sci = [...sim.director.store.scis.values()][0]!;
const scanCalls = () => sim.requests.filter((r) => r.method === 'GET' && r.path === '/rest/mgmt/scan').length;
const select = (query: string, cookie = admin) =>
  getJson<Selection<ScanSelectionItem> & ErrorEnvelope>(selection.GET, `/api/director/scans/selection?${query}`, cookie);

describe('GET /api/director/scans/selection', () => {
  it("answers every scan the table's filters and search match, in its sort, named with its SCI, from the list the table read", async () => {
    const query = `sciId=${sci.id}&sort=name&order=desc`;
    const table = await getJson<ListResponse<ScanRow>>(list.GET, `/api/director/scans?${query}&pageSize=100&columns=name`, viewer);
    expect(table.status).toBe(200);
    const calls = scanCalls();

    // The table's own query string, page and page size included: they do not narrow the selection.
    const res = await select(`${query}&page=2&pageSize=10&columns=name,status`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(table.body.total);
    expect(res.body.items).toHaveLength(table.body.total);
    expect(res.body.items.slice(0, 100).map((s) => s.id)).toEqual(table.body.items.map((s) => s.id));
    for (const item of res.body.items) {
      expect(Object.keys(item).every((key) => ['id', 'name', 'sci'].includes(key))).toBe(true);
      expect(item.sci).toMatchObject({ id: sci.id, name: sci.name });
    }
    // From the cached list: no further call to Director, whatever the selection asked.
    expect(scanCalls()).toBe(calls);

    const searched = await select(`sciId=${sci.id}&q=${encodeURIComponent(res.body.items[0]!.name!)}`);
    expect(searched.body.items.length).toBeGreaterThan(0);
    expect(searched.body.items.length).toBeLessThan(res.body.items.length);
  });

  it('refuses more than 500 matching scans with a plain message, rather than answer a part of them', async () => {
    const res = await select('');
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('too_many_items');
    expect(res.body.error.message).toMatch(/^6\d\d scans match the filters; a bulk action takes at most 500 at a time\. Narrow the filters/);
    expect(res.body).not.toHaveProperty('items');
  });

  it('is for admins only (viewers act on nothing in bulk), and refuses a bad query', async () => {
    expect((await select(`sciId=${sci.id}`, viewer)).status).toBe(403);
    const bad = await select('sciId=abc&refresh=yes');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.details ?? {})).toEqual(expect.arrayContaining(['sciId', 'refresh']));
  });

  it('never asks Director for a fresh list, even when told to', async () => {
    await select(`sciId=${sci.id}`);
    const calls = scanCalls();
    expect((await select(`sciId=${sci.id}&refresh=1`)).status).toBe(200);
    expect(scanCalls()).toBe(calls);
  });
});
