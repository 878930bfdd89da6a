import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { directorKeys, setTestEnv, testSecret } from '@/lib/testing/bff';
import { captureLog } from '@/lib/testing/log';

const distDir = mkdtempSync(join(tmpdir(), 'scandeck-dist-'));
writeFileSync(
  join(distDir, 'app-path-routes-manifest.json'),
  JSON.stringify({
    '/(console)/scans/page': '/scans',
    '/(console)/scans/new/page': '/scans/new',
    '/(console)/scans/[id]/page': '/scans/[id]',
    '/(console)/organizations/[orgId]/security-managers/[id]/page': '/organizations/[orgId]/security-managers/[id]',
    '/(console)/organizations/[orgId]/security-managers/new/page': '/organizations/[orgId]/security-managers/new',
    '/api/auth/[...nextauth]/route': '/api/auth/[...nextauth]',
    '/api/director/scans/[id]/route': '/api/director/scans/[id]',
    '/metrics/route': '/metrics',
  }),
);
const metricsToken = 'metrics-token-for-the-log-test-0123456789';
setTestEnv('http://127.0.0.1:9', {
  NEXT_DIST_DIR: distDir,
  METRICS_TOKEN: metricsToken,
  HUAWEI_AK: 'AKLOGTEST00000001',
  HUAWEI_SK: 'sk-log-test-secret-value',
  HSS_ENDPOINT: 'http://127.0.0.1:9',
  HSS_PROJECT_ID: 'p',
});
const { logger } = await import('./log');
const { routeOf } = await import('./request-log');

describe('the logger', () => {
  it('writes one JSON object per line, and censors fields named like a secret wherever they sit', () => {
    const log = captureLog();
    logger().info(
      { password: 'p1-visible?', nested: { secretKey: 'p2-visible?', authorization: 'Bearer p3' }, headers: { cookie: 'p4', 'x-apikey': 'p5' }, kept: 'ok' },
      'event',
    );
    log.restore();
    expect(log.lines).toHaveLength(1);
    const [entry] = log.entries();
    expect(entry).toMatchObject({ level: 'info', msg: 'event', kept: 'ok', password: '[redacted]', service: 'scandeck' });
    expect(log.text()).not.toMatch(/p1-visible|p2-visible|Bearer p3|p4|p5/);
  });

  it('scrubs every configured credential from messages and values, whatever field carries it', () => {
    const log = captureLog();
    const err = new Error(`upstream said: bad key ${directorKeys.secretKey} for ${directorKeys.accessKey}`);
    logger().warn({ error: err.message, detail: `sk=sk-log-test-secret-value ak=AKLOGTEST00000001` }, `token ${metricsToken} and ${testSecret}`);
    log.restore();
    const text = log.text();
    for (const secret of [directorKeys.secretKey, directorKeys.accessKey, 'sk-log-test-secret-value', 'AKLOGTEST00000001', metricsToken, testSecret]) {
      expect(text).not.toContain(secret);
    }
    expect(log.entries()[0]).toMatchObject({ error: 'upstream said: bad key [redacted] for [redacted]' });
  });
});

describe('route labels of the request log and the metrics', () => {
  it('are the route patterns of the build, a static segment before a dynamic one', () => {
    expect(routeOf('/scans/new')).toBe('/scans/new');
    expect(routeOf('/scans/123?page=2')).toBe('/scans/[id]');
    expect(routeOf('/organizations/5/security-managers/new')).toBe('/organizations/[orgId]/security-managers/new');
    expect(routeOf('/organizations/5/security-managers/7')).toBe('/organizations/[orgId]/security-managers/[id]');
    expect(routeOf('/api/auth/callback/credentials')).toBe('/api/auth/[...nextauth]');
    expect(routeOf('/metrics')).toBe('/metrics');
    expect(routeOf('/_next/static/chunks/abc.js')).toBe('/_next/static');
    expect(routeOf('/nowhere/at/all')).toBe('unmatched');
  });

  it('stay within the fixed set whatever paths, ids and queries clients send', () => {
    const labels = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const id = `${i}-${Math.random().toString(36).slice(2)}`;
      for (const path of [
        `/scans/${id}`,
        `/api/director/scans/${id}?q=${id}`,
        `/x/${id}`,
        `/%E0%A4%A/${id}`,
        `/scans/${id}/../../etc`,
        `/api/auth/${id}/${id}`,
      ]) {
        labels.add(routeOf(path));
      }
    }
    expect([...labels].sort()).toEqual(['/api/auth/[...nextauth]', '/api/director/scans/[id]', '/scans/[id]', 'unmatched']);
  });
});
