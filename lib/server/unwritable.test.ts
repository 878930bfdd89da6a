import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { apiRequest, appOrigin, context, sessionCookie, setTestEnv, startDirectorSimulator } from '@/lib/testing/bff';
import { startPostgres } from '@/lib/testing/postgres';

const sim = await startDirectorSimulator(7);
afterAll(() => sim.close());

/**
 * ScanDeck's modules loaded afresh over `dataDir`, as a server started with it would be, with a
 * sign-in through the /api/auth guard (next-auth's callback reduced to what matters here: parse
 * the form, run authorize) and a change through the route wrapper.
 */
async function serverOver(dataDir: string, extraEnv: Record<string, string> = {}) {
  vi.resetModules();
  const { usersFile } = setTestEnv(sim.url, { SCANDECK_DATA_DIR: dataDir, SIGNIN_SLOW_AFTER: '50', DATABASE_URL: '', ...extraEnv });
  const { hashPassword } = await import('./password');
  writeFileSync(usersFile, JSON.stringify({ users: [{ username: 'ada', role: 'admin', passwordHash: await hashPassword('ada-password-123') }] }));
  const { guardAuthRoute } = await import('./auth-route');
  const { authorizeThrottled } = await import('./auth');
  const { peerStamp } = await import('./client-address');
  const scanDetail = await import('@/app/api/director/scans/[id]/route');
  const scanList = await import('@/app/api/director/scans/route');
  let passwordChecks = 0;
  const signInHandler = guardAuthRoute(async (req) => {
    passwordChecks += 1;
    const form = new URLSearchParams(await req.text());
    const user = await authorizeThrottled({ username: form.get('username'), password: form.get('password') });
    return user ? Response.json({ url: `${appOrigin}/` }) : Response.json({ url: `${appOrigin}/api/auth/error` }, { status: 401 });
  });
  return {
    passwordChecks: () => passwordChecks,
    signIn: (password: string) =>
      signInHandler(
        new NextRequest(`${appOrigin}/api/auth/callback/credentials`, {
          method: 'POST',
          headers: new Headers([peerStamp('192.0.2.20'), ['content-type', 'application/x-www-form-urlencoded']]),
          body: new URLSearchParams({ username: 'ada', password, csrfToken: 'c', json: 'true' }),
        }),
        { params: Promise.resolve({ nextauth: ['callback', 'credentials'] }) },
      ),
    /** Deletes a scan as an admin; says the answer and whether the scan is still at the vendor. */
    deleteScan: async () => {
      const scan = [...sim.director.store.scans.values()][0]!;
      const res = await scanDetail.DELETE(
        apiRequest(`/api/director/scans/${scan.id}`, { method: 'DELETE', cookie: await sessionCookie('ada', 'admin') }),
        context({ id: String(scan.id) }),
      );
      return { res, isStillThere: sim.director.store.scans.find(String(scan.id)) !== undefined };
    },
    /** Lists scans (a read: it writes nothing to the trail). */
    listScans: async () => scanList.GET(apiRequest('/api/director/scans', { cookie: await sessionCookie('ada', 'admin') }), context({})),
  };
}

async function expectUnavailable(res: Response): Promise<void> {
  expect(res.status).toBe(503);
  const body = (await res.json()) as { url: string; error: { message: string } };
  expect(body.error.message).toMatch(/temporarily unavailable/);
  expect(new URL(body.url).searchParams.get('error')).toBe('Unavailable');
}

describe('with the audit trail unwritable', () => {
  // Its file is a directory, as a full or broken disk would refuse it; the rest of the data directory works.
  const dataDir = mkdtempSync(join(tmpdir(), 'scandeck-unwritable-'));
  mkdirSync(join(dataDir, 'audit.sqlite'));

  it('a right password answers 503 "temporarily unavailable", not 401, and opens no session', async () => {
    const server = await serverOver(dataDir);
    await expectUnavailable(await server.signIn('ada-password-123'));
    // A wrong password cannot be told apart from it: also 503.
    await expectUnavailable(await server.signIn('wrong-password'));
  });

  it('a change answers 503 and reaches no vendor', async () => {
    const { res, isStillThere } = await (await serverOver(dataDir)).deleteScan();
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'audit_unavailable' } });
    expect(isStillThere).toBe(true);
  });
});

describe('with the whole data directory unwritable', () => {
  // Its path runs through a regular file, so neither the trail nor the state store opens (a root
  // process ignores permission bits, so this is how a test makes a directory unwritable for it too).
  const blocker = join(mkdtempSync(join(tmpdir(), 'scandeck-nodir-')), 'not-a-directory');
  writeFileSync(blocker, '');
  const dataDir = join(blocker, 'data');

  it('sign-in answers 503 "temporarily unavailable" before any password is checked', async () => {
    const server = await serverOver(dataDir);
    await expectUnavailable(await server.signIn('ada-password-123'));
    expect(server.passwordChecks()).toBe(0);
  });

  it('a change answers 503 and reaches no vendor', async () => {
    const { res, isStillThere } = await (await serverOver(dataDir)).deleteScan();
    expect(res.status).toBe(503);
    expect(isStillThere).toBe(true);
  });
});

describe('with the trail in PostgreSQL (DATABASE_URL) and PostgreSQL stopped', () => {
  it('changes and sign-ins answer 503 store_unavailable and reach no vendor, reads go on, and all recovers when it is back', async () => {
    const postgres = await startPostgres();
    try {
      const dataDir = mkdtempSync(join(tmpdir(), 'scandeck-pg-down-'));
      const server = await serverOver(dataDir, { DATABASE_URL: postgres.url });
      const { getAuditStore } = await import('./audit/trail');
      expect((await server.signIn('ada-password-123')).status).toBe(200);
      await postgres.stop();
      try {
        const signIn = await server.signIn('ada-password-123');
        expect(signIn.status).toBe(503);
        const body = (await signIn.json()) as { url: string; error: { code: string; message: string } };
        expect(body.error).toMatchObject({ code: 'store_unavailable', message: expect.stringMatching(/temporarily unavailable/) });
        expect(new URL(body.url).searchParams.get('error')).toBe('Unavailable');
        const { res, isStillThere } = await server.deleteScan();
        expect(res.status).toBe(503);
        expect(await res.json()).toMatchObject({ error: { code: 'store_unavailable', message: expect.stringMatching(/no change was made/) } });
        expect(isStillThere).toBe(true);
        expect((await server.listScans()).status).toBe(200);
      } finally {
        await postgres.start();
      }
      // No restart: the next change is recorded and made.
      const { res, isStillThere } = await server.deleteScan();
      expect(res.status).toBeLessThan(300);
      expect(isStillThere).toBe(false);
      // Newest first: what was refused while PostgreSQL was down left no row (nothing was done).
      const trail = (await getAuditStore().list({ page: 1, pageSize: 10, order: 'asc' })).items.filter((e) => e.action !== 'audit retention');
      expect(trail.map((e) => [e.action, e.outcome])).toEqual([
        ['DELETE /api/director/scans/{id}', 'success'],
        ['sign-in', 'success'],
      ]);
      expect(await getAuditStore().verify()).toMatchObject({ isIntact: true, firstBroken: null });
      await getAuditStore().close();
    } finally {
      await postgres.dispose();
    }
  });
});
