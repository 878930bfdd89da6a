import { beforeAll, describe, expect, it } from 'vitest';
import { captureLog } from '@/lib/testing/log';
import { z } from 'zod';
import { apiRequest, context, sessionCookie, setTestEnv, writeUsers } from '@/lib/testing/bff';

const { usersFile } = setTestEnv('http://127.0.0.1:9');
const { route, jsonResponse } = await import('./route');

const calls: string[] = [];
const GET = route({ role: 'viewer', query: z.object({ n: z.coerce.number().int().max(5) }) }, ({ query, session }) => {
  calls.push('GET');
  return { n: query.n, user: session.username };
});
const POST = route(
  { role: 'admin', params: z.object({ id: z.string().regex(/^\d+$/) }), body: z.object({ name: z.string().min(1), nested: z.object({ x: z.number() }) }) },
  ({ params, body }) => {
    calls.push('POST');
    return jsonResponse({ id: params.id, name: body.name }, 201);
  },
);

let admin: string;
let viewer: string;

beforeAll(async () => {
  admin = await sessionCookie('ada', 'admin');
  viewer = await sessionCookie('vic', 'viewer');
});

async function errorOf(res: Response) {
  return ((await res.json()) as { error: { code: string; details?: Record<string, string[]> } }).error;
}

const goodBody = { name: 'x', nested: { x: 1 } };

describe('route wrapper', () => {
  it('answers data as JSON with no-store', async () => {
    const res = await GET(apiRequest('/api/t?n=3', { cookie: viewer }), context());
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/^no-store\b/);
    expect(await res.json()).toEqual({ n: 3, user: 'vic' });
  });

  it('leaves a small JSON answer uncompressed (no-transform) and lets a large one be gzipped', async () => {
    const small = jsonResponse({ items: ['a'] });
    expect(small.headers.get('cache-control')).toBe('no-store, no-transform');
    expect(small.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await small.json()).toEqual({ items: ['a'] });
    const large = jsonResponse({ items: Array.from({ length: 4_000 }, (_, i) => `row ${i} of a large selection`) });
    expect(large.headers.get('cache-control')).toBe('no-store');
  });

  it('401 without a session, and with a forged cookie', async () => {
    const before = calls.length;
    for (const cookie of [undefined, 'next-auth.session-token=forged']) {
      const res = await GET(apiRequest('/api/t?n=1', cookie ? { cookie } : {}), context());
      expect(res.status).toBe(401);
      expect(res.headers.get('cache-control')).toMatch(/^no-store\b/);
      expect((await errorOf(res)).code).toBe('unauthenticated');
    }
    expect(calls.length).toBe(before);
  });

  it('401 for a user removed from the users file, and the file role wins over the token', async () => {
    writeUsers(usersFile, [{ username: 'ada', role: 'viewer' }]);
    try {
      const removed = await GET(apiRequest('/api/t?n=1', { cookie: viewer }), context());
      expect(removed.status).toBe(401);
      const demoted = await POST(apiRequest('/api/t/1', { method: 'POST', cookie: admin, body: goodBody }), context({ id: '1' }));
      expect(demoted.status).toBe(403);
      expect((await errorOf(demoted)).code).toBe('forbidden');
    } finally {
      writeUsers(usersFile, [
        { username: 'ada', role: 'admin' },
        { username: 'vic', role: 'viewer' },
      ]);
    }
  });

  it('403 for a viewer on a mutation, before the handler', async () => {
    const before = calls.length;
    const res = await POST(apiRequest('/api/t/1', { method: 'POST', cookie: viewer, body: goodBody }), context({ id: '1' }));
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('forbidden');
    expect(calls.length).toBe(before);
  });

  it('lets an admin mutate with the right headers', async () => {
    const res = await POST(apiRequest('/api/t/7', { method: 'POST', cookie: admin, body: goodBody }), context({ id: '7' }));
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toMatch(/^no-store\b/);
    expect(await res.json()).toEqual({ id: '7', name: 'x' });
  });

  it('403 csrf without X-CSRF, with a foreign Origin, without Origin, or cross-site', async () => {
    const cases: Array<Record<string, string>> = [{ 'x-csrf': '' }, { origin: 'https://evil.example' }, { origin: '' }, { 'sec-fetch-site': 'cross-site' }];
    for (const headers of cases) {
      const req = apiRequest('/api/t/1', { method: 'POST', cookie: admin, body: goodBody, headers });
      const res = await POST(req, context({ id: '1' }));
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect((await errorOf(res)).code).toBe('csrf');
    }
  });

  it('400 with field details for params, query and body', async () => {
    const badQuery = await GET(apiRequest('/api/t?n=9', { cookie: viewer }), context());
    expect(badQuery.status).toBe(400);
    expect(Object.keys((await errorOf(badQuery)).details ?? {})).toEqual(['n']);

    const badBody = await POST(apiRequest('/api/t/1', { method: 'POST', cookie: admin, body: { name: '', nested: { x: 'no' } } }), context({ id: '1' }));
    expect(badBody.status).toBe(400);
    const details = (await errorOf(badBody)).details ?? {};
    expect(Object.keys(details).sort()).toEqual(['name', 'nested.x']);

    const badParams = await POST(apiRequest('/api/t/x', { method: 'POST', cookie: admin, body: goodBody }), context({ id: '../x' }));
    expect(badParams.status).toBe(400);
    expect((await errorOf(badParams)).details).toHaveProperty('id');

    const notJson = await POST(apiRequest('/api/t/1', { method: 'POST', cookie: admin, body: '{"name":' }), context({ id: '1' }));
    expect(notJson.status).toBe(400);
  });

  it('415 for a non-JSON body', async () => {
    const req = apiRequest('/api/t/1', { method: 'POST', cookie: admin, body: goodBody, headers: { 'content-type': 'text/plain' } });
    const res = await POST(req, context({ id: '1' }));
    expect(res.status).toBe(415);
    expect((await errorOf(res)).code).toBe('unsupported_media_type');
  });

  it('413 for a body over 64 KiB', async () => {
    const req = apiRequest('/api/t/1', { method: 'POST', cookie: admin, body: { name: 'a'.repeat(70 * 1024), nested: { x: 1 } } });
    const res = await POST(req, context({ id: '1' }));
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('payload_too_large');
  });

  it('turns unexpected errors into a generic 500, and logs the error without its message', async () => {
    const boom = route({ role: 'viewer' }, () => {
      throw new TypeError('secret-ish internal detail');
    });
    const log = captureLog();
    const res = await boom(apiRequest('/api/t', { cookie: viewer }), context());
    log.restore();
    const lines = log
      .entries()
      .map((e) => `${e.msg} ${e.error}`)
      .join('\n');
    expect(lines).toContain('unexpected error: TypeError');
    expect(lines).toMatch(/\n\s+at /);
    expect(lines).not.toContain('secret-ish');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('secret-ish');
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: expect.any(String) } });
  });
});

describe('fieldErrors', () => {
  it('keys nested body issues by dotted path and whole-input issues by ""', async () => {
    const { fieldErrors } = await import('./route');
    const schema = z.object({ a: z.object({ b: z.array(z.number()) }) }).refine(() => false, 'whole input refused');
    const bad = schema.safeParse({ a: { b: [1, 'x'] } });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(fieldErrors(bad.error)).toEqual({ 'a.b.1': [expect.any(String)] });
    const whole = schema.safeParse({ a: { b: [1] } });
    if (!whole.success) expect(fieldErrors(whole.error)).toEqual({ '': ['whole input refused'] });
    expect(whole.success).toBe(false);
  });
});
