import { describe, expect, it, vi } from 'vitest';
import { apiRequest, context, sessionCookie, setTestEnv, writeUsers } from '@/lib/testing/bff';

const { usersFile } = setTestEnv('http://127.0.0.1:9');
writeUsers(usersFile, [
  { username: 'ada', role: 'admin' },
  { username: 'vic', role: 'viewer' },
  { username: 'eve', role: 'viewer' },
]);

/**
 * Everything this process keeps on globalThis under a `scandeck.` key (stores, caches, in-memory
 * state), closed and dropped, and every module loaded afresh: what a restarted server starts with.
 * Only what is on disk under SCANDECK_DATA_DIR survives.
 */
async function restart(): Promise<void> {
  const holder = globalThis as Record<symbol, unknown>;
  for (const key of Object.getOwnPropertySymbols(holder)) {
    if (!key.description?.startsWith('scandeck.')) continue;
    const value = holder[key] as { close?: () => unknown; store?: { close?: () => unknown } } | undefined;
    await value?.close?.();
    await value?.store?.close?.();
    delete holder[key];
  }
  vi.resetModules();
}

const sessionOf = async (cookie: string) => {
  const { getRequestSession } = await import('./session');
  return getRequestSession(apiRequest('/api/x', { cookie }));
};

/** next-auth's own GET /api/auth/session renews the token through this callback. */
const renewAtSessionEndpoint = async (token: object) => {
  const { getAuthOptions } = await import('./auth');
  return getAuthOptions().callbacks!.jwt!({ token, account: null } as never);
};

describe('sign-out survives a restart', () => {
  it('a signed-out cookie stays dead after the server restarts, at the API and at /api/auth/session', async () => {
    const { getAuthOptions } = await import('./auth');
    const now = Math.floor(Date.now() / 1000);
    const token = { sub: 'vic', username: 'vic', role: 'viewer', sid: 'sid-restart-1', authTime: now - 60, iat: now - 30 };
    const cookie = await sessionCookie('vic', 'viewer', { sid: token.sid, authTime: token.authTime });
    expect(await sessionOf(cookie)).not.toBeNull();
    await getAuthOptions().events!.signOut!({ token, session: undefined as never });
    expect(await sessionOf(cookie)).toBeNull();

    await restart();
    expect(await sessionOf(cookie), 'the copied cookie after a restart').toBeNull();
    await expect(renewAtSessionEndpoint(token)).rejects.toThrow(/signed out/);
  });
});

describe('/api/auth/session checks the users file like every API route', () => {
  it('refuses a removed user and shows a changed role at once', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = { sub: 'eve', username: 'eve', role: 'viewer', sid: 'sid-eve-1', authTime: now - 60, iat: now - 30 };
    await expect(renewAtSessionEndpoint(token)).resolves.toMatchObject({ role: 'viewer' });
    writeUsers(usersFile, [
      { username: 'ada', role: 'admin' },
      { username: 'vic', role: 'viewer' },
      { username: 'eve', role: 'admin' },
    ]);
    await expect(renewAtSessionEndpoint(token)).resolves.toMatchObject({ role: 'admin' });
    writeUsers(usersFile, [
      { username: 'ada', role: 'admin' },
      { username: 'vic', role: 'viewer' },
    ]);
    await expect(renewAtSessionEndpoint(token)).rejects.toThrow(/removed user/);
    writeUsers(usersFile, [
      { username: 'ada', role: 'admin' },
      { username: 'vic', role: 'viewer' },
      { username: 'eve', role: 'viewer' },
    ]);
  });
});

describe('POST /api/sessions/sign-out-everywhere', () => {
  const post = async (cookie: string, username: string) => {
    const route = await import('@/app/api/sessions/sign-out-everywhere/route');
    return route.POST(apiRequest('/api/sessions/sign-out-everywhere', { method: 'POST', cookie, body: { username } }), context());
  };

  it('lets a user end every session of their own, on every browser, and survives a restart', async () => {
    const laptop = await sessionCookie('vic', 'viewer', { authTime: Math.floor(Date.now() / 1000) - 120 });
    const phone = await sessionCookie('vic', 'viewer', { authTime: Math.floor(Date.now() / 1000) - 60 });
    const res = await post(laptop, 'vic');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ username: 'vic' });
    expect(await sessionOf(laptop)).toBeNull();
    expect(await sessionOf(phone)).toBeNull();
    await restart();
    expect(await sessionOf(phone)).toBeNull();
    // A sign-in after that moment is a new session and works.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = Date.now();
    const { encode } = await import('next-auth/jwt');
    const { testSecret } = await import('@/lib/testing/bff');
    const fresh = await encode({
      token: { sub: 'vic', username: 'vic', role: 'viewer', sid: 'sid-after', authTime: Math.floor(later / 1000), authTimeMs: later },
      secret: testSecret,
    });
    expect(await sessionOf(`next-auth.session-token=${fresh}`)).toMatchObject({ username: 'vic' });
  });

  it("lets an admin end anyone's sessions, records it on the trail, and refuses a viewer doing it to someone else", async () => {
    const admin = await sessionCookie('ada', 'admin');
    const eve = await sessionCookie('eve', 'viewer', { authTime: Math.floor(Date.now() / 1000) - 60 });
    const viewer = await sessionCookie('vic', 'viewer', { authTime: Math.floor(Date.now() / 1000) + 1 });
    const refused = await post(viewer, 'eve');
    expect(refused.status).toBe(403);
    expect(await sessionOf(eve)).not.toBeNull();
    expect((await post(admin, 'nobody')).status).toBe(404);
    expect((await post(admin, 'eve')).status).toBe(200);
    expect(await sessionOf(eve)).toBeNull();
    expect(await sessionOf(admin), "the admin's own session stays").not.toBeNull();
    const { getAuditStore } = await import('./audit/trail');
    const trail = (await getAuditStore().list({ page: 1, pageSize: 10, order: 'asc', action: 'POST /api/sessions/sign-out-everywhere' })).items;
    // Newest first; before these, vic's sign-out of their own sessions in the test above.
    expect(trail.map((e) => [e.username, e.target.username, e.outcome, e.status])).toEqual([
      ['ada', 'eve', 'success', 200],
      ['ada', 'nobody', 'refused', 404],
      ['vic', 'eve', 'refused', 403],
      ['vic', 'vic', 'success', 200],
    ]);
  });
});
