import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { healthSchema, type Health, type UpstreamHealth } from '@/lib/schemas/health';
import { createTtlCache } from './cache';
import { vendorInt } from './director/records';
import { directorFetch } from './director/transport';
import { sciFetch } from './sci/transport';
import { getEnv } from './env';
import type { SciConnection } from './sci/connections';
import type { Upstream } from './upstream/client';
import { getSciUpstream, getUpstream } from './upstream/registry';
import { processSingleton } from './process-singletons';

export type { Health, UpstreamHealth };

// A few seconds, so a dashboard polling /api/health cannot turn into load on an upstream.
const healthCache = () => processSingleton('cache.health', () => createTtlCache({ ttlMs: 5_000, name: 'health' }));
/** A health probe never waits as long as a real call may. */
const probeTimeoutMs = 5_000;

function errorCodeOf(err: unknown): string {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : 'upstream_error';
}

async function check(upstream: Upstream, probe: () => Promise<boolean>): Promise<UpstreamHealth> {
  const started = performance.now();
  const checkedAt = new Date().toISOString();
  let error: string | undefined;
  try {
    if (!(await probe())) error = 'upstream_error';
  } catch (err) {
    error = errorCodeOf(err);
  }
  const status = upstream.status();
  return {
    configured: true,
    reachable: error === undefined,
    since: status.since ?? checkedAt,
    checkedAt,
    latencyMs: Math.round(performance.now() - started),
    circuit: status.circuit,
    ...(error ? { error } : {}),
  };
}

/** Director: an authenticated read, so a wrong API key shows as a failure too. */
/** The SCI ids Director named at its last probe: the SCIs without a connection are counted from it. */
const directorSciIds = () => processSingleton('directorSciIds', (): { ids: number[] | null } => ({ ids: null }));
const sciIdList = z.array(z.unknown()).transform((items) =>
  items.flatMap((item) => {
    const parsed = z.object({ id: vendorInt }).safeParse(item);
    return parsed.success ? [parsed.data.id] : [];
  }),
);

const checkDirector = () =>
  check(getUpstream('director'), async () => {
    directorSciIds().ids = await directorFetch({ path: '/sci', schema: sciIdList, timeoutMs: probeTimeoutMs });
    return true;
  });

/**
 * HSS: any HTTP answer below 500 from the endpoint proves the host, TLS and gateway are up. No
 * credentials are sent, so the probe costs nothing of the tenant's API quota.
 */
const checkHss = (endpoint: string) =>
  check(getUpstream('hss'), async () => {
    const { status } = await getUpstream('hss').send({
      method: 'GET',
      url: new URL(`${endpoint}/`),
      headers: { accept: 'application/json' },
      requestId: randomUUID(),
      timeoutMs: probeTimeoutMs,
    });
    return status < 500;
  });

/** One SCI: an authenticated read of its (small) role list, so a wrong key pair shows as a failure too. */
const checkSci = (connection: SciConnection) =>
  check(getSciUpstream(connection), async () => {
    await sciFetch(connection, { path: '/role', query: { fields: 'id' }, schema: z.array(z.unknown()), timeoutMs: probeTimeoutMs });
    return true;
  });

function notConfigured(): UpstreamHealth {
  return { configured: false, reachable: null, since: null, checkedAt: new Date().toISOString(), latencyMs: 0, circuit: 'closed' };
}

export async function getHealth(): Promise<Health> {
  const { hss, scis } = getEnv();
  // All at once: a hung upstream must not delay another's answer.
  const connections = [...scis.connections.values()].sort((a, b) => a.id - b.id);
  const [director, hssHealth, ...sciHealth] = await Promise.all([
    healthCache().get('director', checkDirector),
    hss ? healthCache().get('hss', () => checkHss(hss.endpoint)) : notConfigured(),
    ...connections.map((c) => healthCache().get(`sci:${c.id}`, () => checkSci(c))),
  ]);
  return healthSchema.parse({
    app: 'ok',
    upstreams: { director, hss: hssHealth },
    scis: sciHealth.map((h, i) => ({ ...h, sciId: connections[i]!.id })),
    scisNotConnected: (directorSciIds().ids ?? []).filter((id) => !scis.connections.has(id)).sort((a, b) => a - b),
  });
}
