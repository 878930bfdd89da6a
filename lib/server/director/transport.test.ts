import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { directorKeys, setTestEnv } from '@/lib/testing/bff';
import type { AppError } from '../errors';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}
const seen: Seen[] = [];
type Script = (res: ServerResponse) => void;
const scripts = new Map<string, Script>();

const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    const path = (req.url ?? '').split('?')[0] ?? '';
    const script = scripts.get(path);
    if (script) script(res);
    else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error_code: 143, error_msg: 'no script', response: '' }));
    }
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
setTestEnv(base, { DIRECTOR_TIMEOUT_MS: '300' });
const { directorFetch } = await import('./transport');

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

function envelope(response: unknown, errorCode = 0, errorMsg = '') {
  return JSON.stringify({ type: 'regular', response, error_code: errorCode, error_msg: errorMsg, warnings: [], timestamp: 1 });
}
function script(path: string, status: number, body: string, headers: Record<string, string> = {}) {
  scripts.set(path, (res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  });
}
async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a rejection');
}

const items = z.array(z.object({ id: z.string() }));

describe('directorFetch', () => {
  it('sends the API key, accept and a request id, and nothing of the browser', async () => {
    script('/rest/ok', 200, envelope([{ id: '1' }]));
    const out = await directorFetch({ path: '/ok', query: { fields: 'id,name', sciID: 3, orgID: undefined }, schema: items });
    expect(out).toEqual([{ id: '1' }]);
    const req = seen.at(-1)!;
    expect(req.url).toBe('/rest/ok?fields=id%2Cname&sciID=3');
    expect(req.headers['x-apikey']).toBe(`accesskey=${directorKeys.accessKey}; secretkey=${directorKeys.secretKey};`);
    expect(req.headers.accept).toBe('application/json');
    expect(req.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(req.headers.cookie).toBeUndefined();
    expect(req.headers.authorization).toBeUndefined();
    expect(req.headers['x-csrf']).toBeUndefined();
    expect(req.headers.origin).toBeUndefined();
  });

  it('sends a JSON body on mutations', async () => {
    script('/rest/mgmt/thing', 200, envelope({ id: '9' }));
    await directorFetch({ method: 'POST', path: '/mgmt/thing', body: { name: 'n' }, schema: z.object({ id: z.string() }) });
    const req = seen.at(-1)!;
    expect(req.method).toBe('POST');
    expect(req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req.body)).toEqual({ name: 'n' });
  });

  it('treats a non-zero error_code as an error even with HTTP 200', async () => {
    script('/rest/env-error', 200, envelope('', 12, 'Something broke'));
    const err = await failure(directorFetch({ path: '/env-error', schema: z.unknown() }));
    expect(err.status).toBe(502);
    expect(err.code).toBe('upstream_error');
    expect(err.upstream).toMatchObject({ vendor: 'director', status: 200, code: '12', message: 'Something broke' });
    expect(err.upstream?.requestId).toBe(seen.at(-1)!.headers['x-request-id']);
  });

  it('maps not-found, key refusal and mutation refusals from the HTTP status and message, never from the code', async () => {
    script('/rest/missing', 403, envelope('', 146, 'Scan #999 not found'));
    const nf = await failure(directorFetch({ path: '/missing', schema: z.unknown() }));
    expect([nf.status, nf.code]).toEqual([404, 'not_found']);

    script('/rest/key', 403, envelope('', 146, 'Invalid API key'));
    const key = await failure(directorFetch({ path: '/key', schema: z.unknown() }));
    expect([key.status, key.code]).toEqual([502, 'upstream_error']);
    expect(key.message).toMatch(/credentials: Invalid API key \(error 146\)\. Check DIRECTOR_ACCESS_KEY/);
    expect(key.message).not.toContain(directorKeys.secretKey);

    script('/rest/reject', 403, envelope('', 146, "Invalid parameter 'zoneUUID': not on this SCI"));
    const rej = await failure(directorFetch({ method: 'POST', path: '/reject', body: {}, schema: z.unknown() }));
    expect([rej.status, rej.code]).toEqual([422, 'upstream_rejected']);
    expect(rej.upstream?.code).toBe('146');
    expect(rej.upstream?.message).toContain('zoneUUID');

    // A code ScanDeck has never seen, on a read: shown with its number and message, no special meaning.
    for (const code of [74, 142, 143, 9999]) {
      script('/rest/odd', 403, envelope('', code, 'Parameter missing: sciID'));
      const odd = await failure(directorFetch({ path: '/odd', schema: z.unknown() }));
      expect([odd.status, odd.code, odd.message]).toEqual([502, 'upstream_error', `Director refused the request: Parameter missing: sciID (error ${code})`]);
      expect(odd.upstream).toMatchObject({ code: String(code), message: 'Parameter missing: sciID' });
    }
  });

  it('never passes an HTML body through', async () => {
    script('/rest/html', 200, '<html><body>Login</body></html>', { 'content-type': 'text/html' });
    const err = await failure(directorFetch({ path: '/html', schema: z.unknown() }));
    expect([err.status, err.code, err.message]).toEqual([502, 'upstream_error', 'Director answered with an unexpected body.']);
    expect(JSON.stringify(err.upstream)).not.toContain('<html>');
  });

  it('refuses a response that does not match the expected shape', async () => {
    script('/rest/shape', 200, envelope({ unexpected: true }));
    const err = await failure(directorFetch({ path: '/shape', schema: items }));
    expect([err.status, err.code]).toEqual([502, 'upstream_error']);
  });

  it('does not follow a redirect', async () => {
    script('/rest/moved', 302, '', { location: `${base}/rest/ok` });
    const before = seen.length;
    const err = await failure(directorFetch({ path: '/moved', schema: z.unknown() }));
    expect([err.status, err.code]).toEqual([502, 'upstream_error']);
    expect(seen.length).toBe(before + 1);
  });

  it('gives up at the deadline with 504', async () => {
    scripts.set('/rest/slow', (res) => {
      setTimeout(() => {
        if (!res.destroyed) {
          res.writeHead(200);
          res.end(envelope([]));
        }
      }, 1500);
    });
    const err = await failure(directorFetch({ path: '/slow', schema: z.unknown() }));
    expect([err.status, err.code]).toEqual([504, 'upstream_timeout']);
  });

  it('answers 503 when the connection is refused', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const { getEnv } = await import('../env');
    const env = getEnv();
    const saved = env.director.url;
    env.director.url = `http://127.0.0.1:${port}`;
    try {
      const err = await failure(directorFetch({ path: '/ok', schema: z.unknown() }));
      expect([err.status, err.code]).toEqual([503, 'upstream_unavailable']);
    } finally {
      env.director.url = saved;
    }
  });

  it('refuses a path that is not a fixed absolute path', async () => {
    await expect(directorFetch({ path: 'mgmt/scan', schema: z.unknown() })).rejects.toThrow();
    await expect(directorFetch({ path: '/mgmt/../sci', schema: z.unknown() })).rejects.toThrow();
  });
});
