import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { setTestEnv } from '@/lib/testing/bff';

const { usersFile } = setTestEnv('http://127.0.0.1:9');
const { hashPassword } = await import('./password');
const { authorizeCredentials, getAuthOptions } = await import('./auth');

writeFileSync(usersFile, JSON.stringify({ users: [{ username: 'ada', role: 'admin', passwordHash: await hashPassword('ada-password-123') }] }));

describe('authorizeCredentials', () => {
  it('accepts the right password and carries the role from the file', async () => {
    expect(await authorizeCredentials({ username: 'ada', password: 'ada-password-123' })).toEqual({ username: 'ada', role: 'admin' });
  });

  it('refuses a wrong password, an unknown user and malformed input alike', async () => {
    expect(await authorizeCredentials({ username: 'ada', password: 'ada-password-124' })).toBeNull();
    expect(await authorizeCredentials({ username: 'nobody', password: 'ada-password-123' })).toBeNull();
    expect(await authorizeCredentials({ username: 'ada' })).toBeNull();
    expect(await authorizeCredentials(undefined)).toBeNull();
  });
});

describe('getAuthOptions', () => {
  it('uses JWT sessions with the configured age and the /login page', () => {
    const options = getAuthOptions();
    expect(options.session).toEqual({ strategy: 'jwt', maxAge: 8 * 3600 });
    expect(options.pages?.signIn).toBe('/login');
    expect(options.secret).toHaveLength(39);
  });

  it('puts username and role into the token and the session', async () => {
    const { callbacks } = getAuthOptions();
    const token = await callbacks!.jwt!({
      token: { sub: 'ada' },
      user: { id: 'ada', name: 'ada', username: 'ada', role: 'admin' } as never,
      account: null,
    });
    expect(token).toMatchObject({ username: 'ada', role: 'admin' });
    const session = await callbacks!.session!({
      session: { expires: 'x', user: {} },
      token,
      user: undefined as never,
      newSession: undefined,
      trigger: 'update',
    });
    expect(session).toMatchObject({ username: 'ada', role: 'admin', user: { name: 'ada' } });
  });
});
