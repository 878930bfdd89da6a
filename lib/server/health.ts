import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { healthSchema, type Health, type UpstreamHealth } from '@/lib/schemas/health';
import { createTtlCache } from './cache';
import { directorFetch } from './director/transport';
import { getEnv } from './env';
import type { Vendor } from './errors';
import { getUpstream } from './upstream/registry';

export type { Health, UpstreamHealth };

// A few seconds, so a dashboard polling /api/health cannot turn into load on an upstream.
const healthCache = createTtlCache({ ttlMs: 5_000 });
/** A health probe never waits as long as a real call may. */
const probeTimeoutMs = 5_000;

function errorCodeOf(err: unknown): string {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : 'upstream_error';
}

async function check(vendor: Vendor, probe: () => Promise<boolean>): Promise<UpstreamHealth> {
  const started = performance.now();
  const checkedAt = new Date().toISOString();
  let error: string | undefined;
  try {
    if (!(await probe())) error = 'upstream_error';
  } catch (err) {
    error = errorCodeOf(err);
  }
  const status = getUpstream(vendor).status();
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
const checkDirector = () =>
  check('director', async () => {
    await directorFetch({ path: '/sci', schema: z.array(z.unknown()), timeoutMs: probeTimeoutMs });
    return true;
  });

/**
 * HSS: any HTTP answer below 500 from the endpoint proves the host, TLS and gateway are up. No
 * credentials are sent, so the probe costs nothing of the tenant's API quota.
 */
const checkHss = (endpoint: string) =>
  check('hss', async () => {
    const { status } = await getUpstream('hss').send({
      method: 'GET',
      url: new URL(`${endpoint}/`),
      headers: { accept: 'application/json' },
      requestId: randomUUID(),
      timeoutMs: probeTimeoutMs,
    });
    return status < 500;
  });

function notConfigured(): UpstreamHealth {
  return { configured: false, reachable: null, since: null, checkedAt: new Date().toISOString(), latencyMs: 0, circuit: 'closed' };
}

export async function getHealth(): Promise<Health> {
  const { hss } = getEnv();
  // Both at once: a hung upstream must not delay the other's answer.
  const [director, hssHealth] = await Promise.all([
    healthCache.get('director', checkDirector),
    hss ? healthCache.get('hss', () => checkHss(hss.endpoint)) : notConfigured(),
  ]);
  return healthSchema.parse({ app: 'ok', upstreams: { director, hss: hssHealth } });
}
