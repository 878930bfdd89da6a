import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureLog } from '@/lib/testing/log';
import { NextRequest } from 'next/server';
import { setTestEnv } from '@/lib/testing/bff';

setTestEnv('http://127.0.0.1:9', { SIGNIN_SLOW_AFTER: '50' });
const { guardAuthRoute, authBodyLimit } = await import('./auth-route');
const { peerStamp } = await import('./client-address');
const { currentRequestContext } = await import('./request-context');
const { getSignInThrottle } = await import('./throttle');

const origin = 'http://localhost:3000';
const callback = { params: Promise.resolve({ nextauth: ['callback', 'credentials'] }) };

/** Stands in for next-auth behind the guard: keeps what reached it, answers 401 like a failed sign-in. */
function innerSpy(answer: (req: NextRequest) => Response | Promise<Response> = () => Response.json({ url: `${origin}/api/auth/error` }, { status: 401 })) {
  const seen: Array<{ body: string; type: string | null }> = [];
  const inner = async (req: NextRequest) => {
    seen.push({ body: await req.text(), type: req.headers.get('content-type') });
    return answer(req);
  };
  return { seen, handler: guardAuthRoute(inner) };
}

function post(body: BodyInit, type: string, peer = '192.0.2.50', extra: Record<string, string> = {}, path = '/api/auth/callback/credentials') {
  return new NextRequest(`${origin}${path}`, {
    method: 'POST',
    headers: new Headers([peerStamp(peer), ['content-type', type], ...Object.entries(extra)]),
    body,
    // Node's fetch needs this for a streamed body; the DOM typings do not know it yet.
    ...{ duplex: 'half' },
  });
}

const form = 'application/x-www-form-urlencoded';

afterEach(() => vi.restoreAllMocks());

describe('the sign-in callback takes one shape only', () => {
  it('refuses a repeated username (next-auth would check the last one) before next-auth sees it', async () => {
    const { seen, handler } = innerSpy();
    const res = await handler(post('username=decoy&username=victim&password=p&csrfToken=c&json=true', form), callback);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { url: string; error: { code: string; message: string } };
    expect(body.error).toMatchObject({ code: 'bad_request', message: 'The field "username" was sent more than once.' });
    expect(new URL(body.url).searchParams.get('error')).toBe('BadRequest');
    expect(seen).toHaveLength(0);
  });

  it('refuses a JSON body (next-auth would accept it) and a form type smuggled into a JSON one', async () => {
    const { seen, handler } = innerSpy();
    const json = JSON.stringify({ username: 'victim', password: 'p', csrfToken: 'c', json: 'true' });
    expect((await handler(post(json, 'application/json'), callback)).status).toBe(415);
    expect((await handler(post(json, `application/json; x=${form}`), callback)).status).toBe(415);
    expect(seen).toHaveLength(0);
  });

  it('hands next-auth exactly the form it parsed, as a plain urlencoded form', async () => {
    const { seen, handler } = innerSpy();
    await handler(post('username=ada&password=p%26q&csrfToken=c&json=true', `${form}; charset=UTF-8`), callback);
    expect(seen).toEqual([{ body: 'username=ada&password=p%26q&csrfToken=c&json=true', type: form }]);
  });

  it('answers an address already refused with 429, Retry-After and a url signIn() can read, without calling next-auth', async () => {
    const throttle = getSignInThrottle();
    for (let i = 0; i < 5; i++) await throttle.begin('locked-user', '192.0.2.77');
    const { seen, handler } = innerSpy();
    const res = await handler(post('username=locked-user&password=p&csrfToken=c&json=true', form, '192.0.2.77'), callback);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(new URL(((await res.json()) as { url: string }).url).searchParams.get('error')).toBe('TooManyAttempts');
    expect(seen).toHaveLength(0);
    // The same user from another address reaches next-auth.
    await handler(post('username=locked-user&password=p&csrfToken=c&json=true', form, '192.0.2.78'), callback);
    expect(seen).toHaveLength(1);
  });

  it('answers 503 "temporarily unavailable", not 401, when the attempt could not be recorded', async () => {
    const { handler } = innerSpy(() => {
      currentRequestContext()!.signIn!.unavailable = 'audit_unavailable';
      return Response.json({ url: `${origin}/api/auth/error` }, { status: 401 });
    });
    const res = await handler(post('username=ada&password=p&csrfToken=c&json=true', form), callback);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { url: string; error: { code: string; message: string } };
    expect(body.error.message).toMatch(/temporarily unavailable/);
    expect(new URL(body.url).searchParams.get('error')).toBe('Unavailable');
  });
});

describe('every /api/auth route caps its body before anything buffers', () => {
  /** A body of `total` bytes made on demand, counting what was pulled from it. */
  function endless(total: number) {
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= total) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    return { stream, pulled: () => pulled };
  }

  for (const [path, nextauth] of [
    ['/api/auth/callback/credentials', ['callback', 'credentials']],
    ['/api/auth/signout', ['signout']],
    ['/api/auth/session', ['session']],
  ] as const) {
    it(`${path}: a 100 MB body is refused after reading no more than the cap and one chunk`, async () => {
      const { seen, handler } = innerSpy();
      const body = endless(100 * 1024 * 1024);
      const res = await handler(post(body.stream, form, '192.0.2.60', {}, path), { params: Promise.resolve({ nextauth: [...nextauth] }) });
      expect(res.status).toBe(413);
      expect(body.pulled()).toBeLessThanOrEqual(authBodyLimit + 64 * 1024);
      expect(seen).toHaveLength(0);
    });
  }

  it('refuses a declared Content-Length over the cap without reading a byte', async () => {
    const { handler } = innerSpy();
    const body = endless(100 * 1024 * 1024);
    const res = await handler(post(body.stream, form, '192.0.2.61', { 'content-length': String(100 * 1024 * 1024) }), callback);
    expect(res.status).toBe(413);
    expect(body.pulled()).toBeLessThanOrEqual(64 * 1024);
  });

  it('answers 400, with nothing in the log, when the client drops the connection mid-body', async () => {
    const log = captureLog();
    const { handler } = innerSpy();
    let sent = false;
    const aborted = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) {
          sent = true;
          controller.enqueue(new TextEncoder().encode('username=ada&pass'));
        } else controller.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
      },
    });
    const res = await handler(post(aborted, form), callback);
    log.restore();
    expect(res.status).toBe(400);
    expect(log.entries().filter((e) => e.level === 'error')).toEqual([]);
  });
});
