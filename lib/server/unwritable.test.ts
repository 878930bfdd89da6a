import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, describe, expect, it } from 'vitest';
import { apiRequest, appOrigin, context, sessionCookie, setTestEnv, startDirectorSimulator } from '@/lib/testing/bff';

// The audit trail cannot be written (its file is a directory, as a full or broken disk would
// refuse it), while the rest of the data directory works.
const dataDir = mkdtempSync(join(tmpdir(), 'scandeck-unwritable-'));
mkdirSync(join(dataDir, 'audit.sqlite'));
const sim = await startDirectorSimulator(7);
const { usersFile } = setTestEnv(sim.url, { SCANDECK_DATA_DIR: dataDir, SIGNIN_SLOW_AFTER: '50' });
const { hashPassword } = await import('./password');
writeFileSync(usersFile, JSON.stringify({ users: [{ username: 'ada', role: 'admin', passwordHash: await hashPassword('ada-password-123') }] }));
const { guardAuthRoute } = await import('./auth-route');
const { authorizeThrottled } = await import('./auth');
const { peerStamp } = await import('./client-address');
const scanDetail = await import('@/app/api/director/scans/[id]/route');

afterAll(() => sim.close());

/** next-auth's callback as far as this test needs it: parse the form, run authorize, 401 or a session. */
const signInHandler = guardAuthRoute(async (req) => {
  const form = new URLSearchParams(await req.text());
  const user = await authorizeThrottled({ username: form.get('username'), password: form.get('password') });
  return user ? Response.json({ url: `${appOrigin}/` }) : Response.json({ url: `${appOrigin}/api/auth/error` }, { status: 401 });
});

function signIn(password: string) {
  return signInHandler(
    new NextRequest(`${appOrigin}/api/auth/callback/credentials`, {
      method: 'POST',
      headers: new Headers([peerStamp('192.0.2.20'), ['content-type', 'application/x-www-form-urlencoded']]),
      body: new URLSearchParams({ username: 'ada', password, csrfToken: 'c', json: 'true' }),
    }),
    { params: Promise.resolve({ nextauth: ['callback', 'credentials'] }) },
  );
}

describe('with the audit trail unwritable', () => {
  it('a right password answers 503 "temporarily unavailable", not 401, and opens no session', async () => {
    const res = await signIn('ada-password-123');
    expect(res.status).toBe(503);
    const body = (await res.json()) as { url: string; error: { message: string } };
    expect(body.error.message).toMatch(/temporarily unavailable/);
    expect(new URL(body.url).searchParams.get('error')).toBe('Unavailable');
    // A wrong password cannot be told apart from it: also 503.
    expect((await signIn('wrong-password')).status).toBe(503);
  });

  it('a change answers 503 and reaches no vendor', async () => {
    const scan = [...sim.director.store.scans.values()][0]!;
    const res = await scanDetail.DELETE(
      apiRequest(`/api/director/scans/${scan.id}`, { method: 'DELETE', cookie: await sessionCookie('ada', 'admin') }),
      context({ id: String(scan.id) }),
    );
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'audit_unavailable' } });
    expect(sim.director.store.scans.find(String(scan.id))).toBeDefined();
  });
});
