import { mkdtempSync, readdirSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextRequest } from 'next/server';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { apiRequest, appOrigin, context, directorKeys, setTestEnv, writeSciConnections, writeUsers, testSessions } from '@/lib/testing/bff';
import { startSimulator } from '@/simulator/server';

/*
 * Every app/api route and method, found on disk, against the simulator behind a recording
 * upstream on loopback. A route or method without an entry in `samples` fails the first test, so a
 * new route cannot skip these checks.
 */

const apiDir = fileURLToPath(new URL('.', import.meta.url));
const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof methods)[number];
const mutating = new Set<Method>(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Routes outside the wrapper, with the reason; next-auth answers sign-in itself (throttled, see lib/server/throttle). */
const publicRoutes = new Map([
  ['/api/auth/[...nextauth]', 'next-auth sign-in, sign-out, CSRF and session endpoints'],
  ['/api/health/live', 'liveness probe for the load balancer and container: no session, no store, no upstream'],
  ['/api/health/ready', 'readiness probe: no session; names the failed store, nothing more'],
]);

/** The probes outside the wrapper, asked as a load balancer would: no cookie, no header. */
const probeSamples: Record<string, string> = { '/api/health/live': '/api/health/live', '/api/health/ready': '/api/health/ready' };

/** Mutations open to viewers, with the reason: each changes only the caller's own preferences, never a vendor's data. */
const ownPreferenceRoutes = new Map([
  ['/api/views', "saves, and picks the default of, the caller's own views"],
  ['/api/views/[id]', "deletes one of the caller's own views (another user's id is not found)"],
  ['/api/views/columns', "keeps the caller's own column choice"],
]);

const sim = await startSimulator({
  port: 0,
  seed: 11,
  director: directorKeys,
  hss: { projectId: 'p-routes', ak: 'AKROUTESTEST0001', sk: 'sk-routes-test-secret' },
  iam: { domain: 'd', username: 'u', password: 'iam-routes-password', projectName: 'cn-north-4', projectId: 'p-routes' },
});

interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

type Mode = 'forward' | 'inject' | 'redirect';

/** Forwards to the simulator, Host kept (HSS signs it), and records what ScanDeck sent. */
function startRecorder(target: string) {
  const recorded: Recorded[] = [];
  let mode: Mode = 'forward';
  const server: Server = createServer((req, res) => {
    recorded.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    if (mode === 'redirect') {
      res.writeHead(302, { location: `${redirectTarget.url}/rest/mgmt/scan`, 'content-type': 'application/json' });
      res.end('{}');
      return;
    }
    const upstream = new URL(target);
    const out = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        let body = Buffer.concat(chunks);
        const headers = { ...answer.headers };
        if (mode === 'inject' && /json/.test(String(answer.headers['content-type']))) {
          body = Buffer.from(injectSecrets(body.toString('utf8')));
          delete headers['content-length'];
        }
        res.writeHead(answer.statusCode ?? 502, headers);
        res.end(body);
      });
    });
    req.pipe(out);
    out.on('error', () => res.destroy());
  });
  return {
    recorded,
    setMode: (m: Mode) => {
      mode = m;
    },
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const leak = { password: 'LEAK-password-91', accessKey: 'LEAK-accesskey-92', secretKey: 'LEAK-secretkey-93', proto: 'LEAK-proto-94' };

/** Adds the fields a careless vendor might send to every object of a JSON body, `__proto__` as a real key. */
function injectSecrets(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, inner] of Object.entries(v)) out[k] = walk(inner);
      Object.assign(out, { password: leak.password, accessKey: leak.accessKey, secretKey: leak.secretKey, secret_key: leak.secretKey });
      return out;
    }
    return v;
  };
  const json = JSON.stringify(walk(parsed));
  // JSON.stringify drops a "__proto__" own key made by assignment, so splice it into every object.
  return json.replace(/\{(?=")/g, `{"__proto__":{"polluted":"${leak.proto}"},`);
}

const recorder = startRecorder(sim.url);
const redirectTarget = { url: '', hits: 0 };
const redirectServer = createServer((_req, res) => {
  redirectTarget.hits += 1;
  res.end('{}');
});
await new Promise<void>((resolve) => redirectServer.listen(0, '127.0.0.1', () => resolve()));
redirectTarget.url = `http://127.0.0.1:${(redirectServer.address() as AddressInfo).port}`;
const upstreamUrl = await recorder.listen();

const { usersFile } = setTestEnv(upstreamUrl, {
  HSS_ENDPOINT: upstreamUrl,
  HSS_PROJECT_ID: 'p-routes',
  HUAWEI_AK: 'AKROUTESTEST0001',
  HUAWEI_SK: 'sk-routes-test-secret',
  SCANDECK_DATA_DIR: mkdtempSync(join(tmpdir(), 'scandeck-routes-')),
  UPSTREAM_RETRIES: '0',
  DIRECTOR_CACHE_TTL_MS: '1',
  DIRECTOR_CACHE_MAX_AGE_MS: '1',
  HSS_CACHE_TTL_MS: '1',
  HSS_CALL_BURST: '100000',
  // Every SCI through the recorder too, so calls to the SCIs are checked like Director's.
  SCI_CONNECTIONS_FILE: writeSciConnections(sim, [], upstreamUrl),
});

// A third user, whom the admin can sign out everywhere without ending the sessions these tests use.
writeUsers(usersFile, [
  { username: 'ada', role: 'admin' },
  { username: 'vic', role: 'viewer' },
  { username: 'eve', role: 'viewer' },
]);

afterAll(async () => {
  await recorder.close();
  await new Promise<void>((resolve) => redirectServer.close(() => resolve()));
  await sim.close();
});

const store = sim.director.store;
const scan = [...store.scans.values()][0]!;
const user = [...store.users.values()][0]!;
const managersOf = (orgId: number) =>
  [...(store.usersByOrg.get(orgId) ?? [])].map((id) => store.users.byId.get(id)!).filter((u) => u.securityManager !== undefined);
const org = [...store.organizations.values()].find((o) => managersOf(o.id).length > 0)!;
const manager = managersOf(org.id)[0]!;
const sci = store.scis.byId.get(org.sciId)!;
const policy = [...store.policies.values()].find((p) => p.sciId === sci.id)!;
const repository = [...store.repositories.values()].find((r) => r.sciId === sci.id)!;
const scanOwner = [...store.users.values()].find((u) => u.sciId === sci.id && u.orgId !== 0)!;
const task = sim.hss.tasks()[0]!;

interface Sample {
  /** the path as the browser asks it */
  path: string;
  params?: Record<string, string>;
  body?: unknown;
  /** path parameters that take an id, for the injection cases */
  idParams?: string[];
  /** ScanDeck's own data (the audit trail): no vendor is called */
  local?: true;
  /** reports an upstream's state instead of failing with it (health) */
  reportsUpstream?: true;
}

let counter = 0;
const unique = (p: string) => `${p}${Date.now().toString(36)}${++counter}`;

/** One valid request per route and method; bodies made fresh per call, since some create things. */
const samples: Record<string, Partial<Record<Method, () => Sample>>> = {
  '/api/health': { GET: () => ({ path: '/api/health', reportsUpstream: true }) },
  // Each tile reports its own upstream failure, so a failing vendor still answers 200.
  '/api/overview': { GET: () => ({ path: '/api/overview', reportsUpstream: true }) },
  '/api/audit': { GET: () => ({ path: '/api/audit?pageSize=10', local: true }) },
  '/api/audit/export': { GET: () => ({ path: '/api/audit/export', local: true }) },
  '/api/audit/chain': { GET: () => ({ path: '/api/audit/chain', local: true }) },
  '/api/sessions/sign-out-everywhere': { POST: () => ({ path: '/api/sessions/sign-out-everywhere', body: { username: 'eve' }, local: true }) },
  '/api/director/scans': {
    GET: () => ({ path: '/api/director/scans?pageSize=10' }),
    POST: () => ({
      path: '/api/director/scans',
      body: {
        name: unique('routes '),
        sciId: sci.id,
        ownerUuid: scanOwner.uuid,
        policyUuid: policy.uuid,
        repositoryUuid: repository.uuid,
        ipList: '10.9.8.0/24',
      },
    }),
  },
  '/api/director/scans/export': { GET: () => ({ path: '/api/director/scans/export?sort=name' }) },
  '/api/director/scans/selection': { GET: () => ({ path: `/api/director/scans/selection?sciId=${sci.id}&q=a` }) },
  '/api/director/scans/[id]': {
    GET: () => ({ path: `/api/director/scans/${scan.id}`, params: { id: String(scan.id) }, idParams: ['id'] }),
    DELETE: () => {
      const victim = [...store.scans.values()].at(-1)!;
      return { path: `/api/director/scans/${victim.id}`, params: { id: String(victim.id) }, idParams: ['id'] };
    },
  },
  '/api/director/lookups/[kind]': {
    GET: () => ({ path: `/api/director/lookups/policies?sciId=${sci.id}`, params: { kind: 'policies' } }),
  },
  '/api/director/lookups/organizations': { GET: () => ({ path: '/api/director/lookups/organizations' }) },
  '/api/director/lookups/owners': { GET: () => ({ path: `/api/director/lookups/owners?sciId=${sci.id}` }) },
  '/api/director/lookups/scis': { GET: () => ({ path: '/api/director/lookups/scis' }) },
  '/api/director/organizations': { GET: () => ({ path: '/api/director/organizations?pageSize=10' }) },
  '/api/director/organizations/export': { GET: () => ({ path: '/api/director/organizations/export' }) },
  '/api/director/organizations/[orgId]': {
    GET: () => ({ path: `/api/director/organizations/${org.id}`, params: { orgId: String(org.id) }, idParams: ['orgId'] }),
  },
  '/api/director/organizations/[orgId]/security-managers': {
    GET: () => ({ path: `/api/director/organizations/${org.id}/security-managers`, params: { orgId: String(org.id) }, idParams: ['orgId'] }),
    POST: () => ({
      path: `/api/director/organizations/${org.id}/security-managers`,
      params: { orgId: String(org.id) },
      idParams: ['orgId'],
      body: { username: unique('routes.sm'), password: 'long enough secret' },
    }),
  },
  '/api/director/organizations/[orgId]/security-managers/export': {
    GET: () => ({
      path: `/api/director/organizations/${org.id}/security-managers/export`,
      params: { orgId: String(org.id) },
      idParams: ['orgId'],
    }),
  },
  '/api/director/organizations/[orgId]/security-managers/selection': {
    GET: () => ({
      path: `/api/director/organizations/${org.id}/security-managers/selection?sort=username`,
      params: { orgId: String(org.id) },
      idParams: ['orgId'],
    }),
  },
  '/api/director/organizations/[orgId]/security-managers/form-context': {
    GET: () => ({
      path: `/api/director/organizations/${org.id}/security-managers/form-context`,
      params: { orgId: String(org.id) },
      idParams: ['orgId'],
    }),
  },
  '/api/director/organizations/[orgId]/security-managers/choices': {
    GET: () => ({
      path: `/api/director/organizations/${org.id}/security-managers/choices`,
      params: { orgId: String(org.id) },
      idParams: ['orgId'],
    }),
  },
  // Manager ids are the SCI's own.
  '/api/director/organizations/[orgId]/security-managers/[id]': {
    GET: () => ({
      path: `/api/director/organizations/${org.id}/security-managers/${manager.sciUserId}`,
      params: { orgId: String(org.id), id: String(manager.sciUserId) },
      idParams: ['orgId', 'id'],
    }),
    PATCH: () => ({
      path: `/api/director/organizations/${org.id}/security-managers/${manager.sciUserId}`,
      params: { orgId: String(org.id), id: String(manager.sciUserId) },
      idParams: ['orgId', 'id'],
      body: { title: unique('t') },
    }),
    DELETE: () => {
      const victim = managersOf(org.id).at(-1)!;
      return {
        path: `/api/director/organizations/${org.id}/security-managers/${victim.sciUserId}`,
        params: { orgId: String(org.id), id: String(victim.sciUserId) },
        idParams: ['orgId', 'id'],
      };
    },
  },
  '/api/director/users': { GET: () => ({ path: '/api/director/users?pageSize=10' }) },
  '/api/director/users/export': { GET: () => ({ path: '/api/director/users/export' }) },
  '/api/director/users/[id]': {
    GET: () => ({ path: `/api/director/users/${user.id}`, params: { id: String(user.id) }, idParams: ['id'] }),
  },
  // ScanDeck's own store: no vendor is called. Each call saves a fresh name, so the 20-a-page bound is never met here.
  '/api/views': {
    GET: () => ({ path: '/api/views?page=scans', local: true }),
    POST: () => ({ path: '/api/views', body: { page: 'users', name: unique('routes view '), state: { sort: 'username', order: 'asc' } }, local: true }),
    PATCH: () => ({ path: '/api/views', body: { page: 'scans', id: null }, local: true }),
  },
  '/api/views/[id]': {
    DELETE: () => {
      const view = viewPool.pop();
      if (!view) throw new Error('the pool of views to delete is used up: make it larger');
      return { path: `/api/views/${view.id}`, params: { id: view.id }, local: true };
    },
  },
  '/api/views/columns': { PUT: () => ({ path: '/api/views/columns', body: { page: 'scans', columns: ['status', 'sci'] }, local: true }) },
  '/api/hss/hosts': { GET: () => ({ path: '/api/hss/hosts?pageSize=10&q=web' }) },
  '/api/hss/scan-tasks': {
    GET: () => ({ path: '/api/hss/scan-tasks?pageSize=10' }),
    POST: () => ({ path: '/api/hss/scan-tasks', body: { vulTypes: ['linux_vul'], scope: 'all' } }),
  },
  '/api/hss/scan-tasks/export': { GET: () => ({ path: '/api/hss/scan-tasks/export?scanType=manual' }) },
  '/api/hss/scan-tasks/[taskId]': {
    GET: () => ({ path: `/api/hss/scan-tasks/${task.id}`, params: { taskId: task.id }, idParams: ['taskId'] }),
  },
  '/api/hss/scan-tasks/[taskId]/hosts': {
    GET: () => ({ path: `/api/hss/scan-tasks/${task.id}/hosts`, params: { taskId: task.id }, idParams: ['taskId'] }),
  },
  '/api/hss/scan-tasks/[taskId]/rescan': {
    PUT: () => ({ path: `/api/hss/scan-tasks/${task.id}/rescan`, params: { taskId: task.id }, idParams: ['taskId'], body: { scope: 'failed' } }),
  },
};

type Handler = (req: NextRequest, ctx: { params: Promise<unknown> }) => Promise<Response>;
interface Found {
  route: string;
  method: Method;
  handler: Handler;
}

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.split(sep).at(-1) === 'route.ts')
    .map((f) => join(dir, f));
}

const found: Found[] = [];
for (const file of routeFiles(apiDir)) {
  const route = `/api/${relative(apiDir, file).split(sep).slice(0, -1).join('/')}`;
  const mod = (await import(/* @vite-ignore */ file)) as Partial<Record<Method, Handler>>;
  for (const method of methods) {
    const handler = mod[method];
    if (handler) found.push({ route, method, handler });
  }
}
const wrapped = found.filter((f) => !publicRoutes.has(f.route));
const mutations = wrapped.filter((f) => mutating.has(f.method));

const { admin, viewer } = await testSessions();
beforeEach(() => recorder.setMode('forward'));

// Views the DELETE sample removes, one per call, all the admin's (the user most calls act as).
const { viewsStore } = await import('@/lib/server/store/views');
const viewPool = await Promise.all(
  ['organizations', 'scan-tasks', 'security-managers'].flatMap((page) =>
    Array.from({ length: 20 }, (_, i) => viewsStore().save('ada', page, `routes pool ${i}`, {})),
  ),
);

function sampleOf(f: Found): Sample {
  const make = samples[f.route]?.[f.method];
  if (!make) throw new Error(`no sample for ${f.method} ${f.route}`);
  return make();
}

/** The browser's request, with extra headers; the body (if any) as JSON unless `raw` is given. */
async function call(f: Found, init: { cookie?: string; headers?: Record<string, string>; raw?: string; sample?: Sample } = {}) {
  // The BFF caches keep answers for 1 ms here; waiting past that makes every call reach the
  // recording upstream in the mode this test set, not an answer cached by the test before.
  await new Promise((resolve) => setTimeout(resolve, 5));
  const sample = init.sample ?? sampleOf(f);
  const body = init.raw ?? (sample.body === undefined ? undefined : JSON.stringify(sample.body));
  const req = apiRequest(sample.path, {
    method: f.method,
    cookie: init.cookie,
    headers: { ...(body !== undefined && init.raw === undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
    body,
  });
  const before = recorder.recorded.length;
  const res = await f.handler(req, context(sample.params ?? {}));
  const text = await res.text();
  return { res, text, upstreamCalls: recorder.recorded.slice(before) };
}

const label = (f: Found) => `${f.method} ${f.route}`;

describe('health probes (outside the wrapper)', () => {
  const probes = found.filter((f) => probeSamples[f.route] !== undefined);

  it('every probe route on disk is GET only and has a sample', () => {
    expect(probes.map((f) => f.route).sort()).toEqual(Object.keys(probeSamples).sort());
    expect(probes.every((f) => f.method === 'GET')).toBe(true);
  });

  it.each(probes.map((f) => [f.route, f] as const))('%s answers without a session, never cached, and calls no upstream', async (_route, f) => {
    const before = recorder.recorded.length;
    const res = await f.handler(apiRequest(probeSamples[f.route]!), context());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toMatch(/^no-store\b/);
    const text = await res.text();
    expect(text).not.toMatch(/scandeck-routes-|127\.0\.0\.1|sqlite/);
    expect(recorder.recorded.slice(before)).toEqual([]);
  });
});

describe('route discovery', () => {
  it('finds the routes on disk, and every route and method has a sample', () => {
    expect(wrapped.length).toBeGreaterThanOrEqual(10);
    expect(found.some((f) => f.route === '/api/director/scans' && f.method === 'POST')).toBe(true);
    const missing = wrapped.filter((f) => !samples[f.route]?.[f.method]).map(label);
    expect(missing, 'add a sample to app/api/routes.test.ts for each of these').toEqual([]);
  });
});

describe.each(wrapped.map((f) => [label(f), f] as const))('%s', (_name, f) => {
  it('401 JSON without a session, or with internal Next headers, and no upstream call', async () => {
    const internal: Array<Record<string, string>> = [
      {},
      { 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy' },
      { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' },
      { 'x-middleware-subrequest': 'src/middleware:app/api/route' },
      { rsc: '1', 'next-router-prefetch': '1', 'next-router-state-tree': '%5B%22%22%5D' },
      { purpose: 'prefetch', 'x-nextjs-data': '1', 'x-invoke-path': '/api/health', 'x-middleware-invoke': '1' },
      { 'x-middleware-next': '1', 'x-middleware-rewrite': '/api/health', 'x-forwarded-host': 'evil.example' },
      { authorization: `Bearer ${admin.split('=')[1]}` },
      { cookie: 'next-auth.session-token=forged; __Secure-next-auth.session-token=forged' },
    ];
    for (const headers of internal) {
      const { res, text, upstreamCalls } = await call(f, { headers });
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('cache-control')).toMatch(/^no-store\b/);
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'unauthenticated' } });
      expect(upstreamCalls).toEqual([]);
    }
  });

  it('refuses ids that try to reach another path or host with 400, before any upstream call', async () => {
    const sample = sampleOf(f);
    for (const name of sample.idParams ?? []) {
      for (const bad of [
        '../sci',
        '..%2F..%2Fsci',
        '%2e%2e',
        '1/../2',
        '1%2F2',
        'http://evil.example/',
        '//evil.example',
        '١٢',
        '１２',
        '𝟏𝟐',
        '12\u0000',
        '1;2',
        ' 1',
        '1?x=1',
        '1#x',
        '',
      ]) {
        const params = { ...sample.params, [name]: bad };
        const { res, upstreamCalls } = await call(f, { cookie: admin, sample: { ...sample, params } });
        expect(res.status, `${name}=${JSON.stringify(bad)}`).toBe(400);
        expect(upstreamCalls).toEqual([]);
      }
    }
  });

  it('answers for a signed-in user with no-store, and the upstream sees only the headers ScanDeck sets', async () => {
    const browser = {
      cookie: `${admin}; other=browser-cookie-value-1`,
      authorization: 'Bearer browser-authorization-2',
      'x-forwarded-for': '203.0.113.77',
      'x-forwarded-host': 'browser-forwarded-host.example',
      forwarded: 'for=203.0.113.78;host=browser-forwarded.example',
      'x-real-ip': '203.0.113.79',
      'x-apikey': 'accesskey=browser-ak-3; secretkey=browser-sk-4;',
      'x-auth-token': 'browser-token-5',
      'user-agent': 'browser-agent-6',
      referer: `${appOrigin}/scans?browser-referer-7`,
      'x-request-id': 'browser-request-id-8',
      'x-sdk-date': '20000101T000000Z',
    };
    const { res, text, upstreamCalls } = await call(f, { headers: browser });
    expect(res.status, text).toBeLessThan(300);
    expect(res.headers.get('cache-control')).toMatch(/^no-store\b/);
    if (!sampleOf(f).local) expect(upstreamCalls.length).toBeGreaterThan(0);
    const forbiddenNames = [
      'cookie',
      'forwarded',
      'x-forwarded-for',
      'x-forwarded-host',
      'x-forwarded-proto',
      'x-real-ip',
      'origin',
      'referer',
      'x-csrf',
      'sec-fetch-site',
    ];
    for (const sent of upstreamCalls) {
      for (const name of forbiddenNames) expect(sent.headers[name], `${name} reached ${sent.url}`).toBeUndefined();
      const values = JSON.stringify(sent.headers);
      for (const value of [...Object.values(browser).filter((v) => !v.startsWith('next-auth')), 'browser-cookie-value-1', '203.0.113']) {
        if (value === browser.cookie) continue;
        expect(values.includes(value), `${value} reached ${sent.url}`).toBe(false);
      }
      expect(sent.headers.cookie).toBeUndefined();
    }
  });

  it('lets no field the upstream adds (password, accessKey, secretKey, __proto__) reach the browser', async () => {
    recorder.setMode('inject');
    const { res, text, upstreamCalls } = await call(f, { cookie: admin });
    const sample = sampleOf(f);
    // Health answers from a short cache, and its DTO holds no upstream field at all.
    if (!sample.local && !sample.reportsUpstream) expect(upstreamCalls.length).toBeGreaterThan(0);
    expect(res.status, text).toBeLessThan(500);
    for (const value of Object.values(leak)) expect(text.includes(value), `${value} in ${text.slice(0, 200)}`).toBe(false);
    expect(text).not.toMatch(/"(password|accessKey|secretKey|secret_key|__proto__)"/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  if (!mutating.has(f.method)) {
    it('does not follow an upstream redirect (502)', async () => {
      recorder.setMode('redirect');
      const hits = redirectTarget.hits;
      const sample = sampleOf(f);
      const { res, text } = await call(f, { cookie: admin, sample });
      if (!sample.local && !sample.reportsUpstream) {
        expect(res.status, text).toBe(502);
        expect(JSON.parse(text)).toMatchObject({ error: { code: 'upstream_error' } });
      }
      expect(redirectTarget.hits).toBe(hits);
    });
  }
});

describe.each(mutations.map((f) => [label(f), f] as const))('%s (mutation)', (_name, f) => {
  if (ownPreferenceRoutes.has(f.route)) {
    it(`a viewer may use it (${ownPreferenceRoutes.get(f.route)}), and no upstream call`, async () => {
      const { res, upstreamCalls } = await call(f, { cookie: viewer });
      expect(res.status).not.toBe(403);
      expect(res.status).toBeLessThan(500);
      expect(upstreamCalls).toEqual([]);
    });
  } else {
    it('403 for a viewer, and no upstream call', async () => {
      const { res, text, upstreamCalls } = await call(f, { cookie: viewer });
      expect(res.status).toBe(403);
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'forbidden' } });
      expect(upstreamCalls).toEqual([]);
    });
  }

  it('403 without X-CSRF, from a foreign Origin, with no Origin, or cross-site; no upstream call', async () => {
    const cases: Array<Record<string, string>> = [
      { 'x-csrf': '' },
      { 'x-csrf': '0' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: `${appOrigin}.evil.example` },
      { 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of cases) {
      const { res, text, upstreamCalls } = await call(f, { cookie: admin, headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'csrf' } });
      expect(upstreamCalls).toEqual([]);
    }
    const sample = sampleOf(f);
    const req = apiRequest(sample.path, { method: f.method, cookie: admin, body: sample.body });
    req.headers.delete('origin');
    const before = recorder.recorded.length;
    const res = await f.handler(req, context(sample.params ?? {}));
    expect(res.status).toBe(403);
    expect(recorder.recorded.length).toBe(before);
  });

  it('415 for a body that is not JSON, 413 for an oversized one; no upstream call', async () => {
    const sample = sampleOf(f);
    const asForm = await call(f, { cookie: admin, raw: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(asForm.res.status).toBe(415);
    const asText = await call(f, { cookie: admin, raw: JSON.stringify(sample.body ?? {}), headers: { 'content-type': 'text/plain' } });
    expect(asText.res.status).toBe(415);
    const big = JSON.stringify({ name: 'x'.repeat(70 * 1024) });
    const oversized = await call(f, { cookie: admin, raw: big, headers: { 'content-type': 'application/json' } });
    expect(oversized.res.status).toBe(413);
    expect([...asForm.upstreamCalls, ...asText.upstreamCalls, ...oversized.upstreamCalls]).toEqual([]);
  });
});
