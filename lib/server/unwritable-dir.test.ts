import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, describe, expect, it } from 'vitest';
import { apiRequest, appOrigin, context, sessionCookie, setTestEnv, startDirectorSimulator } from '@/lib/testing/bff';

// The whole data directory cannot be written: its path runs through a regular file, so neither
// the audit trail nor the state store can be opened (a root process ignores permission bits, so
// this is how a test makes a directory unwritable for it too).
const blocker = join(mkdtempSync(join(tmpdir(), 'scandeck-nodir-')), 'not-a-directory');
writeFileSync(blocker, '');
const sim = await startDirectorSimulator(8);
setTestEnv(sim.url, { SCANDECK_DATA_DIR: join(blocker, 'data') });
const { guardAuthRoute } = await import('./auth-route');
const { peerStamp } = await import('./client-address');
const scanDetail = await import('@/app/api/director/scans/[id]/route');

afterAll(() => sim.close());

describe('with the data directory unwritable', () => {
  it('sign-in answers 503 "temporarily unavailable" before any password is checked', async () => {
    let reached = false;
    const handler = guardAuthRoute(async () => {
      reached = true;
      return Response.json({}, { status: 401 });
    });
    const res = await handler(
      new NextRequest(`${appOrigin}/api/auth/callback/credentials`, {
        method: 'POST',
        headers: new Headers([peerStamp('192.0.2.21'), ['content-type', 'application/x-www-form-urlencoded']]),
        body: new URLSearchParams({ username: 'ada', password: 'x', csrfToken: 'c', json: 'true' }),
      }),
      { params: Promise.resolve({ nextauth: ['callback', 'credentials'] }) },
    );
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/temporarily unavailable/);
    expect(reached).toBe(false);
  });

  it('a change answers 503 and reaches no vendor', async () => {
    const scan = [...sim.director.store.scans.values()][0]!;
    const res = await scanDetail.DELETE(
      apiRequest(`/api/director/scans/${scan.id}`, { method: 'DELETE', cookie: await sessionCookie('ada', 'admin') }),
      context({ id: String(scan.id) }),
    );
    expect(res.status).toBe(503);
    expect(sim.director.store.scans.find(String(scan.id))).toBeDefined();
  });
});
