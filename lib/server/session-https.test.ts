import { describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { sessionCookie, setTestEnv } from '@/lib/testing/bff';

// Served over https: the cookie is Secure and carries the __Host- prefix.
setTestEnv('http://127.0.0.1:9', { NEXTAUTH_URL: 'https://scandeck.example.test' });
const { getAuthOptions } = await import('./auth');
const { getRequestSession } = await import('./session');
const { contentSecurityPolicy, guardPage } = await import('./page-guard');
const { route } = await import('./route');
const { guardAuthRoute } = await import('./auth-route');

describe('over https', () => {
  it('names the session cookie __Host- and marks every next-auth cookie Secure', () => {
    const { cookies, useSecureCookies } = getAuthOptions();
    expect(useSecureCookies).toBe(true);
    expect(cookies?.sessionToken).toEqual({
      name: '__Host-next-auth.session-token',
      options: { httpOnly: true, sameSite: 'strict', path: '/', secure: true },
    });
    for (const c of [cookies?.csrfToken, cookies?.callbackUrl]) {
      expect(c?.name.startsWith('__Host-')).toBe(true);
      expect(c?.options).toMatchObject({ secure: true, path: '/', httpOnly: true });
    }
    expect(cookies?.csrfToken?.options.sameSite).toBe('strict');
    // The destination must come back with the browser from the provider's cross-site redirect.
    expect(cookies?.callbackUrl?.options.sameSite).toBe('lax');
  });

  it('reads the session only from the __Host- cookie', async () => {
    const plain = await sessionCookie('vic', 'viewer');
    const value = plain.split('=')[1]!;
    const req = (cookie: string) => new NextRequest('https://scandeck.example.test/api/x', { headers: { cookie } });
    expect(await getRequestSession(req(plain))).toBeNull();
    expect(await getRequestSession(req(`__Host-next-auth.session-token=${value}`))).toEqual({ username: 'vic', role: 'viewer' });
  });

  it('asks browsers to upgrade insecure requests', () => {
    expect(contentSecurityPolicy('n', { https: true, dev: false })).toContain('upgrade-insecure-requests');
    expect(contentSecurityPolicy('n', { https: false, dev: false })).not.toContain('upgrade-insecure-requests');
  });

  it('sends HSTS on pages, API answers and /api/auth answers', async () => {
    const hsts = 'max-age=63072000; includeSubDomains';
    const page = await guardPage(new NextRequest('https://scandeck.example.test/login'));
    expect(page.headers.get('strict-transport-security')).toBe(hsts);
    const api = await route({ role: 'viewer' }, () => ({}))(new NextRequest('https://scandeck.example.test/api/x'), { params: Promise.resolve({}) });
    expect(api.status).toBe(401);
    expect(api.headers.get('strict-transport-security')).toBe(hsts);
    const auth = await guardAuthRoute(async () => Response.json({}))(new NextRequest('https://scandeck.example.test/api/auth/csrf'), {
      params: Promise.resolve({ nextauth: ['csrf'] }),
    });
    expect(auth.headers.get('strict-transport-security')).toBe(hsts);
  });
});

describe('the CSP with single sign-on', () => {
  it("lets the sign-in form's post be redirected to the provider's origin, and nowhere else", () => {
    const csp = contentSecurityPolicy('n', { https: true, dev: false, formTargets: ['https://login.example.org'] });
    expect(csp).toContain("form-action 'self' https://login.example.org;");
    expect(contentSecurityPolicy('n', { https: true, dev: false })).toContain("form-action 'self';");
  });
});
