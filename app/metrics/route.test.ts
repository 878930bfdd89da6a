import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { apiRequest, setTestEnv } from '@/lib/testing/bff';

const token = 'scrape-token-0123456789-abcdefghijklmnopq';

/** The route as a server started with (or without) METRICS_TOKEN serves it. */
async function metricsRoute(extra: Record<string, string>) {
  vi.resetModules();
  setTestEnv('http://127.0.0.1:9', { SCANDECK_DATA_DIR: mkdtempSync(join(tmpdir(), 'scandeck-metrics-')), METRICS_TOKEN: '', ...extra });
  const { GET } = await import('./route');
  return (authorization?: string) => GET(apiRequest('/metrics', { headers: authorization ? { authorization } : {} }));
}

describe('/metrics', () => {
  it('does not exist without METRICS_TOKEN (404), whatever is sent', async () => {
    const get = await metricsRoute({});
    for (const auth of [undefined, 'Bearer ', `Bearer ${token}`]) expect((await get(auth)).status).toBe(404);
  });

  it('refuses a missing, wrong, longer, shorter or differently-schemed token with 401', async () => {
    const get = await metricsRoute({ METRICS_TOKEN: token });
    for (const auth of [
      undefined,
      'Bearer',
      `Bearer ${token}x`,
      `Bearer ${token.slice(0, -1)}`,
      `Basic ${token}`,
      `bearer  ${token}`,
      token,
      `Bearer ${token.toUpperCase()}`,
    ]) {
      const res = await get(auth);
      expect(res.status, String(auth)).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await res.text()).not.toContain(token);
    }
  });

  it('serves Prometheus text to the right token, never cached', async () => {
    const get = await metricsRoute({ METRICS_TOKEN: token });
    const { createTtlCache } = await import('@/lib/server/cache');
    const cache = createTtlCache({ ttlMs: 60_000, name: 'route-test' });
    await cache.get('k', async () => 1);
    await cache.get('k', async () => 1);
    const res = await get(`Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    expect(text).toContain('scandeck_cache_lookups_total{cache="route-test",result="miss"} 1');
    expect(text).toContain('scandeck_cache_lookups_total{cache="route-test",result="hit"} 1');
    expect(text).toContain('scandeck_cache_entries{cache="route-test"} 1');
    expect(text).toContain('# TYPE scandeck_http_requests_total counter');
    expect(text).toContain('scandeck_process_resident_memory_bytes');
  });
});
