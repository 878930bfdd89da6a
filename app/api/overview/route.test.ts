import { describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '@/lib/schemas/common';
import { overviewSchema, type DirectorCounts, type Overview } from '@/lib/schemas/overview';
import { getJson } from '@/lib/testing/bff';
import { hssTestSetup } from '@/lib/testing/hss';

// A short Director TTL, so a case can wait out what the previous one cached.
const directorTtlMs = 300;
const { sim, viewer } = await hssTestSetup('aksk', { DIRECTOR_CACHE_TTL_MS: String(directorTtlMs), HSS_CACHE_TTL_MS: '300' });
const overview = await import('./route');

const store = sim.director.store;
const getOverview = async (cookie = viewer) => {
  const res = await getJson<Overview & ErrorEnvelope>(overview.GET, '/api/overview', cookie);
  expect(res.status).toBe(200);
  return overviewSchema.parse(res.body);
};
const waitOutDirectorCache = () => new Promise((r) => setTimeout(r, directorTtlMs + 50));
const dataOf = <T>(part: { data: T } | object): T => {
  expect(part).toHaveProperty('data');
  return (part as { data: T }).data;
};

/** The simulator's records per SCI id, as the tiles should count them. */
function expectedCounts(records: Iterable<{ sciId: number }>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const r of records) counts.set(r.sciId, (counts.get(r.sciId) ?? 0) + 1);
  return counts;
}
const countsOf = (part: DirectorCounts) => new Map(part.bySci.map((c) => [c.sciId, c.count]));

describe('GET /api/overview', () => {
  it('answers each SCI with status, version, last sync and scanners, and per-SCI counts of scans, organizations and users', async () => {
    const body = await getOverview();
    const scis = dataOf(body.scis);
    expect(scis.items.map((s) => s.id).sort()).toEqual([...store.scis.values()].map((s) => s.id).sort());
    for (const sci of store.scis.values()) {
      const shown = scis.items.find((s) => s.id === sci.id)!;
      expect(shown).toMatchObject({
        name: sci.name,
        status: '1',
        version: sci.version,
        workingScanners: sci.scanners.filter((s) => s.isWorking).length,
        totalScanners: sci.scanners.length,
      });
      // Epoch seconds from Director, epoch ms to the browser.
      expect(Math.abs(shown.lastSyncAt! - (Date.now() - sci.lastSyncAgoS * 1000))).toBeLessThan(5_000);
      // Allowlisted: the SCI's address and uuid stay on the server.
      expect(Object.keys(shown)).not.toContain('ip');
      expect(Object.keys(shown)).not.toContain('uuid');
    }
    expect(countsOf(dataOf(body.scans))).toEqual(expectedCounts(store.scans.values()));
    expect(dataOf(body.scans).total).toBe(store.scans.size);
    expect(countsOf(dataOf(body.organizations))).toEqual(expectedCounts(store.organizations.values()));
    expect(countsOf(dataOf(body.users))).toEqual(expectedCounts(store.users.values()));
    expect(dataOf(body.health).upstreams.director.reachable).toBe(true);
  });

  it('shows a running HSS task with its host counts, and the last 24 h tasks that left failed hosts', async () => {
    const started = sim.hss.startTask({ durationMs: 60_000 });
    const tasks = dataOf((await getOverview()).hssTasks);
    const running = tasks.running.find((t) => t.id === started.id);
    expect(running).toMatchObject({ status: 'running', scanningHosts: started.scanning_host_num });
    const since = tasks.since;
    expect(Math.abs(Date.now() - 24 * 60 * 60 * 1000 - since)).toBeLessThan(65_000);
    const newest = sim.hss.tasks().slice(0, 100);
    const failedRecently = newest.filter((t) => t.start_time >= since && t.failed_host_num > 0).map((t) => t.id);
    expect(tasks.recent.withFailedHosts.map((t) => t.id).sort()).toEqual(failedRecently.sort());
    expect(tasks.recent.total).toBe(newest.filter((t) => t.start_time >= since).length);
  });

  it('costs at most one vendor call per list however many viewers ask at once: lists and HSS answers are shared', async () => {
    await getOverview();
    await waitOutDirectorCache();
    const before = sim.requests.length;
    // The health probe reads /sci without `fields` on its own 5 s cache; the tile's read asks for fields.
    const callsTo = (path: string) =>
      sim.requests.slice(before).filter((r) => r.path.endsWith(path) && (path !== '/rest/sci' || r.query.includes('fields='))).length;
    await Promise.all(Array.from({ length: 5 }, () => getOverview()));
    // Past the TTL each list is fetched again once, behind the answer, whoever asks.
    for (const path of ['/rest/mgmt/scan', '/rest/mgmt/user', '/rest/mgmt/organization', '/rest/sci', '/vulnerability/scan-tasks']) {
      expect(callsTo(path), path).toBeLessThanOrEqual(1);
    }
  });

  it("degrades only the SCI tile when Director refuses /sci, with Director's code, message and request id", async () => {
    await waitOutDirectorCache();
    sim.failNext({
      pathPrefix: '/rest/sci',
      queryIncludes: 'fields=',
      response: { status: 403, body: { type: 'regular', response: '', error_code: 146, error_msg: 'Invalid resource', warnings: [], timestamp: 1 } },
    });
    const body = await getOverview();
    expect(body.scis).toMatchObject({ error: { upstream: { vendor: 'director', code: '146', message: 'Invalid resource' } } });
    expect((body.scis as { error: ErrorEnvelope['error'] }).error.upstream?.requestId).toMatch(/.+/);
    expect(dataOf(body.scans).total).toBe(store.scans.size);
    expect(dataOf(body.hssTasks).running).toBeDefined();
  });

  it("degrades only the HSS tile when HSS refuses the task list, with HSS's code and request id", async () => {
    sim.failNext({
      pathPrefix: '/v5/',
      pathIncludes: '/vulnerability/scan-tasks',
      response: {
        status: 403,
        headers: { 'X-Request-Id': 'hss-req-overview-1' },
        body: { error_code: 'HSS.0004', error_msg: 'No permission for this project' },
      },
    });
    const body = await getOverview();
    expect(body.hssTasks).toMatchObject({ error: { upstream: { vendor: 'hss', code: 'HSS.0004', requestId: 'hss-req-overview-1' } } });
    expect(dataOf(body.scis).items).toHaveLength(store.scis.size);
    expect(dataOf(body.users).total).toBe(store.users.size);
  });

  it('reads an odd SCI record field by field: an unreadable count is left out and said, the SCI still shown', async () => {
    await waitOutDirectorCache();
    const [first, second] = [...store.scis.values()];
    sim.failNext({
      pathPrefix: '/rest/sci',
      queryIncludes: 'fields=',
      response: {
        status: 200,
        body: {
          type: 'regular',
          response: [
            { id: String(first!.id), name: first!.name, status: '8194', version: 'Unknown', lastSyncTime: '0', workingScanners: 'lots', totalScanners: 2 },
            { id: String(second!.id), name: second!.name, status: '1', lastSyncTime: '1574707501', workingScanners: 2, totalScanners: 3 },
            { name: 'no id' },
          ],
          error_code: 0,
          error_msg: '',
          warnings: [],
          timestamp: 1,
        },
      },
    });
    const scis = dataOf((await getOverview()).scis);
    expect(scis.items.find((s) => s.id === first!.id)).toEqual({ id: first!.id, name: first!.name, status: '8194', version: 'Unknown', totalScanners: 2 });
    expect(scis.items.find((s) => s.id === second!.id)).toMatchObject({ lastSyncAt: 1574707501000, workingScanners: 2, totalScanners: 3 });
    expect(scis.unreadable).toMatchObject({ records: 1, fields: 1 });
  });

  it('needs a session', async () => {
    const res = await getJson<ErrorEnvelope>(overview.GET, '/api/overview', '');
    expect(res.status).toBe(401);
  });
});
