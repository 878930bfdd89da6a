import { afterAll, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { appOrigin, setTestEnv } from '@/lib/testing/bff';
import { nextAuthHandlerForTests, startTestIssuer, type TokenFlaw } from '@/lib/testing/oidc-issuer';

// The handler tests of issue 15: ScanDeck's /api/auth guard around next-auth's real handler,
// openid-client and ScanDeck's callbacks, against a loopback issuer whose answers can be made wrong.
const issuer = await startTestIssuer();
setTestEnv('http://127.0.0.1:9', {
  OIDC_ISSUER: issuer.issuer,
  OIDC_CLIENT_ID: issuer.clientId,
  OIDC_CLIENT_SECRET: issuer.clientSecret,
  OIDC_DISPLAY_NAME: 'Test IdP',
  OIDC_ADMIN_GROUPS: 'scandeck-admins',
  OIDC_VIEWER_GROUPS: 'scandeck-viewers, auditors',
});
const { getAuthOptions } = await import('./auth');
const { guardAuthRoute } = await import('./auth-route');
const { peerStamp } = await import('./client-address');
const { resolveSession } = await import('./session');
const { signOutEverywhere } = await import('./sessions');
const { getAuditStore } = await import('./audit/trail');

const handler = guardAuthRoute(await nextAuthHandlerForTests(getAuthOptions));
const sessionCookie = 'next-auth.session-token';

afterAll(() => issuer.close());

/** A browser's cookies for this origin, as Set-Cookie headers leave them. */
class Jar {
  cookies = new Map<string, string>();
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (value === '' || /max-age=0\b/i.test(line) || /expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  copy(): Jar {
    const jar = new Jar();
    jar.cookies = new Map(this.cookies);
    return jar;
  }
}

const context = (path: string) => ({ params: Promise.resolve({ nextauth: path.split('?')[0]!.split('/').slice(3) }) });

async function send(jar: Jar, path: string, form?: string): Promise<Response> {
  const headers = new Headers([peerStamp('192.0.2.15'), ['cookie', jar.header()]]);
  if (form !== undefined) headers.set('content-type', 'application/x-www-form-urlencoded');
  const req = new NextRequest(`${appOrigin}${path}`, { method: form === undefined ? 'GET' : 'POST', headers, body: form });
  const res = await handler(req, context(path));
  jar.take(res);
  return res;
}

/** Presses "Sign in with Test IdP": the redirect to the provider's authorization endpoint. */
async function startSignIn(jar: Jar): Promise<string> {
  const { csrfToken } = (await (await send(jar, '/api/auth/csrf')).json()) as { csrfToken: string };
  const res = await send(jar, '/api/auth/signin/oidc', new URLSearchParams({ csrfToken, callbackUrl: `${appOrigin}/scans` }).toString());
  expect(res.status).toBe(302);
  return res.headers.get('location')!;
}

/** The provider sends the browser back with a code for `claims`; answers ScanDeck's redirect. */
async function signInAs(claims: Record<string, unknown>, flaw: TokenFlaw = 'none') {
  const jar = new Jar();
  const authorizationUrl = await startSignIn(jar);
  const before = jar.copy();
  const code = issuer.approve(authorizationUrl, claims, flaw);
  const callbackPath = `/api/auth/callback/oidc?code=${code}&state=${new URL(authorizationUrl).searchParams.get('state')}`;
  const res = await send(jar, callbackPath);
  // Success is a page that moves on by itself (a same-site navigation, see sameSiteHop); a refusal a redirect.
  const next = res.status === 200 ? /url=([^"]+)"/.exec(await res.clone().text())?.[1]?.replace(/&#38;/g, '&') : res.headers.get('location');
  return { res, jar, before, callbackPath, location: new URL(next ?? '/', appOrigin) };
}

async function sessionOf(jar: Jar) {
  const req = new NextRequest(`${appOrigin}/api/x`, { headers: { cookie: jar.header() } });
  return (await resolveSession(req))?.session ?? null;
}

async function lastSignIn() {
  const page = await getAuditStore().list({ page: 1, pageSize: 25, order: 'desc', action: 'sign-in' });
  return page.items[0]!;
}

const alice = { sub: 'u-alice', preferred_username: 'alice', groups: ['scandeck-admins', 'staff'] };

describe('sign-in through the OpenID provider', () => {
  it('sends the browser to the discovered authorization endpoint with PKCE, state and nonce', async () => {
    const url = new URL(await startSignIn(new Jar()));
    expect(url.origin + url.pathname).toBe(`${issuer.issuer}/auth`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    for (const name of ['code_challenge', 'state', 'nonce']) expect(url.searchParams.get(name)).toMatch(/.{20,}/);
    expect(url.searchParams.get('scope')).toBe('openid profile email groups');
    expect(url.searchParams.get('redirect_uri')).toBe(`${appOrigin}/api/auth/callback/oidc`);
  });

  it('makes an admin-group user an admin and records issuer and subject', async () => {
    const { res, jar, location } = await signInAs(alice);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(location.pathname).toBe('/scans');
    expect(await sessionOf(jar)).toEqual({ username: 'alice', role: 'admin', sso: { issuer: issuer.issuer, subject: 'u-alice' } });
    expect(await lastSignIn()).toMatchObject({
      username: 'alice',
      role: 'admin',
      outcome: 'success',
      target: { via: 'sso', issuer: issuer.issuer, subject: 'u-alice' },
    });
  });

  it('makes a viewer-group user a viewer, and takes a single group given as a string', async () => {
    const { jar } = await signInAs({ sub: 'u-vic', email: 'vic@example.org', groups: 'auditors' });
    expect(await sessionOf(jar)).toMatchObject({ username: 'vic@example.org', role: 'viewer' });
  });

  it('refuses a user in neither list with the reason, opens no session, and audits the refusal', async () => {
    const { jar, location } = await signInAs({ sub: 'u-nora', preferred_username: 'nora', groups: ['staff'] });
    expect(location.pathname).toBe('/login');
    expect(location.searchParams.get('error')).toBe('SsoNoRole');
    expect(jar.cookies.has(sessionCookie)).toBe(false);
    expect(await lastSignIn()).toMatchObject({
      username: 'nora',
      role: null,
      outcome: 'refused',
      errorCode: 'SsoNoRole',
      target: { issuer: issuer.issuer, subject: 'u-nora' },
    });
  });

  it('refuses a token without the groups claim as its own case', async () => {
    const { jar, location } = await signInAs({ sub: 'u-gus', preferred_username: 'gus' });
    expect(location.searchParams.get('error')).toBe('SsoNoGroups');
    expect(jar.cookies.has(sessionCookie)).toBe(false);
    expect(await lastSignIn()).toMatchObject({ outcome: 'refused', errorCode: 'SsoNoGroups', target: { subject: 'u-gus' } });
  });

  for (const [flaw, check] of [
    ['tampered', 'signature'],
    ['foreign-key', 'signature'],
    ['wrong-audience', 'audience'],
    ['wrong-issuer', 'issuer'],
  ] as const) {
    it(`lets nobody in on an ID token that is ${flaw}, says so and audits it`, async () => {
      const { jar, location } = await signInAs(alice, flaw);
      expect(location.pathname).toBe('/login');
      expect(location.searchParams.get('error')).toBe('SsoRejected');
      expect(jar.cookies.has(sessionCookie)).toBe(false);
      expect(await sessionOf(jar)).toBeNull();
      const entry = await lastSignIn();
      expect(entry).toMatchObject({ username: null, role: null, outcome: 'failed', errorCode: 'SsoRejected', target: { via: 'sso', issuer: issuer.issuer } });
      expect(entry.target.check).toBe(check);
      expect(entry.target.reason).toBeTruthy();
    });
  }

  it('refuses a replayed callback (same state, same cookies) before the provider is asked again', async () => {
    const first = await signInAs(alice);
    expect(await sessionOf(first.jar)).not.toBeNull();
    const asked = issuer.tokenRequests;
    const replay = first.before.copy();
    const res = await send(replay, first.callbackPath);
    expect(new URL(res.headers.get('location')!, appOrigin).searchParams.get('error')).toBe('SsoExpired');
    expect(replay.cookies.has(sessionCookie)).toBe(false);
    expect(issuer.tokenRequests).toBe(asked);
    expect(await lastSignIn()).toMatchObject({ outcome: 'failed', errorCode: 'SsoExpired', target: { check: 'replayed state' } });
  });

  it('refuses a callback whose state is not the one this browser was given, or with no state cookie', async () => {
    const jar = new Jar();
    const authorizationUrl = await startSignIn(jar);
    const code = issuer.approve(authorizationUrl, alice);
    const forged = await send(jar.copy(), `/api/auth/callback/oidc?code=${code}&state=forged-state-value-0123456789`);
    expect(new URL(forged.headers.get('location')!, appOrigin).searchParams.get('error')).toBe('SsoExpired');
    const state = new URL(authorizationUrl).searchParams.get('state');
    const stranger = new Jar();
    const res = await send(stranger, `/api/auth/callback/oidc?code=${code}&state=${state}`);
    expect(new URL(res.headers.get('location')!, appOrigin).searchParams.get('error')).toBe('SsoExpired');
    expect(stranger.cookies.has(sessionCookie)).toBe(false);
  });

  it("sign out everywhere ends an SSO user's sessions, by an admin or by themself", async () => {
    const one = await signInAs(alice);
    const self = (await sessionOf(one.jar))!;
    await signOutEverywhere(self, 'alice');
    expect(await sessionOf(one.jar)).toBeNull();
    const two = await signInAs(alice);
    await new Promise((r) => setTimeout(r, 5));
    await signOutEverywhere({ username: 'ada', role: 'admin' }, 'alice');
    expect(await sessionOf(two.jar)).toBeNull();
    // A sign-in after the mark is not affected.
    await new Promise((r) => setTimeout(r, 5));
    const three = await signInAs(alice);
    expect(await sessionOf(three.jar)).toMatchObject({ username: 'alice', role: 'admin' });
  });

  it('explains a provider that is down, lets nobody in and audits it', async () => {
    await issuer.close();
    const jar = new Jar();
    const { csrfToken } = (await (await send(jar, '/api/auth/csrf')).json()) as { csrfToken: string };
    const res = await send(jar, '/api/auth/signin/oidc', new URLSearchParams({ csrfToken, callbackUrl: `${appOrigin}/scans` }).toString());
    const location = new URL(res.headers.get('location')!, appOrigin);
    expect(location.pathname).toBe('/login');
    expect(location.searchParams.get('error')).toBe('SsoUnreachable');
    expect(jar.cookies.has(sessionCookie)).toBe(false);
    expect(await lastSignIn()).toMatchObject({ outcome: 'failed', errorCode: 'SsoUnreachable', target: { issuer: issuer.issuer } });
  });
});
