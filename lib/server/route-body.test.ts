import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureLog } from '@/lib/testing/log';
import { z } from 'zod';
import { appOrigin, context, setTestEnv, testSessions } from '@/lib/testing/bff';

setTestEnv('http://127.0.0.1:9');
const { route, noContent } = await import('./route');

const { admin } = await testSessions();

const DELETE = route({ role: 'admin' }, () => noContent());

function deleteWith(body: BodyInit | null, headers: Record<string, string> = {}) {
  // duplex is needed for a stream body in Node; Next's own RequestInit type does not list it.
  const init = { method: 'DELETE', headers: { host: 'localhost:3000', cookie: admin, 'x-csrf': '1', origin: appOrigin, ...headers }, body, duplex: 'half' };
  return new NextRequest(new Request(`${appOrigin}/api/t/1`, init));
}

const emptyStream = () => new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });

describe('a mutation that takes no body', () => {
  it('accepts an empty stream without a content type, as a browser DELETE arrives behind next start', async () => {
    expect((await DELETE(deleteWith(emptyStream()), context())).status).toBe(204);
    expect((await DELETE(deleteWith(null), context())).status).toBe(204);
  });

  it('still refuses an untyped or non-JSON body with 415', async () => {
    expect((await DELETE(deleteWith('name=x'), context())).status).toBe(415);
    expect((await DELETE(deleteWith('name=x', { 'content-type': 'application/x-www-form-urlencoded' }), context())).status).toBe(415);
  });
});

describe('a client that aborts its body', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gets a 400, and the log gets no 500 and no stack trace', async () => {
    const log = captureLog();
    const POST = route({ role: 'admin', body: z.object({ name: z.string() }) }, () => ({ ok: true }));
    let sent = false;
    const aborted = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return controller.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
        sent = true;
        controller.enqueue(new TextEncoder().encode('{"name":"half'));
      },
    });
    const init = {
      method: 'POST',
      headers: { host: 'localhost:3000', cookie: admin, 'x-csrf': '1', origin: appOrigin, 'content-type': 'application/json' },
      body: aborted,
      duplex: 'half',
    };
    const res = await POST(new NextRequest(new Request(`${appOrigin}/api/t`, init)), context());
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'bad_request', message: 'The request body was not received in full.' } });
    log.restore();
    expect(log.entries().filter((e) => e.level === 'error')).toEqual([]);
  });
});
