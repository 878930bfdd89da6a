import { afterAll, describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '@/lib/schemas/common';
import { apiRequest, context, setTestEnv, testSessions } from '@/lib/testing/bff';
import { envelope, faults, startScriptedUpstream } from '@/lib/testing/scripted-upstream';

const up = await startScriptedUpstream();
setTestEnv(up.url, {
  DIRECTOR_TIMEOUT_MS: '300',
  DIRECTOR_CACHE_TTL_MS: '1',
  DIRECTOR_CACHE_MAX_AGE_MS: '1',
  UPSTREAM_CIRCUIT_THRESHOLD: '2',
  UPSTREAM_CIRCUIT_OPEN_MS: '400',
});
const list = await import('./route');

const { viewer } = await testSessions();
afterAll(() => up.close());

async function listScans() {
  const res = await list.GET(apiRequest('/api/director/scans', { cookie: viewer }), context());
  return { res, body: (await res.json()) as ErrorEnvelope };
}

describe('the Director circuit through the route', () => {
  it('fails fast with 503 and Retry-After while open, then closes when Director recovers', async () => {
    up.script.set('/rest/mgmt/scan', faults.hang());
    expect((await listScans()).res.status).toBe(504);
    expect((await listScans()).res.status).toBe(504);
    const calls = up.seen.length;

    // Fails fast: answered without a call to Director (the count below), not by a clock.
    const fast = await listScans();
    expect(fast.res.status).toBe(503);
    expect(fast.res.headers.get('retry-after')).toBe('1');
    expect(fast.res.headers.get('cache-control')).toMatch(/^no-store\b/);
    expect(fast.body.error.code).toBe('upstream_unavailable');
    expect(up.seen.length).toBe(calls);

    up.script.set('/rest/mgmt/scan', faults.status(200, envelope([])));
    await new Promise((r) => setTimeout(r, 450));
    expect((await listScans()).res.status).toBe(200);
    expect((await listScans()).res.status).toBe(200);
  });
});
