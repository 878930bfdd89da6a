import { z } from 'zod';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readRequest, writeResponse, type SimHandler, type SimResponse } from './http';
import { createDirector, type DirectorOptions, type DirectorSim } from './director';
import { createHss, type HssOptions, type HssSim } from './hss';
import { createIam, type IamOptions, type IamSim } from './iam';
import { createScis, type ScisSim } from './sci';
import { VUL_TYPES } from './hss/data';

const simTaskBody = z.object({
  durationMs: z
    .number()
    .int()
    .min(1_000)
    .max(60 * 60_000),
  vulTypes: z.array(z.enum(VUL_TYPES)).min(1).max(VUL_TYPES.length).optional(),
});

export interface SimulatorOptions {
  /** 0 picks a free port */
  port?: number;
  /**
   * loopback, except `0.0.0.0` for the compose demo (its own container on the compose network, see
   * compose.yaml); the simulator is never meant to be reachable from elsewhere
   */
  host?: '127.0.0.1' | '::1' | 'localhost' | '0.0.0.0';
  /** seeds every generated record; the same seed gives the same data */
  seed?: number;
  /** 'demo' (default) or 'bench' (100,000 users, 20,000 scans, 10,000 tasks), or exact counts */
  size?: 'demo' | 'bench' | { users?: number; scans?: number; tasks?: number };
  director: Omit<DirectorOptions, 'seed' | 'size' | 'now'>;
  hss: Omit<HssOptions, 'seed' | 'size' | 'now' | 'iam'>;
  iam: Omit<IamOptions, 'now'>;
  /** the clock (epoch ms); tests pass a controllable one */
  now?: () => number;
  /** enables /__sim control routes (fault injection, request log) for tests */
  control?: boolean;
}

export interface Simulator {
  url: string;
  port: number;
  director: DirectorSim;
  hss: HssSim;
  iam: IamSim;
  /** every Tenable.sc instance Director federates, each under its own path prefix with its own keys */
  scis: ScisSim;
  /** the last requests answered (method, path, query, body), newest last; tests assert where calls went */
  requests: RecordedRequest[];
  /** next matching request answers with this instead (tests of upstream refusals) */
  failNext(rule: FailRule): void;
  close(): Promise<void>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  body: string;
}
const maxRecorded = 2_000;

export interface FailRule {
  method?: string;
  /** matched against the start of the path, e.g. '/rest/mgmt/scan' */
  pathPrefix: string;
  response: SimResponse;
  /** how many requests to fail (default 1) */
  times?: number;
  /** when set, only requests whose query string contains this (e.g. 'task_id=abc') match */
  queryIncludes?: string;
  /** when set, only requests whose path contains this (e.g. '/scan-task/abc/hosts', under a project id a test does not know) */
  pathIncludes?: string;
}

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const now = options.now ?? Date.now;
  const seed = options.seed ?? 1;
  const size = options.size ?? 'demo';
  const director = createDirector({ ...options.director, seed, size, now });
  const iam = createIam({ ...options.iam, now });
  const hss = createHss({ ...options.hss, seed, size, now, iam });
  const scis = createScis({ store: director.store, director: options.director, now });
  const failRules: FailRule[] = [];
  const requests: RecordedRequest[] = [];

  const routes: Array<[prefix: string, handler: SimHandler]> = [
    ['/rest/', director.handle],
    ['/sci/', scis.handle],
    ['/v5/', hss.handle],
    ['/v3/', iam.handle],
  ];

  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        const simReq = await readRequest(req);
        if (simReq.path === '/__sim/health') return writeResponse(res, { status: 200, body: { ok: true } });
        if (!simReq.path.startsWith('/__sim/')) {
          requests.push({ method: simReq.method, path: simReq.path, query: simReq.rawQuery, body: simReq.body.toString('utf8').slice(0, 4096) });
          if (requests.length > maxRecorded) requests.splice(0, requests.length - maxRecorded);
        }
        // Where calls went (method, path, query; never bodies), for end-to-end tests.
        if (options.control && simReq.path === '/__sim/requests' && simReq.method === 'GET') {
          return writeResponse(res, { status: 200, body: requests.map(({ method, path, query }) => ({ method, path, query })) });
        }
        if (options.control && simReq.path === '/__sim/fail-next' && simReq.method === 'DELETE') {
          failRules.length = 0;
          return writeResponse(res, { status: 204 });
        }
        if (options.control && simReq.path === '/__sim/fail-next' && simReq.method === 'POST') {
          failRules.push(JSON.parse(simReq.body.toString('utf8')) as FailRule);
          return writeResponse(res, { status: 204 });
        }
        // A test's own HSS task that runs for as long as the test needs, whatever the seeded tasks do by then.
        if (options.control && simReq.path === '/__sim/hss/scan-tasks' && simReq.method === 'POST') {
          const parsed = simTaskBody.safeParse(JSON.parse(simReq.body.toString('utf8') || '{}'));
          if (!parsed.success) return writeResponse(res, { status: 400, body: { error: parsed.error.message } });
          const task = hss.startTask(parsed.data);
          return writeResponse(res, { status: 201, body: { id: task.id } });
        }
        const ruleIndex = failRules.findIndex(
          (r) =>
            simReq.path.startsWith(r.pathPrefix) &&
            (!r.method || r.method.toUpperCase() === simReq.method) &&
            (r.queryIncludes === undefined || simReq.rawQuery.includes(r.queryIncludes)) &&
            (r.pathIncludes === undefined || simReq.path.includes(r.pathIncludes)),
        );
        const rule = failRules[ruleIndex];
        if (rule) {
          rule.times = (rule.times ?? 1) - 1;
          if (rule.times <= 0) failRules.splice(ruleIndex, 1);
          return writeResponse(res, rule.response);
        }
        for (const [prefix, handle] of routes) {
          if (simReq.path.startsWith(prefix)) {
            const out = await handle(simReq);
            if (out) return writeResponse(res, out);
          }
        }
        writeResponse(res, { status: 404, body: { error: 'no such simulator route' } });
      } catch (err) {
        if (!res.headersSent) writeResponse(res, { status: 500, body: { error: String(err) } });
        else res.destroy();
      }
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host === '::1' ? '[::1]' : (options.host ?? '127.0.0.1');
  return {
    url: `http://${host}:${port}`,
    port,
    director,
    hss,
    iam,
    scis,
    requests,
    failNext: (rule) => failRules.push(rule),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
