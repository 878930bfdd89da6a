import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRequest, context, sessionCookie, setTestEnv, startDirectorSimulator } from '@/lib/testing/bff';

/**
 * The security review's memory hole, end to end: a viewer cycling through column sets and filters
 * through the real list routes against the simulator. The cache holds one list per resource and
 * Director filter whatever the columns, and never more than its entry and byte bounds.
 */
const sim = await startDirectorSimulator(21);
const maxEntries = 6;
const maxBytes = 4 * 1024 * 1024;
setTestEnv(sim.url, { LIST_CACHE_MAX_ENTRIES: String(maxEntries), LIST_CACHE_MAX_BYTES: String(maxBytes) });
const scans = await import('./scans/route');
const users = await import('./users/route');
const { directorListCache } = await import('@/lib/server/list-cache');

let viewer: string;
let directorCalls = 0;
/** the scan list's own name lookups (policies, repositories, zones, users per SCI), counted apart */
let lookupCalls = 0;
const countCall = (message: unknown) => {
  const path = (message as { request?: { path?: string } }).request?.path ?? '';
  if (/^\/rest\/mgmt\/(policy|repository|zone|user)\b/.test(path)) lookupCalls += 1;
  else directorCalls += 1;
};
beforeAll(async () => {
  viewer = await sessionCookie('vic', 'viewer');
  subscribe('undici:request:create', countCall);
});
afterAll(async () => {
  unsubscribe('undici:request:create', countCall);
  await sim.close();
});

const columnSets = [
  'name',
  'name,description',
  'name,status,sci',
  'ipList,zone,policy',
  'createdTime,modifiedTime',
  'owner,creator,repository',
  'plugin,type,rolloverType',
  'maxScanTime,timeoutAction',
  'emailOnLaunch,emailOnFinish,dhcpTracking',
  'sci,organization,sciScanId,classifyMitigatedAge,scanningVirtualHosts',
];
const scis = [...sim.director.store.scis.values()].map((s) => s.id);
const orgs = [...sim.director.store.organizations.values()].map((o) => o.id);
/** Ten Director filters: no filter, SCIs, organizations, and ids that do not exist. */
const filters = ['', '&sciId=999', '&orgId=999', ...scis.map((id) => `&sciId=${id}`), ...orgs.map((id) => `&orgId=${id}`)].slice(0, 10);

async function get(route: Pick<typeof scans, 'GET'>, path: string) {
  const res = await route.GET(apiRequest(path, { cookie: viewer }), context());
  expect(res.status).toBe(200);
  return (await res.json()) as { items: Array<Record<string, unknown>>; total: number; fetchedAt: number; ageMs: number };
}

describe('Director list cache under a viewer cycling 100 column/filter variants', () => {
  it('keeps one list per filter whatever the columns, within its entry and byte bounds', async () => {
    expect(filters).toHaveLength(10);
    directorCalls = 0;
    lookupCalls = 0;
    let peakEntries = 0;
    let peakBytes = 0;
    for (const filter of filters) {
      for (const columns of columnSets) {
        const body = await get(scans, `/api/director/scans?pageSize=10&sort=name&columns=${columns}${filter}`);
        // Rows carry only the columns asked for, though the cached list holds every field; a row
        // showing a policy, owner, creator, repository or zone also carries the SCI its name was looked up on.
        const asked = columns.split(',');
        const withSci = asked.some((c) => ['policy', 'owner', 'creator', 'repository', 'zone'].includes(c)) ? ['sci'] : [];
        for (const row of body.items) {
          for (const key of Object.keys(row)) expect(['id', 'uuid', 'name', 'description', ...asked, ...withSci]).toContain(key);
        }
        const stats = directorListCache().stats();
        peakEntries = Math.max(peakEntries, stats.entries);
        peakBytes = Math.max(peakBytes, stats.bytes);
      }
    }
    // One Director call per filter, not per column set, and Director's SCI list once (whose names
    // to look up); the names come from lookups cached per SCI (three per SCI plus the one zone
    // list), however many filters and column sets ask.
    expect(directorCalls).toBe(filters.length + 1);
    expect(lookupCalls).toBeLessThanOrEqual(3 * sim.director.store.scis.size + 1);
    expect(peakEntries).toBeLessThanOrEqual(maxEntries);
    expect(peakBytes).toBeLessThanOrEqual(maxBytes);
    expect(
      directorListCache()
        .stats()
        .keys.every((k) => k.startsWith('scans?')),
    ).toBe(true);
  });

  it('shares the bound with other resources: users push the oldest scan lists out', async () => {
    for (const filter of filters.slice(0, 5)) {
      for (const columns of ['email', 'title,phone', 'city,country', 'sci,organization,role,group']) {
        await get(users, `/api/director/users?pageSize=10&q=a&columns=username,${columns}${filter}`);
      }
    }
    const stats = directorListCache().stats();
    expect(stats.entries).toBeLessThanOrEqual(maxEntries);
    expect(stats.bytes).toBeLessThanOrEqual(maxBytes);
    expect(stats.keys.filter((k) => k.startsWith('users?'))).toHaveLength(5);
  });

  it('answers carry the age of the list they were cut from', async () => {
    const body = await get(scans, '/api/director/scans?pageSize=10');
    expect(body.fetchedAt).toBeLessThanOrEqual(Date.now());
    expect(body.ageMs).toBeGreaterThanOrEqual(0);
  });

  it('refresh=1 asks Director again only for a list at least 2 s old, and anything else is a 400', async () => {
    const first = await get(scans, '/api/director/scans?pageSize=10&sciId=999&refresh=1');
    directorCalls = 0;
    const soon = await get(scans, '/api/director/scans?pageSize=10&sciId=999&refresh=1');
    expect(directorCalls).toBe(0);
    expect(soon.fetchedAt).toBe(first.fetchedAt);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const later = await get(scans, '/api/director/scans?pageSize=10&sciId=999&refresh=1');
    expect(directorCalls).toBe(1);
    expect(later.fetchedAt).toBeGreaterThan(first.fetchedAt);
    const res = await scans.GET(apiRequest('/api/director/scans?refresh=yes', { cookie: viewer }), context());
    expect(res.status).toBe(400);
  });
});
