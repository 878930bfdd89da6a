import 'server-only';
import { z } from 'zod';
import { createTtlCache } from './cache';
import { directorFetch } from './director/transport';

export interface UpstreamHealth {
  reachable: boolean;
  checkedAt: string;
  latencyMs: number;
  /** ScanDeck's error code when not reachable */
  error?: string;
}

export interface Health {
  app: 'ok';
  upstreams: { director: UpstreamHealth };
}

// A few seconds, so a dashboard polling /api/health cannot turn into load on Director.
const healthCache = createTtlCache({ ttlMs: 5_000 });

async function checkDirector(): Promise<UpstreamHealth> {
  const started = performance.now();
  const checkedAt = new Date().toISOString();
  try {
    await directorFetch({ path: '/sci', schema: z.array(z.unknown()) });
    return { reachable: true, checkedAt, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    const code = err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : 'upstream_error';
    return { reachable: false, checkedAt, latencyMs: Math.round(performance.now() - started), error: code };
  }
}

export async function getHealth(): Promise<Health> {
  const director = await healthCache.get('director', checkDirector);
  return { app: 'ok', upstreams: { director } };
}
