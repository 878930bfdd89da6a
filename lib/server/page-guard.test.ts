import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { appOrigin, sessionCookie, setTestEnv, testSessions } from '@/lib/testing/bff';

setTestEnv('http://127.0.0.1:9');
const { guardPage } = await import('./page-guard');

const { viewer } = await testSessions();

function page(path: string, cookie?: string) {
  return new NextRequest(`${appOrigin}${path}`, { headers: cookie ? { cookie } : {} });
}

describe('guardPage', () => {
  it('lets a request with a session token through', async () => {
    const res = await guardPage(page('/scans', viewer));
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('x-middleware-next')).toBe('1');
  });

  it('sends a request without a session to /login with the original path and query', async () => {
    const res = await guardPage(page('/scans?page=2&q=web'));
    expect(res.status).toBe(307);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin).toBe(appOrigin);
    expect(location.pathname).toBe('/login');
    expect(location.searchParams.get('callbackUrl')).toBe('/scans?page=2&q=web');
  });

  it('never puts a protocol-relative URL into callbackUrl', async () => {
    const res = await guardPage(page('//evil.example/x'));
    const callback = new URL(res.headers.get('location')!).searchParams.get('callbackUrl');
    expect(callback).toBe('/evil.example/x');
  });

  it('leaves callbackUrl out for the home page', async () => {
    const res = await guardPage(page('/'));
    expect(new URL(res.headers.get('location')!).search).toBe('');
  });

  it('refuses a forged token', async () => {
    const res = await guardPage(page('/scans', 'next-auth.session-token=forged'));
    expect(res.status).toBe(307);
  });

  it('sets a CSP with a fresh nonce on every answer, and hands the nonce to Next', async () => {
    const a = await guardPage(page('/scans', viewer));
    const b = await guardPage(page('/login'));
    const redirect = await guardPage(page('/scans'));
    const nonceOf = (csp: string | null) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp ?? '')?.[1];
    const csp = a.headers.get('content-security-policy')!;
    expect(nonceOf(csp)).toBeDefined();
    expect(nonceOf(csp)).not.toBe(nonceOf(b.headers.get('content-security-policy')));
    expect(redirect.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(/script-src[^;]*unsafe-(inline|eval)/.test(csp)).toBe(false);
    // Next reads the nonce from the request's own CSP header (x-middleware-override-headers lists it).
    expect(a.headers.get('x-middleware-override-headers')).toContain('content-security-policy');
    expect(a.headers.get('x-middleware-request-content-security-policy')).toBe(csp);
  });

  it('lets /login through without a session', async () => {
    const res = await guardPage(page('/login'));
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('x-middleware-next')).toBe('1');
  });

  it('renews an older session cookie as HttpOnly, SameSite=Strict', async () => {
    const old = await sessionCookie('vic', 'viewer', { authTime: Math.floor(Date.now() / 1000) - 600 });
    const fresh = await guardPage(page('/scans', viewer));
    expect(fresh.headers.get('set-cookie')).toBeNull();
    // iat is stamped at encode time, so age it with a clock a few minutes ahead.
    const { vi } = await import('vitest');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 5 * 60_000);
    try {
      const res = await guardPage(page('/scans', old));
      const set = res.headers.get('set-cookie') ?? '';
      expect(set).toMatch(/^next-auth\.session-token=/);
      expect(set).toMatch(/HttpOnly/i);
      expect(set).toMatch(/SameSite=strict/i);
    } finally {
      vi.useRealTimers();
    }
  });
});
