import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { appOrigin, sessionCookie, setTestEnv } from '@/lib/testing/bff';

setTestEnv('http://127.0.0.1:9');
const { guardPage } = await import('./page-guard');

let viewer: string;
beforeAll(async () => {
  viewer = await sessionCookie('vic', 'viewer');
});

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
});
