import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { healthSchema } from '@/lib/schemas/health';
import { apiRequest, context, setTestEnv, testSessions } from '@/lib/testing/bff';
import { faults, startScriptedUpstream } from '@/lib/testing/scripted-upstream';

const director = await startScriptedUpstream();
// A port that refuses connections: HSS is down.
const closed = createServer();
await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
const deadPort = (closed.address() as AddressInfo).port;
await new Promise<void>((r) => closed.close(() => r()));

setTestEnv(director.url, {
  // Far above a healthy answer on a loaded machine (300 ms flaked at load 30); the hang test waits it out.
  DIRECTOR_TIMEOUT_MS: '2000',
  HSS_ENDPOINT: `http://127.0.0.1:${deadPort}`,
  HSS_PROJECT_ID: 'p-test',
  HUAWEI_AK: 'AK-HEALTH-TEST',
  HUAWEI_SK: 'SK-HEALTH-TEST-SECRET',
});
const health = await import('./route');

const { viewer } = await testSessions();
afterAll(() => director.close());

describe('GET /api/health', () => {
  it('reports each upstream reachable or not, since when, without hosts or keys', async () => {
    const started = Date.now();
    const res = await health.GET(apiRequest('/api/health', { cookie: viewer }), context());
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = healthSchema.parse(JSON.parse(text));
    expect(body.upstreams.director).toMatchObject({ configured: true, reachable: true, circuit: 'closed' });
    expect(body.upstreams.hss).toMatchObject({ configured: true, reachable: false, error: 'upstream_unavailable' });
    expect(Date.parse(body.upstreams.hss.since!)).toBeGreaterThanOrEqual(started - 5);
    for (const hidden of [director.url, String(deadPort), 'AK-HEALTH-TEST', 'SK-HEALTH-TEST-SECRET']) expect(text).not.toContain(hidden);
    // the HSS probe carries no credentials
    expect(director.seen.every((s) => s.path === '/rest/sci')).toBe(true);
  });

  it('a hung Director is reported within the probe deadline and does not hold HSS back', async () => {
    director.script.set('/rest/sci', faults.hang());
    await new Promise((r) => setTimeout(r, 5_100));
    const body = healthSchema.parse(await (await health.GET(apiRequest('/api/health', { cookie: viewer }), context())).json());
    expect(body.upstreams.director).toMatchObject({ reachable: false, error: 'upstream_timeout' });
    expect(body.upstreams.hss.reachable).toBe(false);
  });
});
