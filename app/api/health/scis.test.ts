import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeScis } from '@/components/shell/upstream-status';
import { healthSchema } from '@/lib/schemas/health';
import { apiRequest, context, directorKeys, sessionCookie, setTestEnv, startDirectorSimulator } from '@/lib/testing/bff';
import { sciKeysFor } from '@/simulator/sci';

const sim = await startDirectorSimulator(3);
const scis = [...sim.director.store.scis.values()];
// A port that refuses connections: one connected SCI is down.
const closed = createServer();
await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
const deadPort = (closed.address() as AddressInfo).port;
await new Promise<void>((r) => closed.close(() => r()));

const [down, wrongKey, ...up] = scis;
const file = join(mkdtempSync(join(tmpdir(), 'scandeck-health-scis-')), 'scis.json');
writeFileSync(
  file,
  JSON.stringify({
    scis: [
      { id: down!.id, url: `http://127.0.0.1:${deadPort}`, ...sciKeysFor(directorKeys, down!.id) },
      // Another SCI's key pair: the SCI refuses it, which health must show too.
      { id: wrongKey!.id, url: `${sim.url}${sim.scis.prefixOf(wrongKey!.id)}`, ...sciKeysFor(directorKeys, down!.id) },
      // The last SCI stays unconnected.
      ...up.slice(0, -1).map((s) => ({ id: s.id, url: `${sim.url}${sim.scis.prefixOf(s.id)}`, ...sciKeysFor(directorKeys, s.id) })),
    ],
  }),
  { mode: 0o600 },
);
chmodSync(file, 0o600);
setTestEnv(sim.url, { SCI_CONNECTIONS_FILE: file, UPSTREAM_RETRIES: '0' });
const health = await import('./route');

let viewer: string;
beforeAll(async () => {
  viewer = await sessionCookie('vic', 'viewer');
});
afterAll(() => sim.close());

describe('GET /api/health and the SCIs', () => {
  it('probes each connected SCI with its own key pair and counts them, naming no host or key', async () => {
    const res = await health.GET(apiRequest('/api/health', { cookie: viewer }), context());
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = healthSchema.parse(JSON.parse(text));
    expect(body.scis.map((s) => s.sciId)).toEqual([down!.id, wrongKey!.id, ...up.slice(0, -1).map((s) => s.id)].sort((a, b) => a - b));
    const byId = new Map(body.scis.map((s) => [s.sciId, s]));
    expect(byId.get(down!.id)).toMatchObject({ configured: true, reachable: false, error: 'upstream_unavailable' });
    expect(byId.get(wrongKey!.id)).toMatchObject({ reachable: false });
    for (const s of up.slice(0, -1)) expect(byId.get(s.id)).toMatchObject({ reachable: true, circuit: 'closed' });
    for (const hidden of [String(deadPort), sim.url, sciKeysFor(directorKeys, down!.id).secretKey]) expect(text).not.toContain(hidden);
    const probes = sim.requests.filter((r) => r.path.startsWith('/sci/'));
    expect(new Set(probes.map((r) => r.path.split('/')[2]))).toEqual(new Set([wrongKey!.id, ...up.slice(0, -1).map((s) => s.id)].map(String)));
    // The unconnected SCI counts against the total: "N of all SCIs Director names".
    expect(body.scisNotConnected).toEqual([up.at(-1)!.id]);
    const described = describeScis(body.scis, body.scisNotConnected);
    expect(described.text).toBe(`${scis.length - 3} of ${scis.length} reachable`);
    expect(described.title).toContain(`Not connected (SCI_CONNECTIONS_FILE): SCI ${up.at(-1)!.id}.`);
  });

  it('says "none connected" without a connections file entry', () => {
    expect(describeScis([])).toMatchObject({ text: 'none connected', tone: 'idle' });
  });
});
