import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiRequest, sessionCookie, setTestEnv } from '@/lib/testing/bff';

setTestEnv('http://127.0.0.1:9', { SESSION_IDLE_TIMEOUT_S: '1800', SESSION_MAX_AGE_S: '28800' });
const { getRequestSession, renewedSessionCookie, readSessionToken } = await import('./session');
const { getAuthOptions } = await import('./auth');
const { route } = await import('./route');

const start = new Date('2030-01-01T08:00:00Z').getTime();
const minutes = (n: number) => n * 60_000;

afterEach(() => vi.useRealTimers());

function at(ms: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(ms);
}

const sessionOf = (cookie: string) => getRequestSession(apiRequest('/api/x', { cookie }));

function cookieHeader(setCookie: string): string {
  return setCookie.split(';')[0]!;
}

describe('session token', () => {
  it('reads what next-auth wrote, with the key it derives, and refuses a token made with another secret', async () => {
    const cookie = await sessionCookie('vic', 'viewer');
    const token = await readSessionToken(apiRequest('/api/x', { cookie }));
    expect(token).toMatchObject({ username: 'vic', role: 'viewer', sub: 'vic' });
    // next-auth's own decode agrees on the same cookie.
    const { decode } = await import('next-auth/jwt');
    const { getEnv } = await import('./env');
    expect(await decode({ token: cookie.split('=')[1]!, secret: getEnv().auth.secret })).toMatchObject({ username: 'vic' });
    const { encode } = await import('next-auth/jwt');
    const forged = await encode({
      token: { sub: 'eve', username: 'eve', role: 'admin', sid: 's', authTime: Math.floor(Date.now() / 1000) },
      secret: 'another-secret-of-enough-length-000000',
    });
    expect(await readSessionToken(apiRequest('/api/x', { cookie: `next-auth.session-token=${forged}` }))).toBeNull();
  });
});

describe('session cookie', () => {
  it('is read among other cookies, joined from the chunks next-auth splits a long token into, and only from the cookie', async () => {
    const cookie = await sessionCookie('vic', 'viewer');
    const value = cookie.split('=')[1]!;
    expect(await sessionOf(`theme=dark; ${cookie}; other=1`)).toEqual({ username: 'vic', role: 'viewer' });
    const chunked = `next-auth.session-token.1=${value.slice(100)}; next-auth.session-token.0=${value.slice(0, 100)}`;
    expect(await sessionOf(chunked)).toEqual({ username: 'vic', role: 'viewer' });
    // getToken would take a bearer token: a session is a cookie only.
    expect(await getRequestSession(apiRequest('/api/x', { headers: { authorization: `Bearer ${value}` } }))).toBeNull();
    expect(await sessionOf(`next-auth.session-token=${value.slice(0, -2)}`)).toBeNull();
    expect(await sessionOf('next-auth.session-token=%E0%A4%A')).toBeNull();
  });
});

describe('session lifetime', () => {
  it('ends after 30 idle minutes', async () => {
    at(start);
    const cookie = await sessionCookie('vic', 'viewer');
    at(start + minutes(29));
    expect(await sessionOf(cookie)).toEqual({ username: 'vic', role: 'viewer' });
    at(start + minutes(30));
    expect(await sessionOf(cookie)).toBeNull();
  });

  it('a renewed cookie restarts the idle clock, but never past the absolute lifetime', async () => {
    at(start);
    let cookie = await sessionCookie('vic', 'viewer', { authTime: start / 1000 });
    // Use the console every 20 minutes for 8 hours: each renewal keeps it alive until the 8 h mark.
    for (let t = minutes(20); t < minutes(8 * 60); t += minutes(20)) {
      at(start + t);
      const token = await readSessionToken(apiRequest('/api/x', { cookie }));
      expect(token, `alive at ${t / 60_000} min`).not.toBeNull();
      const renewed = await renewedSessionCookie(token!);
      expect(renewed).not.toBeNull();
      expect(renewed!.options).toMatchObject({ httpOnly: true, sameSite: 'strict', path: '/', secure: false });
      expect(renewed!.options.maxAge).toBeLessThanOrEqual(1800);
      cookie = `${renewed!.name}=${renewed!.value}`;
    }
    at(start + minutes(8 * 60));
    expect(await sessionOf(cookie)).toBeNull();
  });

  it('does not renew a token renewed less than a minute ago', async () => {
    at(start);
    const cookie = await sessionCookie('vic', 'viewer');
    at(start + 30_000);
    const token = await readSessionToken(apiRequest('/api/x', { cookie }));
    expect(await renewedSessionCookie(token!)).toBeNull();
  });

  it("a token read before is judged again on every request: its expiry (with jose's 15 s tolerance) and its sign-out", async () => {
    const { encode } = await import('next-auth/jwt');
    const { testSecret } = await import('@/lib/testing/bff');
    at(start);
    const claims = { sub: 'vic', username: 'vic', role: 'viewer', sid: 'sid-expiring', authTime: start / 1000 };
    const cookie = `next-auth.session-token=${await encode({ token: claims, secret: testSecret, maxAge: 60 })}`;
    expect(await sessionOf(cookie)).toEqual({ username: 'vic', role: 'viewer' });
    at(start + 74_000);
    expect(await sessionOf(cookie)).toEqual({ username: 'vic', role: 'viewer' });
    at(start + 75_000);
    expect(await sessionOf(cookie)).toBeNull();

    at(start);
    const other = await sessionCookie('vic', 'viewer', { sid: 'sid-signed-out', authTime: start / 1000 });
    expect(await sessionOf(other)).toEqual({ username: 'vic', role: 'viewer' });
    const { getStateStore } = await import('./store');
    await getStateStore().revokeSession('sid-signed-out', start + minutes(60));
    expect(await sessionOf(other)).toBeNull();
  });

  it('refuses a token without the sign-in time (made before this rule, or forged without it)', async () => {
    const { encode } = await import('next-auth/jwt');
    const { testSecret } = await import('@/lib/testing/bff');
    const old = await encode({ token: { sub: 'vic', username: 'vic', role: 'viewer' }, secret: testSecret });
    expect(await sessionOf(`next-auth.session-token=${old}`)).toBeNull();
  });

  it('a mutation renews the cookie (HttpOnly, SameSite=Strict); a read does not', async () => {
    const { z } = await import('zod');
    const { jsonResponse } = await import('./route');
    const POST = route({ role: 'admin', body: z.object({ a: z.number() }) }, () => jsonResponse({ ok: true }, 201));
    const GET = route({ role: 'viewer' }, () => ({ ok: true }));
    at(start);
    const cookie = await sessionCookie('ada', 'admin');
    at(start + minutes(5));
    const read = await GET(apiRequest('/api/x', { cookie }), { params: Promise.resolve({}) });
    expect(read.status).toBe(200);
    expect(read.headers.get('set-cookie')).toBeNull();
    const write = await POST(apiRequest('/api/x', { method: 'POST', cookie, body: { a: 1 } }), { params: Promise.resolve({}) });
    expect(write.status).toBe(201);
    const set = write.headers.get('set-cookie')!;
    expect(set).toMatch(/^next-auth\.session-token=[^;]+; Path=\/; Max-Age=1800; HttpOnly; SameSite=Strict$/);
    at(start + minutes(34));
    expect(await sessionOf(cookie)).toBeNull();
    expect(await sessionOf(cookieHeader(set))).toEqual({ username: 'ada', role: 'admin' });
  });
});

describe('next-auth settings', () => {
  it('session and CSRF cookies are HttpOnly and SameSite=Strict (no Secure on http); the destination Lax, for SSO', () => {
    const { cookies } = getAuthOptions();
    expect(cookies?.sessionToken).toEqual({
      name: 'next-auth.session-token',
      options: { httpOnly: true, sameSite: 'strict', path: '/', secure: false },
    });
    expect(cookies?.csrfToken?.options).toMatchObject({ httpOnly: true, sameSite: 'strict' });
    expect(cookies?.callbackUrl?.options).toMatchObject({ httpOnly: true, sameSite: 'lax' });
  });

  it('sign-in stamps a session id and time; sign-out ends that session on the server', async () => {
    const options = getAuthOptions();
    const token = (await options.callbacks!.jwt!({
      token: { sub: 'vic' },
      user: { id: 'vic', name: 'vic', username: 'vic', role: 'viewer' } as never,
      account: null,
    })) as Record<string, unknown>;
    expect(token.sid).toMatch(/^[0-9a-f-]{36}$/);
    expect(Math.abs((token.authTime as number) - Date.now() / 1000)).toBeLessThan(5);
    const cookie = await sessionCookie('vic', 'viewer', { sid: token.sid as string, authTime: token.authTime as number });
    const other = await sessionCookie('vic', 'viewer');
    expect(await sessionOf(cookie)).not.toBeNull();
    await options.events!.signOut!({ token: { ...token, iat: Math.floor(Date.now() / 1000) }, session: undefined as never });
    expect(await sessionOf(cookie)).toBeNull();
    expect(await sessionOf(other), 'another session of the same user stays').not.toBeNull();
  });

  it("next-auth's own session endpoint cannot revive an idle token", async () => {
    const { callbacks } = getAuthOptions();
    const now = Math.floor(Date.now() / 1000);
    const idle = { sub: 'vic', username: 'vic', role: 'viewer', sid: 's1', authTime: now - 3600, iat: now - 1900 };
    const renew = async (token: object) => callbacks!.jwt!({ token, account: null } as never);
    await expect(renew(idle)).rejects.toThrow(/idle/);
    const live = { ...idle, iat: now - 60 };
    await expect(renew(live)).resolves.toMatchObject({ sid: 's1' });
    const old = { ...live, authTime: now - 8 * 3600 };
    await expect(renew(old)).rejects.toThrow(/expired/);
  });
});
