import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { envelope, faults, leakMarker, startScriptedUpstream } from '@/lib/testing/scripted-upstream';
import type { AppError } from '../errors';
import { createUpstream, parseRetryAfter, type UpstreamConfig, type UpstreamMethod } from './client';

const up = await startScriptedUpstream();
const created: Array<{ close(): Promise<void> }> = [];
afterAll(async () => {
  await Promise.all(created.map((c) => c.close()));
  await up.close();
});
// Each test starts with no pooled keep-alive socket, so socket counts speak of that test alone.
beforeEach(async () => {
  await Promise.all(created.splice(0).map((c) => c.close()));
  await expect.poll(() => up.openSockets()).toBe(0);
  up.script.clear();
  up.resetCounters();
});

function upstream(overrides: Partial<UpstreamConfig> = {}) {
  const u = createUpstream({
    vendor: 'director',
    label: 'Director',
    timeoutMs: 400,
    connectTimeoutMs: 300,
    maxBodyBytes: 1024 * 1024,
    retries: 2,
    circuitThreshold: 1000,
    circuitOpenMs: 200,
    backoffMs: 20,
    ...overrides,
  });
  created.push(u);
  return u;
}

let counter = 0;
function call(u: ReturnType<typeof upstream>, path: string, method: UpstreamMethod = 'GET', base = up.url) {
  return u.send({ method, url: new URL(`${base}${path}`), headers: { accept: 'application/json' }, requestId: `req-${++counter}` });
}
async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a rejection');
}
const hits = (path: string) => up.seen.filter((s) => s.path === path).length;

describe('upstream client: faults', () => {
  it('a hung upstream ends at the deadline with 504, and the socket is closed', async () => {
    up.script.set('/hang', faults.hang());
    const u = upstream({ retries: 0 });
    const err = await failure(call(u, '/hang'));
    expect([err.status, err.code]).toEqual([504, 'upstream_timeout']);
    expect(hits('/hang')).toBe(1);
    await expect.poll(() => up.openSockets()).toBe(0);
  });

  it('a slow answer within the deadline is served', async () => {
    up.script.set('/slow', faults.slow(150, envelope(['x'])));
    const res = await call(upstream(), '/slow');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).response).toEqual(['x']);
  });

  it('a reset connection is a 502 and a GET is retried, a POST never', async () => {
    up.script.set('/reset', faults.reset());
    const u = upstream();
    const err = await failure(call(u, '/reset'));
    expect([err.status, err.code]).toEqual([502, 'upstream_error']);
    expect(err.message).toBe('Director closed the connection before a full answer.');
    expect(hits('/reset')).toBe(3);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      up.resetCounters();
      await failure(call(u, '/reset', method));
      expect(hits('/reset')).toBe(1);
    }
  });

  it('a body cut short of its Content-Length is a 502 without the partial text', async () => {
    up.script.set('/truncated', faults.truncated());
    const err = await failure(call(upstream({ retries: 0 }), '/truncated'));
    expect([err.status, err.code]).toEqual([502, 'upstream_error']);
    expect(JSON.stringify({ m: err.message, u: err.upstream })).not.toContain(leakMarker);
  });

  it('a 50 MB body is refused at the cap, streamed or declared, and the rest is never read', async () => {
    const cap = 4 * 1024 * 1024;
    const body = 50 * 1024 * 1024;
    // A deadline no load on the machine reaches: the refusal must come from the byte count.
    const u = upstream({ maxBodyBytes: cap, timeoutMs: 60_000, retries: 0 });
    for (const declared of [false, true]) {
      const huge = faults.huge(body, declared);
      up.script.set('/huge', huge);
      const err = await failure(call(u, '/huge'));
      expect([err.status, err.code]).toEqual([502, 'upstream_error']);
      expect(err.message).toBe(`Director sent an answer larger than ${cap} bytes.`);
      // The socket closes once the cap is passed: the upstream never gets the rest of its body out
      // (what it did write is the cap plus the kernel's socket buffers).
      await expect.poll(() => huge.ended, { timeout: 30_000 }).toBe(true);
      expect(huge.sent).toBeLessThan(body / 2);
    }
    await expect.poll(() => up.openSockets()).toBe(0);
  });

  it('a redirect is not followed (502), whatever the method', async () => {
    up.script.set('/moved', faults.redirect(`${up.url}/elsewhere`));
    for (const method of ['GET', 'POST'] as const) {
      up.resetCounters();
      const err = await failure(call(upstream(), '/moved', method));
      expect([err.status, err.code, err.upstream?.status]).toEqual([502, 'upstream_error', 302]);
      expect(hits('/elsewhere')).toBe(0);
    }
  });

  it('answers with a status (500 HTML, 4xx) are handed to the transport to judge', async () => {
    up.script.set('/html', faults.html500());
    const res = await call(upstream({ retries: 0 }), '/html');
    expect(res.status).toBe(500);
  });

  it('a refused connection is 503 and keeps no socket', async () => {
    const closed = createHttpsServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const err = await failure(call(upstream({ retries: 0 }), '/x', 'GET', `http://127.0.0.1:${port}`));
    expect([err.status, err.code]).toEqual([503, 'upstream_unavailable']);
  });
});

describe('upstream client: retries', () => {
  it('retries a GET on 503 after the Retry-After pause, then succeeds', async () => {
    let n = 0;
    up.script.set('/busy', (req, res) => {
      n += 1;
      if (n === 1) faults.status(503, envelope('', 1, 'busy'), { 'retry-after': '1' })(req, res);
      else faults.status(200, envelope(['ok']))(req, res);
    });
    const res = await call(upstream({ timeoutMs: 10_000 }), '/busy');
    expect(res.status).toBe(200);
    // A lower bound only: the pause was honoured; a slow machine can only make it longer.
    const gap = up.seen[1]!.at - up.seen[0]!.at;
    expect(gap).toBeGreaterThanOrEqual(950);
  });

  it('does not wait out a Retry-After longer than the deadline: the 503 comes back at once', async () => {
    up.script.set('/later', faults.status(503, envelope('', 1, 'busy'), { 'retry-after': '60' }));
    const res = await call(upstream({ timeoutMs: 2_000 }), '/later');
    expect(res.status).toBe(503);
    expect(hits('/later')).toBe(1);
  });

  it('bounds the attempts of a GET to 1 + retries', async () => {
    up.script.set('/down', faults.status(502, 'bad gateway'));
    const res = await call(upstream({ retries: 2, timeoutMs: 2_000 }), '/down');
    expect(res.status).toBe(502);
    expect(hits('/down')).toBe(3);
  });

  it('retries a 429 on a read, except where throttle answers are final (HSS: the budget takes them)', async () => {
    up.script.set('/throttled', faults.status(429, envelope('', 1, 'slow down'), { 'retry-after': '0' }));
    const res = await call(upstream({ timeoutMs: 5_000 }), '/throttled');
    expect(res.status).toBe(429);
    expect(hits('/throttled')).toBe(3);
    up.resetCounters();
    const final = await call(upstream({ timeoutMs: 5_000, retriesThrottled: false }), '/throttled');
    expect(final.status).toBe(429);
    expect(hits('/throttled')).toBe(1);
    // Only the 429 is final: a 503 from the same upstream is still retried.
    up.script.set('/busy', faults.status(503, envelope('', 1, 'busy'), { 'retry-after': '0' }));
    await call(upstream({ timeoutMs: 5_000, retriesThrottled: false }), '/busy');
    expect(hits('/busy')).toBe(3);
  });

  it('never retries POST, PUT, PATCH or DELETE on a 503', async () => {
    up.script.set('/m', faults.status(503, envelope('', 1, 'busy')));
    const u = upstream({ timeoutMs: 2_000 });
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      up.resetCounters();
      await call(u, '/m', method);
      expect(hits('/m')).toBe(1);
    }
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

describe('upstream client: circuit', () => {
  it('opens after repeated failures, fails fast with Retry-After, probes once and closes on recovery', async () => {
    up.script.set('/flaky', faults.status(500, 'no'));
    const u = upstream({ circuitThreshold: 3, circuitOpenMs: 300, retries: 0 });
    for (let i = 0; i < 3; i++) expect((await call(u, '/flaky')).status).toBe(500);
    expect(u.status()).toMatchObject({ circuit: 'open', reachable: false, lastError: 'upstream_error' });

    // Fast means without a call: the count below stays at 3.
    const fast = await failure(call(u, '/flaky'));
    expect([fast.status, fast.code, fast.retryAfterS]).toEqual([503, 'upstream_unavailable', 1]);
    expect(hits('/flaky')).toBe(3);

    await new Promise((r) => setTimeout(r, 320));
    up.script.set('/flaky', faults.slow(100, envelope([])));
    const probe = call(u, '/flaky');
    const other = await failure(call(u, '/flaky'));
    expect(other.code).toBe('upstream_unavailable');
    expect((await probe).status).toBe(200);
    expect(u.status()).toMatchObject({ circuit: 'closed', reachable: true });
    expect(hits('/flaky')).toBe(4);
  });

  it('a failed probe opens the circuit again', async () => {
    up.script.set('/dead', faults.reset());
    const u = upstream({ circuitThreshold: 2, circuitOpenMs: 100, retries: 0 });
    await failure(call(u, '/dead'));
    await failure(call(u, '/dead'));
    await new Promise((r) => setTimeout(r, 120));
    await failure(call(u, '/dead'));
    expect(u.status().circuit).toBe('open');
    expect(hits('/dead')).toBe(3);
  });

  it('records since when an upstream is reachable or not', async () => {
    const u = upstream({ retries: 0 });
    expect(u.status()).toMatchObject({ reachable: null, since: null });
    await call(u, '/ok');
    const up1 = u.status();
    expect(up1.reachable).toBe(true);
    await call(u, '/ok');
    expect(u.status().since).toBe(up1.since);
    up.script.set('/bad', faults.reset());
    await failure(call(u, '/bad'));
    expect(u.status()).toMatchObject({ reachable: false, lastError: 'upstream_error' });
  });
});

describe('upstream client: concurrency and isolation', () => {
  it('keeps Director calls in flight at the cap and queues the rest within the deadline', async () => {
    up.script.set('/q', faults.slow(100));
    const u = upstream({ maxConcurrency: 2, timeoutMs: 2_000 });
    const results = await Promise.all(Array.from({ length: 8 }, () => call(u, '/q')));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(up.maxInFlight()).toBe(2);
  });

  it('a queued call whose deadline passes fails with 504 and never reaches the upstream', async () => {
    up.script.set('/busy-slot', faults.hang());
    const u = upstream({ maxConcurrency: 1, timeoutMs: 600, retries: 0 });
    const first = failure(call(u, '/busy-slot'));
    const queued = await failure(u.send({ method: 'GET', url: new URL(`${up.url}/busy-slot`), headers: {}, requestId: 'q', timeoutMs: 200 }));
    expect([queued.status, queued.code, queued.message]).toEqual([504, 'upstream_timeout', 'Director did not answer within 200 ms (1 in flight, 0 waiting).']);
    expect(u.status().queued).toBe(0);
    await first;
    expect(hits('/busy-slot')).toBe(1);
  });

  it('a hung upstream does not slow another', async () => {
    const other = await startScriptedUpstream();
    try {
      up.script.set('/hang', faults.hang());
      const director = upstream({ maxConcurrency: 2, timeoutMs: 60_000, retries: 0 });
      const hss = upstream({ vendor: 'hss', label: 'HSS', timeoutMs: 60_000 });
      const stuck = Array.from({ length: 20 }, () => failure(call(director, '/hang')));
      await expect.poll(() => director.status()).toMatchObject({ inFlight: 2, queued: 18 });
      for (let i = 0; i < 10; i++) expect((await call(hss, '/ok', 'GET', other.url)).status).toBe(200);
      // Served while Director's calls were all still hung or queued: nothing of HSS waited on them.
      expect(director.status()).toMatchObject({ inFlight: 2, queued: 18 });
      up.script.set('/hang', faults.status(200, envelope([])));
      up.dropConnections();
      await Promise.allSettled(stuck);
    } finally {
      await other.close();
    }
  });

  it('after 500 hung requests no socket is left open', async () => {
    up.script.set('/hang', faults.hang());
    const u = upstream({ vendor: 'hss', label: 'HSS', timeoutMs: 300, retries: 0 });
    const errors = await Promise.all(Array.from({ length: 500 }, () => failure(call(u, '/hang'))));
    expect(new Set(errors.map((e) => e.code))).toEqual(new Set(['upstream_timeout']));
    await expect.poll(() => up.openSockets(), { timeout: 3_000 }).toBe(0);
    up.script.set('/ok', faults.status(200, envelope([])));
    expect((await call(u, '/ok')).status).toBe(200);
  });
});

describe('upstream client: TLS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scandeck-tls-'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=ScanDeck Test CA');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'srv.key', '-out', 'srv.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1\n');
  openssl('x509', '-req', '-in', 'srv.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'srv.pem', '-days', '1', '-extfile', 'ext.cnf');

  const start = async () => {
    const server = createHttpsServer({ key: readFileSync(join(dir, 'srv.key')), cert: readFileSync(join(dir, 'srv.pem')) }, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(envelope([]));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { server, url: `https://127.0.0.1:${(server.address() as AddressInfo).port}` };
  };

  it('refuses an untrusted certificate with a clear 502, and trusts it through the CA file', async () => {
    const { server, url } = await start();
    try {
      const err = await failure(call(upstream({ retries: 0 }), '/x', 'GET', url));
      expect([err.status, err.code]).toEqual([502, 'upstream_error']);
      expect(err.message).toMatch(/^Director's TLS certificate is not trusted \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\); set DIRECTOR_CA_FILE/);

      const trusted = upstream({ ca: { file: join(dir, 'ca.pem'), variable: 'DIRECTOR_CA_FILE' } });
      expect((await call(trusted, '/x', 'GET', url)).status).toBe(200);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('a missing CA file is a clear server error, not a silent fallback', async () => {
    const err = await failure(call(upstream({ ca: { file: join(dir, 'nope.pem'), variable: 'HSS_CA_FILE' } }), '/x'));
    expect([err.status, err.message]).toEqual([500, 'HSS_CA_FILE cannot be read; check the path.']);
  });
});
