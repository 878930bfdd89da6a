import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { errorEnvelope } from '@/lib/schemas/common';
import { ApiError } from './api-error';
import { apiFetch } from './api-fetch';
import { scanListSearch } from './scans';

type Call = { url: string; init: RequestInit };

function stubFetch(status: number, body: string): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(status === 204 ? null : body, { status, headers: { 'Content-Type': 'application/json' } });
  });
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('apiFetch', () => {
  it('sends X-CSRF and a JSON body on mutations only', async () => {
    const calls = stubFetch(201, '{"ok":true}');
    await apiFetch('/api/director/scans', { method: 'POST', body: { name: 'x' } });
    await apiFetch('/api/director/scans');
    const post = new Headers(calls[0]?.init.headers);
    expect(post.get('X-CSRF')).toBe('1');
    expect(post.get('Content-Type')).toBe('application/json');
    expect(calls[0]?.init.body).toBe('{"name":"x"}');
    const get = new Headers(calls[1]?.init.headers);
    expect(get.get('X-CSRF')).toBeNull();
    expect(calls[1]?.init.body).toBeUndefined();
  });

  it('turns the error envelope into an ApiError with upstream and details', async () => {
    stubFetch(
      422,
      JSON.stringify({
        error: {
          code: 'upstream_rejected',
          message: 'Director refused the scan',
          details: { name: ['taken'] },
          upstream: { vendor: 'director', status: 403, code: '146', message: 'Invalid repository', requestId: 'r-1' },
        },
      }),
    );
    const error = await apiFetch('/api/director/scans', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(422);
    expect(apiError.code).toBe('upstream_rejected');
    expect(apiError.message).toBe('Director refused the scan');
    expect(apiError.details).toEqual({ name: ['taken'] });
    expect(apiError.upstream).toMatchObject({ vendor: 'director', code: '146', requestId: 'r-1' });
  });

  it('gives a readable ApiError when the error body is not the envelope', async () => {
    stubFetch(504, '<html>gateway</html>');
    const error = (await apiFetch('/api/director/scans').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(504);
    expect(error.message).toMatch(/did not answer in time/);
  });

  it('answers undefined for 204 and refuses bodies that do not match the schema', async () => {
    stubFetch(204, '');
    await expect(apiFetch('/api/director/scans/1', { method: 'DELETE' })).resolves.toBeUndefined();
    stubFetch(200, '{"id":"not a number"}');
    await expect(apiFetch('/api/x', { schema: z.object({ id: z.number() }) })).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('refuses to call anything but ScanDeck API paths', async () => {
    stubFetch(200, '{}');
    await expect(apiFetch('https://evil.example/api/x')).rejects.toThrow(/only calls/);
  });
});

describe('scanListSearch', () => {
  it('writes only the values that are set, columns as a comma list', () => {
    expect(scanListSearch({ page: 2, pageSize: 50, order: 'asc', columns: ['name', 'sci'] })).toBe(
      'page=2&pageSize=50&columns=name%2Csci',
    );
    expect(
      scanListSearch({ page: 1, pageSize: 25, sort: 'name', order: 'desc', q: 'web', sciId: 3, orgId: 0, columns: [] }),
    ).toBe('page=1&pageSize=25&sort=name&order=desc&q=web&sciId=3&orgId=0');
  });

  it('reads the error envelope exactly as the shared zod schema does, without shipping zod to list pages', async () => {
    const bodies = [
      { error: { code: 'upstream_rejected', message: 'SCI 3 refused', upstream: { vendor: 'sci', sciId: 3, status: 403, code: '146', message: 'no', requestId: 'r-1' } } },
      { error: { code: 'bad_request', message: 'bad', details: { pageSize: ['must be one of 10, 25'] } } },
      { error: { code: 'upstream_error', message: 'x', upstream: { vendor: 'hss', status: 'nope', code: 'APIGW.0201' } } },
      { error: { code: 'x', message: 'y', upstream: { vendor: 'somewhere-else' } } },
      { error: { code: 7, message: 'not a string code' } },
      { nothing: true },
    ];
    for (const body of bodies) {
      stubFetch(502, JSON.stringify(body));
      const error = (await apiFetch('/api/director/scans').catch((e: unknown) => e)) as ApiError;
      const parsed = errorEnvelope.safeParse(body);
      if (parsed.success) {
        expect({ code: error.code, message: error.message, details: error.details, upstream: error.upstream }).toEqual({
          code: parsed.data.error.code,
          message: parsed.data.error.message,
          details: parsed.data.error.details,
          upstream: parsed.data.error.upstream,
        });
      } else {
        // What the schema refuses is either unreadable as a whole or loses only the field it refuses.
        expect(error).toBeInstanceOf(ApiError);
        if (typeof (body as { error?: { code?: unknown } }).error?.code === 'string') expect(error.upstream?.status).toBeUndefined();
        else expect(error.message).toBe('The upstream service answered with something unexpected.');
      }
    }
  });
});
