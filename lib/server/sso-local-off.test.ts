import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { appOrigin, setTestEnv } from '@/lib/testing/bff';
import { nextAuthHandlerForTests } from '@/lib/testing/oidc-issuer';

// LOCAL_SIGNIN=off with SSO set: the users file's sign-in is gone, not just its form.
const { usersFile } = setTestEnv('http://127.0.0.1:9', {
  OIDC_ISSUER: 'http://127.0.0.1:9',
  OIDC_CLIENT_ID: 'scandeck',
  OIDC_CLIENT_SECRET: 'oidc-client-secret-0123456789',
  OIDC_ADMIN_GROUPS: 'admins',
  LOCAL_SIGNIN: 'off',
});
const { getAuthOptions } = await import('./auth');
const { guardAuthRoute } = await import('./auth-route');
const { peerStamp } = await import('./client-address');
const { hashPassword } = await import('./password');

// A user whose password is right: the refusal below is the provider's absence, not a wrong password.
writeFileSync(usersFile, JSON.stringify({ users: [{ username: 'ada', role: 'admin', passwordHash: await hashPassword('ada-password-123') }] }));

describe('LOCAL_SIGNIN=off', () => {
  it("leaves only the organization's provider", () => {
    expect(getAuthOptions().providers.map((p) => p.id)).toEqual(['oidc']);
  });

  it('opens no session for a hand-made post to the credentials callback, even with a CSRF token', async () => {
    const handler = guardAuthRoute(await nextAuthHandlerForTests(getAuthOptions));
    const context = (path: string) => ({ params: Promise.resolve({ nextauth: path.split('/').slice(3) }) });
    const csrf = await handler(new NextRequest(`${appOrigin}/api/auth/csrf`, { headers: new Headers([peerStamp('192.0.2.9')]) }), context('/api/auth/csrf'));
    const cookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const res = await handler(
      new NextRequest(`${appOrigin}/api/auth/callback/credentials`, {
        method: 'POST',
        headers: new Headers([peerStamp('192.0.2.9'), ['cookie', cookie], ['content-type', 'application/x-www-form-urlencoded']]),
        body: new URLSearchParams({ username: 'ada', password: 'ada-password-123', csrfToken, json: 'true' }).toString(),
      }),
      context('/api/auth/callback/credentials'),
    );
    expect(res.headers.getSetCookie().some((c) => c.startsWith('next-auth.session-token='))).toBe(false);
    expect(res.status).not.toBe(200);
  });
});
