import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '@/lib/schemas/common';
import { apiRequest, context, directorKeys, setTestEnv, testSessions } from '@/lib/testing/bff';
import { envelope, faults, leakMarker, startScriptedUpstream, type Behaviour } from '@/lib/testing/scripted-upstream';

/** The fault list, end to end: scripted Director → upstream layer → transport → route → browser JSON. */
const up = await startScriptedUpstream();
setTestEnv(up.url, {
  // Long enough that no case but the hang meets it on a loaded machine; the hang costs this once.
  DIRECTOR_TIMEOUT_MS: '2000',
  DIRECTOR_CACHE_TTL_MS: '1',
  DIRECTOR_CACHE_MAX_AGE_MS: '1',
  UPSTREAM_CIRCUIT_THRESHOLD: '1000',
  // Refused by the byte count: 50 MB against a 1 MiB cap, so reading up to the cap is quick even under load.
  DIRECTOR_MAX_BODY_BYTES: String(1024 * 1024),
});
const list = await import('./route');

const { viewer } = await testSessions();
beforeEach(() => up.script.clear());
afterAll(() => up.close());

const scanPath = '/rest/mgmt/scan';
const goodList = envelope([{ id: '1', uuid: '6821F741-EF4C-46BA-98AA-E1CD93456220', name: 'Basic Scan', description: '' }]);

async function listScans() {
  // Past the 1 ms list cache, so each call meets the fault scripted for it, not the last answer.
  await new Promise((resolve) => setTimeout(resolve, 5));
  const res = await list.GET(apiRequest('/api/director/scans?page=1&pageSize=10', { cookie: viewer }), context());
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as ErrorEnvelope };
}

const cases: Array<{ name: string; behaviour: () => Behaviour; status: number; code: string; message: string | RegExp }> = [
  { name: 'hang', behaviour: faults.hang, status: 504, code: 'upstream_timeout', message: 'Director did not answer within 2000 ms.' },
  { name: 'reset', behaviour: faults.reset, status: 502, code: 'upstream_error', message: 'Director closed the connection before a full answer.' },
  { name: '500 with HTML', behaviour: faults.html500, status: 502, code: 'upstream_error', message: 'Director answered with an unexpected body.' },
  { name: 'truncated body', behaviour: faults.truncated, status: 502, code: 'upstream_error', message: 'Director closed the connection before a full answer.' },
  { name: 'truncated JSON', behaviour: faults.truncatedJson, status: 502, code: 'upstream_error', message: 'Director answered with an unexpected body.' },
  {
    name: 'error_code with HTTP 200',
    behaviour: faults.errorCode200,
    status: 502,
    code: 'upstream_error',
    message: 'Director refused the request: Unable to retrieve scans (error 12)',
  },
  { name: 'HSS error body', behaviour: faults.hssError, status: 502, code: 'upstream_error', message: 'Director answered with an unexpected body.' },
  {
    name: 'API gateway error body',
    behaviour: faults.gatewayError,
    status: 502,
    code: 'upstream_error',
    message: 'Director answered with an unexpected body.',
  },
  { name: 'gateway 502 HTML', behaviour: faults.gatewayHtml502, status: 502, code: 'upstream_error', message: 'Director answered with an unexpected body.' },
  {
    name: '50 MB body',
    behaviour: () => faults.huge(50 * 1024 * 1024, false),
    status: 502,
    code: 'upstream_error',
    message: `Director sent an answer larger than ${1024 * 1024} bytes.`,
  },
  {
    name: '302 to elsewhere',
    behaviour: () => faults.redirect('https://evil.example/rest/mgmt/scan'),
    status: 502,
    code: 'upstream_error',
    message: /redirect/,
  },
];

describe('GET /api/director/scans against a faulty Director', () => {
  it.each(cases)('$name: a stable ScanDeck error, no upstream text, and the next call is served', async ({ behaviour, status, code, message }) => {
    up.script.set(scanPath, behaviour());
    const bad = await listScans();
    expect(bad.status).toBe(status);
    expect(bad.body.error.code).toBe(code);
    expect(bad.body.error.message).toMatch(message);
    expect(bad.body.error.upstream?.vendor).toBe('director');
    expect(bad.body.error.upstream?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    for (const leak of [leakMarker, '<html', 'nginx', 'evil.example', 'APIGW', 'HSS.1001', directorKeys.secretKey]) {
      expect(bad.text).not.toContain(leak);
    }
    up.script.set(scanPath, faults.status(200, goodList));
    const good = await listScans();
    expect(good.status).toBe(200);
    expect(good.text).toContain('Basic Scan');
  });
});
