import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { captureLog } from '@/lib/testing/log';
import { freePort, startRedis } from '@/lib/testing/redis';
import { setTestEnv } from '@/lib/testing/bff';

// No upstream is called by either probe: Director's URL points at a port where nothing listens.
const nowhere = `http://127.0.0.1:${await freePort()}`;
const redis = await startRedis();
afterAll(() => redis.dispose());

/** The probes as a server started with these settings would serve them (modules and stores fresh). */
async function serverWith(extra: Record<string, string>) {
  vi.resetModules();
  // Probes share one check for a second; a server with other settings starts without that memory.
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('scandeck.readiness')];
  setTestEnv(nowhere, { SCANDECK_DATA_DIR: mkdtempSync(join(tmpdir(), 'scandeck-probes-')), REDIS_URL: '', ...extra });
  const live = await import('./live/route');
  const ready = await import('./ready/route');
  return { live: () => live.GET(), ready: () => ready.GET() };
}

async function readyAnswer(server: Awaited<ReturnType<typeof serverWith>>) {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('scandeck.readiness')];
  const res = await server.ready();
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as { status: string; checks: Record<string, string>; detail: Record<string, string> }, res };
}

describe('/api/health/live', () => {
  it('answers 200 without a session, never cached', async () => {
    const server = await serverWith({});
    const res = server.live();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ status: 'live' });
  });
});

describe('/api/health/ready', () => {
  it('is ready on the embedded stores (SQLite), without a session', async () => {
    const { status, body, res } = await readyAnswer(await serverWith({}));
    expect(status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(body).toEqual({ status: 'ready', checks: { configuration: 'ok', stateStore: 'ok', auditStore: 'ok' }, detail: { hssBudget: 'local' } });
  });

  it('follows Redis: ready while it runs, 503 naming the state store while it is down, ready again when it is back', async () => {
    const server = await serverWith({ REDIS_URL: redis.url });
    const up = await readyAnswer(server);
    expect(up.status).toBe(200);
    // One HSS call budget for every instance, kept in Redis.
    expect(up.body.detail).toEqual({ hssBudget: 'shared' });

    await redis.stop();
    const log = captureLog();
    try {
      const down = await readyAnswer(server);
      expect(down.status).toBe(503);
      // The HSS budget says where it is kept meanwhile: in this instance alone (README, "Running in production").
      expect(down.body).toEqual({
        status: 'not_ready',
        checks: { configuration: 'ok', stateStore: 'failed', auditStore: 'ok' },
        detail: { hssBudget: 'degraded' },
      });
      // Names only: neither where Redis is nor what it said.
      expect(down.text).not.toContain(String(redis.port));
      expect(down.text).not.toMatch(/redis|ECONNREFUSED|127\.0\.0\.1/i);
      // A second probe while still down adds no second log line: a failure is logged when it starts.
      expect((await readyAnswer(server)).status).toBe(503);
    } finally {
      log.restore();
    }
    const notReady = log.entries().filter((e) => e.event === 'not_ready');
    expect(notReady).toHaveLength(1);
    expect(notReady[0]).toMatchObject({ level: 'error', check: 'stateStore' });

    await redis.start();
    await vi.waitFor(async () => expect((await readyAnswer(server)).status).toBe(200), { timeout: 20_000, interval: 200 });
    expect((await readyAnswer(server)).body.detail).toEqual({ hssBudget: 'shared' });
  });

  it('answers 503 naming the audit trail when it cannot be opened', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'scandeck-probes-'));
    // A directory where the trail's file should be: SQLite cannot open it.
    mkdirSync(join(dataDir, 'audit.sqlite'));
    const { status, body } = await readyAnswer(await serverWith({ SCANDECK_DATA_DIR: dataDir }));
    expect(status).toBe(503);
    expect(body).toEqual({ status: 'not_ready', checks: { configuration: 'ok', stateStore: 'ok', auditStore: 'failed' }, detail: { hssBudget: 'local' } });
  });
});
