import { describe, expect, it } from 'vitest';
import { setTestEnv } from '@/lib/testing/bff';

setTestEnv('http://127.0.0.1:9');
const { SignInThrottle, clientAddress, withSignInThrottle } = await import('./throttle');

const limits = { maxFailuresPerUser: 5, maxFailuresPerAddress: 8, windowS: 900, slowAfter: 3 };

describe('SignInThrottle', () => {
  it('slows a username after 3 failures, then refuses with the time until the window frees a slot', () => {
    const t = new SignInThrottle(limits);
    const at = 1_000_000;
    const delays = [0, 1, 2, 3, 4].map((i) => t.begin('ada', `10.0.0.${i}`, at + i * 1000));
    expect(delays).toEqual([
      { refused: false, delayMs: 0 },
      { refused: false, delayMs: 0 },
      { refused: false, delayMs: 0 },
      { refused: false, delayMs: 500 },
      { refused: false, delayMs: 1000 },
    ]);
    expect(t.begin('ada', '10.0.0.9', at + 5000)).toEqual({ refused: true, retryAfterS: 895 });
    // Case and spaces do not make a new username.
    expect(t.begin(' ADA ', '10.0.0.9', at + 5000).refused).toBe(true);
    // Once the oldest failure leaves the window, one more attempt is allowed.
    expect(t.begin('ada', '10.0.0.9', at + 900_001).refused).toBe(false);
  });

  it('refuses an address guessing many usernames', () => {
    const t = new SignInThrottle(limits);
    for (let i = 0; i < 8; i++) expect(t.begin(`user${i}`, '192.0.2.7', i).refused).toBe(false);
    expect(t.begin('someone-else', '192.0.2.7', 9)).toMatchObject({ refused: true });
    expect(t.begin('someone-else', '192.0.2.8', 9)).toMatchObject({ refused: false });
  });

  it('a success clears the username, so the owner is not locked out by their own typos', () => {
    const t = new SignInThrottle(limits);
    for (let i = 0; i < 4; i++) t.begin('vic', 'a', i);
    t.succeeded('vic', 'a');
    expect(t.begin('vic', 'b', 10)).toEqual({ refused: false, delayMs: 0 });
    // The address keeps its other three failures, so it is still slowed.
    expect(t.begin('eve', 'a', 11)).toEqual({ refused: false, delayMs: 500 });
  });
});

describe('clientAddress', () => {
  it('takes the entry the nearest proxy added', () => {
    expect(clientAddress(new Headers({ 'x-forwarded-for': '203.0.113.9, 198.51.100.2' }))).toBe('198.51.100.2');
    expect(clientAddress(new Headers())).toBe('unknown');
  });
});

describe('withSignInThrottle', () => {
  /** Stands in for next-auth's credentials callback: 401 for a failure, 200 + cookie for ada/right. */
  async function fakeNextAuth(req: Request): Promise<Response> {
    const form = await req.formData();
    const ok = form.get('username') === 'ada' && form.get('password') === 'right';
    return ok
      ? Response.json({ url: 'http://localhost:3000/' }, { headers: { 'set-cookie': 'next-auth.session-token=x; Path=/' } })
      : Response.json({ url: 'http://localhost:3000/api/auth/error?error=CredentialsSignin' }, { status: 401 });
  }

  function attempt(username: string, password: string, address = '127.0.0.1') {
    return new Request('http://localhost:3000/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': address },
      body: new URLSearchParams({ username, password, csrfToken: 'c', json: 'true' }),
    });
  }

  it('answers an unknown user and a wrong password alike, then 429 + Retry-After with a url signIn() can read', async () => {
    const handler = withSignInThrottle(fakeNextAuth, new SignInThrottle({ ...limits, slowAfter: 10 }));
    const unknown = await handler(attempt('nobody', 'x'), {});
    const wrong = await handler(attempt('ada', 'wrong'), {});
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(await unknown.json()).toEqual(await wrong.json());
    for (let i = 0; i < 4; i++) await handler(attempt('ada', 'wrong'), {});
    const refused = await handler(attempt('ada', 'right'), {});
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await refused.json()) as { url: string; error: { code: string } };
    expect(new URL(body.url).searchParams.get('error')).toBe('TooManyAttempts');
    expect(body.error.code).toBe('too_many_requests');
    // The same answer for a username that does not exist, once it has had as many failures.
    for (let i = 0; i < 5; i++) await handler(attempt('ghost', 'x', '10.9.9.9'), {});
    expect((await handler(attempt('ghost', 'x', '10.9.9.9'), {})).status).toBe(429);
  });

  it('slows attempts past the threshold', async () => {
    const handler = withSignInThrottle(fakeNextAuth, new SignInThrottle({ ...limits, slowAfter: 1 }));
    await handler(attempt('vic', 'x'), {});
    const started = Date.now();
    await handler(attempt('vic', 'x'), {});
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
  });

  it('lets the right password in below the limit and resets the count', async () => {
    const handler = withSignInThrottle(fakeNextAuth, new SignInThrottle({ ...limits, slowAfter: 10 }));
    for (let i = 0; i < 4; i++) await handler(attempt('ada', 'wrong'), {});
    expect((await handler(attempt('ada', 'right'), {})).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await handler(attempt('ada', 'wrong'), {})).status).toBe(401);
  });
});
