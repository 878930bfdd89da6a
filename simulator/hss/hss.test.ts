import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator, type SimulatorOptions } from '../server';
import { createIam } from '../iam';
import { createHss } from './index';
import { formatSdkDate, signRequest } from './signature';

const START = Date.UTC(2025, 10, 1, 12, 0, 0);
const MINUTE = 60_000;
const PROJECT = 'p0123456789abcdef';
const AK = 'SIMAK0000000000000000';
const SK = 'simulator-secret-key';
const iam = { domain: 'acme', username: 'scandeck', password: 'pw', projectName: 'cn-north-4', projectId: PROJECT };

let clock = START;
let sim: Simulator;
let token = '';

function options(overrides: Partial<SimulatorOptions> = {}): SimulatorOptions {
  return {
    port: 0,
    seed: 42,
    now: () => clock,
    director: { accessKey: 'dak', secretKey: 'dsk' },
    hss: { projectId: PROJECT, ak: AK, sk: SK, enterpriseProjectId: 'eps-1' },
    iam,
    ...overrides,
  };
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** node:http rather than fetch, so a test controls every header (Host too) and can send a GET body. */
function send(method: string, pathAndQuery: string, headers: Record<string, string>, body = '', target = sim): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // Node frames a GET body only when told its length; without it the bytes would read as a second request.
    const framed = body ? { ...headers, 'content-length': String(Buffer.byteLength(body)) } : headers;
    const req = request({ host: '127.0.0.1', port: target.port, method, path: pathAndQuery, headers: framed }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

function get(pathAndQuery: string, extraHeaders: Record<string, string> = {}, target = sim, authToken = token): Promise<Answer> {
  return send('GET', pathAndQuery, { 'X-Auth-Token': authToken, ...extraHeaders }, '', target);
}

async function issueToken(target: Simulator): Promise<string> {
  const res = await fetch(`${target.url}/v3/auth/tokens`, {
    method: 'POST',
    body: JSON.stringify({
      auth: {
        identity: { methods: ['password'], password: { user: { name: iam.username, password: iam.password, domain: { name: iam.domain } } } },
        scope: { project: { id: PROJECT } },
      },
    }),
  });
  return res.headers.get('x-subject-token') ?? '';
}

interface TaskList {
  total_num: number;
  data_list: Array<{
    id: string;
    scan_type: string;
    start_time: number;
    end_time?: number;
    scan_vul_types: string[];
    status: string;
    scanning_host_num: number;
    success_host_num: number;
    failed_host_num: number;
    estimated_time?: number;
  }>;
}

interface HostList {
  total_num: number;
  data_list: Array<{
    host_id: string;
    host_name: string;
    public_ip: string;
    private_ip: string;
    asset_value: string;
    scan_status: string;
    failed_reasons?: Array<{ vul_type: string; failed_reason: string }>;
    vul_scan_details: Array<{ vul_type: string; status: string; failed_reason?: string }>;
  }>;
}

/** What failed on a host, from the per-type details (failed_reasons is deprecated and not always sent). */
const failedTypes = (h: HostList['data_list'][number]) => h.vul_scan_details.filter((d) => d.status === 'failed');

const tasksPath = `/v5/${PROJECT}/vulnerability/scan-tasks`;
const hostsPath = (taskId: string) => `/v5/${PROJECT}/vulnerability/scan-task/${taskId}/hosts`;

function expectHssError(answer: Answer, status: number, code: string): void {
  expect(answer.status).toBe(status);
  expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
  const body = answer.body as { error_code: string; error_msg: string };
  expect(body.error_code).toBe(code);
  expect(body.error_msg.length).toBeGreaterThan(0);
}

beforeAll(async () => {
  clock = START;
  sim = await startSimulator(options());
  token = await issueToken(sim);
});

afterAll(async () => {
  await sim.close();
});

describe('AK/SK signed requests', () => {
  function signed(opts: { path?: string; query?: string; date?: number; sk?: string; ak?: string; extra?: Record<string, string>; body?: string } = {}) {
    const headers = { host: `127.0.0.1:${sim.port}`, 'x-sdk-date': formatSdkDate(opts.date ?? clock), ...opts.extra };
    const path = opts.path ?? tasksPath;
    const query = opts.query ?? 'limit=10&scan_type=manual';
    const sig = signRequest({ method: 'GET', path, query, headers, body: opts.body ?? '' }, opts.ak ?? AK, opts.sk ?? SK);
    return { headers: { ...headers, authorization: sig.authorization }, pathAndQuery: `${path}?${query}` };
  }

  it('accepts a request signed by signRequest, with a request id', async () => {
    const { headers, pathAndQuery } = signed({ extra: { 'x-trace': 'a b' } });
    const answer = await send('GET', pathAndQuery, headers);
    expect(answer.status).toBe(200);
    expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
    expect((answer.body as TaskList).data_list.every((t) => t.scan_type === 'manual')).toBe(true);
  });

  it('accepts a date 14 minutes off and a signed body', async () => {
    const ok = signed({ date: clock - 14 * MINUTE, body: '{"a":1}' });
    expect((await send('GET', ok.pathAndQuery, ok.headers, '{"a":1}')).status).toBe(200);
  });

  it('refuses every tampered part with 401 APIGW.0301 naming the cause', async () => {
    const base = signed({ extra: { 'x-trace': 'a' } });
    const otherTask = sim.hss.tasks()[3]?.id ?? '';
    const cases: Array<{ name: string; answer: Promise<Answer>; says: RegExp }> = [
      { name: 'path', answer: send('GET', `${hostsPath(otherTask)}?limit=10&scan_type=manual`, base.headers), says: /signature/ },
      { name: 'query', answer: send('GET', `${tasksPath}?limit=20&scan_type=manual`, base.headers), says: /signature/ },
      { name: 'header', answer: send('GET', base.pathAndQuery, { ...base.headers, 'x-trace': 'b' }), says: /signature/ },
      { name: 'body', answer: send('GET', base.pathAndQuery, base.headers, 'tampered'), says: /signature/ },
      {
        name: 'date skew',
        answer: (() => {
          const s = signed({ date: clock - 16 * MINUTE });
          return send('GET', s.pathAndQuery, s.headers);
        })(),
        says: /15 minutes/,
      },
      {
        name: 'wrong SK',
        answer: (() => {
          const s = signed({ sk: 'not-the-secret' });
          return send('GET', s.pathAndQuery, s.headers);
        })(),
        says: /signature/,
      },
      {
        name: 'unknown AK',
        answer: (() => {
          const s = signed({ ak: 'OTHERAK' });
          return send('GET', s.pathAndQuery, s.headers);
        })(),
        says: /access key/,
      },
    ];
    for (const c of cases) {
      const answer = await c.answer;
      expect(answer.status, c.name).toBe(401);
      expect(answer.headers['x-request-id'], c.name).toMatch(/^[0-9a-f]{32}$/);
      const body = answer.body as { error_code: string; error_msg: string; request_id: string };
      expect(body.error_code, c.name).toBe('APIGW.0301');
      expect(body.error_msg, c.name).toMatch(c.says);
      expect(body.request_id, c.name).toBe(answer.headers['x-request-id']);
      expect(JSON.stringify(body), c.name).not.toContain(SK);
    }
  });
});

describe('token authentication', () => {
  it('refuses a missing or unknown token with APIGW.0301', async () => {
    const missing = await send('GET', tasksPath, {});
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ error_code: 'APIGW.0301', request_id: missing.headers['x-request-id'] });
    const unknown = await get(tasksPath, {}, sim, 'MIIforged');
    expect(unknown.status).toBe(401);
    expect(unknown.body).toMatchObject({ error_code: 'APIGW.0301' });
  });

  it('answers an expired token with APIGW.0301 "token expires" and a fresh token works', async () => {
    const local = await startSimulator(options());
    try {
      const old = await issueToken(local);
      expect((await get(tasksPath, {}, local, old)).status).toBe(200);
      local.iam.expireAll();
      const expired = await get(tasksPath, {}, local, old);
      expect(expired.status).toBe(401);
      expect(expired.body).toMatchObject({ error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: token expires.' });
      const fresh = await issueToken(local);
      expect((await get(tasksPath, {}, local, fresh)).status).toBe(200);
    } finally {
      await local.close();
    }
  });
});

describe('projects and routes', () => {
  it('refuses another project in the path or a mismatching X-Project-Id with 403', async () => {
    expectHssError(await get('/v5/otherproject/vulnerability/scan-tasks'), 403, 'HSS.0010');
    expectHssError(await get(tasksPath, { 'X-Project-Id': 'otherproject' }), 403, 'HSS.0010');
    expect((await get(tasksPath, { 'X-Project-Id': PROJECT })).status).toBe(200);
  });

  it('answers an unknown API or method with APIGW.0101', async () => {
    const unknown = await get(`/v5/${PROJECT}/vulnerability/scan-tasks/extra`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error_code: 'APIGW.0101' });
    const post = await send('POST', tasksPath, { 'X-Auth-Token': token });
    expect(post.status).toBe(404);
  });

  it('accepts the documented enterprise project values and refuses others', async () => {
    for (const eps of ['all_granted_eps', '0', 'eps-1']) {
      expect((await get(`${tasksPath}?enterprise_project_id=${eps}`)).status, eps).toBe(200);
    }
    expectHssError(await get(`${tasksPath}?enterprise_project_id=eps-2`), 403, 'HSS.0013');
  });
});

describe('GET scan-tasks', () => {
  it('pages with offset and limit over all tasks, newest start first', async () => {
    const first = (await get(tasksPath)).body as TaskList;
    expect(first.total_num).toBe(60);
    expect(first.data_list).toHaveLength(10);
    const ids = new Set<string>();
    const starts: number[] = [];
    for (let offset = 0; offset < 60; offset += 25) {
      const page = (await get(`${tasksPath}?offset=${offset}&limit=25`)).body as TaskList;
      expect(page.total_num).toBe(60);
      expect(page.data_list).toHaveLength(Math.min(25, 60 - offset));
      for (const t of page.data_list) {
        ids.add(t.id);
        starts.push(t.start_time);
      }
    }
    expect(ids.size).toBe(60);
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    const beyond = (await get(`${tasksPath}?offset=100&limit=10`)).body as TaskList;
    expect(beyond).toEqual({ total_num: 60, data_list: [] });
  });

  it('generates realistic demo data', () => {
    const tasks = sim.hss.tasks();
    const running = tasks.filter((t) => t.status === 'running');
    expect(running.length).toBeGreaterThanOrEqual(2);
    expect(running.length).toBeLessThanOrEqual(3);
    expect(new Set(tasks.map((t) => t.scan_type))).toEqual(new Set(['manual', 'schedule']));
    expect(new Set(tasks.flatMap((t) => t.scan_vul_types))).toEqual(new Set(['linux_vul', 'windows_vul', 'web_cms', 'app_vul', 'urgent_vul']));
    for (const t of tasks) {
      const hosts = t.scanning_host_num + t.success_host_num + t.failed_host_num;
      expect(hosts).toBeGreaterThanOrEqual(3);
      expect(hosts).toBeLessThanOrEqual(40);
      expect(t.start_time).toBeGreaterThan(START - 31 * 24 * 60 * MINUTE);
      expect(t.start_time).toBeLessThan(START);
      if (t.status === 'finished') {
        expect(t.end_time).toBeGreaterThan(t.start_time);
        expect(t.estimated_time).toBeUndefined();
      }
    }
  });

  it('starts with only 2-3 running tasks and all history ended, whatever the seed', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const hss = createHss({ projectId: PROJECT, ak: AK, sk: SK, seed, size: 'demo', now: () => START, iam: createIam({ ...iam, now: () => START }) });
      const tasks = hss.tasks();
      const running = tasks.filter((t) => t.status === 'running');
      expect(running.length, `seed ${seed}`).toBeGreaterThanOrEqual(2);
      expect(running.length, `seed ${seed}`).toBeLessThanOrEqual(3);
      for (const t of tasks) {
        if (t.status !== 'running') expect(t.end_time, `seed ${seed}`).toBeLessThanOrEqual(START - 5 * MINUTE);
        else if (t.estimated_time !== undefined) expect(t.start_time + t.estimated_time * MINUTE, `seed ${seed}`).toBeLessThan(START + 5 * MINUTE);
      }
    }
  });

  it('filters by scan_type, task_id and start time range', async () => {
    const all = sim.hss.tasks();
    for (const scanType of ['manual', 'schedule']) {
      const page = (await get(`${tasksPath}?scan_type=${scanType}&limit=200`)).body as TaskList;
      expect(page.total_num).toBe(all.filter((t) => t.scan_type === scanType).length);
      expect(page.data_list.every((t) => t.scan_type === scanType)).toBe(true);
    }
    const target = all[17];
    if (!target) throw new Error('demo data has fewer than 18 tasks');
    const byId = (await get(`${tasksPath}?task_id=${target.id}`)).body as TaskList;
    expect(byId).toEqual({ total_num: 1, data_list: [target] });
    expect(((await get(`${tasksPath}?task_id=nope`)).body as TaskList).total_num).toBe(0);

    const min = all[40]?.start_time ?? 0;
    const max = all[20]?.start_time ?? 0;
    const ranged = (await get(`${tasksPath}?min_start_time=${min}&max_start_time=${max}&limit=200`)).body as TaskList;
    expect(ranged.total_num).toBe(all.filter((t) => t.start_time >= min && t.start_time <= max).length);
    expect(ranged.total_num).toBeGreaterThanOrEqual(21);
    expect(ranged.data_list.every((t) => t.start_time >= min && t.start_time <= max)).toBe(true);
    expect(((await get(`${tasksPath}?min_start_time=${max + 1}&limit=200`)).body as TaskList).total_num).toBe(all.filter((t) => t.start_time > max).length);
  });

  it('refuses invalid parameters with 400 HSS.0001', async () => {
    for (const query of [
      'limit=9',
      'limit=201',
      'limit=abc',
      'limit=',
      'offset=-1',
      'offset=1.5',
      'scan_type=hourly',
      'min_start_time=20&max_start_time=10',
      'min_start_time=yesterday',
    ]) {
      const answer = await get(`${tasksPath}?${query}`);
      expectHssError(answer, 400, 'HSS.0001');
    }
    const answer = await get(`${tasksPath}?limit=500`);
    expect((answer.body as { error_msg: string }).error_msg).toMatch(/limit/);
    expect((await get(`${tasksPath}?limit=10`)).status).toBe(200);
    expect((await get(`${tasksPath}?limit=200`)).status).toBe(200);
  });
});

describe('GET scan-task hosts', () => {
  it("lists a task's hosts with paging and a scan_status filter", async () => {
    const task = sim.hss.tasks().find((t) => t.status === 'finished' && t.failed_host_num > 0 && t.success_host_num > 10);
    if (!task) throw new Error('demo data has no finished task with failures');
    const total = task.success_host_num + task.failed_host_num;
    const first = (await get(hostsPath(task.id))).body as HostList;
    expect(first.total_num).toBe(total);
    expect(first.data_list).toHaveLength(10);
    const all = (await get(`${hostsPath(task.id)}?limit=50`)).body as HostList;
    expect(new Set(all.data_list.map((h) => h.host_id)).size).toBe(total);
    expect((await get(`${hostsPath(task.id)}?offset=10&limit=10`)).body).toEqual({ total_num: total, data_list: all.data_list.slice(10, 20) });
    for (const h of all.data_list) {
      expect(h.host_name).toMatch(/^ecs-[a-z0-9-]+-\d{2}$/);
      expect(h.private_ip).toMatch(/^192\.168\.\d+\.\d+$/);
      expect(h.public_ip).toMatch(/^$|^\d+\.\d+\.\d+\.\d+$/);
      expect(['important', 'common', 'test']).toContain(h.asset_value);
    }

    const failed = (await get(`${hostsPath(task.id)}?scan_status=failed&limit=50`)).body as HostList;
    expect(failed.total_num).toBe(task.failed_host_num);
    for (const h of failed.data_list) {
      expect(h.scan_status).toBe('failed');
      expect(failedTypes(h)).toHaveLength(1);
      expect(failedTypes(h)[0]?.failed_reason).toBeTruthy();
      expect(task.scan_vul_types).toContain(failedTypes(h)[0]?.vul_type);
      expect(h.vul_scan_details.map((d) => d.vul_type)).toEqual(task.scan_vul_types);
      if (h.failed_reasons) expect(h.failed_reasons[0]?.vul_type).toBe(failedTypes(h)[0]?.vul_type);
    }
    // Every other host answers only the newer vul_scan_details.
    expect(all.data_list.some((h) => h.failed_reasons === undefined)).toBe(true);
    expect(all.data_list.some((h) => h.failed_reasons !== undefined)).toBe(true);
    const success = (await get(`${hostsPath(task.id)}?scan_status=success&limit=50`)).body as HostList;
    expect(success.total_num).toBe(task.success_host_num);
    expect(success.data_list.every((h) => h.scan_status === 'success' && failedTypes(h).length === 0)).toBe(true);
    expect(((await get(`${hostsPath(task.id)}?scan_status=scanning`)).body as HostList).total_num).toBe(0);
  });

  it('refuses an unknown task with 404 and a bad filter with 400', async () => {
    expectHssError(await get(hostsPath('00000000-0000-4000-8000-000000000000')), 404, 'HSS.0011');
    const task = sim.hss.tasks()[0];
    expectHssError(await get(`${hostsPath(task?.id ?? '')}?scan_status=done`), 400, 'HSS.0001');
    expectHssError(await get(`${hostsPath(task?.id ?? '')}?limit=5`), 400, 'HSS.0001');
  });
});

describe('running tasks advance with the clock', () => {
  it('moves hosts from scanning to success or failed until the task is finished', async () => {
    clock = START;
    const local = await startSimulator(options({ seed: 7 }));
    try {
      const localToken = await issueToken(local);
      const running = local.hss.tasks().filter((t) => t.status === 'running');
      expect(running.length).toBeGreaterThanOrEqual(2);
      const task = running[0];
      if (!task) throw new Error('no running task');
      const hostCount = task.scanning_host_num + task.success_host_num + task.failed_host_num;
      expect(task.end_time).toBeUndefined();
      // Minutes from the start, not a time: the last host ends 2-4 minutes after START.
      const endsBy = task.start_time + (task.estimated_time ?? 0) * MINUTE;
      expect(endsBy).toBeGreaterThanOrEqual(START + 2 * MINUTE);
      expect(endsBy).toBeLessThan(START + 5 * MINUTE);

      const seen: number[] = [];
      for (let minute = 0; minute <= 5; minute++) {
        clock = START + minute * MINUTE;
        const answer = (await get(`${tasksPath}?task_id=${task.id}`, {}, local, localToken)).body as TaskList;
        const view = answer.data_list[0];
        if (!view) throw new Error('task vanished');
        expect(view.scanning_host_num + view.success_host_num + view.failed_host_num).toBe(hostCount);
        seen.push(view.scanning_host_num);
      }
      expect(seen).toEqual([...seen].sort((a, b) => b - a));
      expect(seen[0]).toBeGreaterThan(0);
      expect(seen[5]).toBe(0);

      const done = local.hss.task(task.id);
      expect(done).toMatchObject({ status: 'finished', scanning_host_num: 0 });
      expect(done?.end_time).toBeLessThanOrEqual(endsBy);
      expect(done?.estimated_time).toBeUndefined();
      const hosts = (await get(`${hostsPath(task.id)}?limit=50`, {}, local, localToken)).body as HostList;
      expect(hosts.data_list.some((h) => h.scan_status === 'scanning')).toBe(false);
      for (const h of hosts.data_list) expect(failedTypes(h).length > 0).toBe(h.scan_status === 'failed');
      expect(local.hss.tasks().every((t) => t.status !== 'running')).toBe(true);
    } finally {
      clock = START;
      await local.close();
    }
  });
});

describe('a test starts its own task through the control route', () => {
  it('runs for the duration asked, then finishes, and is refused without control or with a bad duration', async () => {
    clock = START;
    const local = await startSimulator(options({ control: true }));
    try {
      const start = (body: unknown, target = local) =>
        fetch(`${target.url}/__sim/hss/scan-tasks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const res = await start({ durationMs: 30 * MINUTE, vulTypes: ['web_cms'] });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: string };
      clock = START + 20 * MINUTE;
      expect(local.hss.task(id)).toMatchObject({ status: 'running', scan_type: 'manual', scan_vul_types: ['web_cms'] });
      expect(local.hss.task(id)?.scanning_host_num).toBeGreaterThan(0);
      clock = START + 31 * MINUTE;
      expect(local.hss.task(id)).toMatchObject({ status: 'finished', scanning_host_num: 0 });

      expect((await start({ durationMs: 10 })).status).toBe(400);
      expect((await start({ durationMs: MINUTE, vulTypes: ['nope'] })).status).toBe(400);
      // The shared simulator runs without control routes: the path is then an unknown one.
      expect((await start({ durationMs: MINUTE }, sim)).status).toBe(404);
    } finally {
      clock = START;
      await local.close();
    }
  });
});

describe('host list (ListHostStatus)', () => {
  const fleetPath = `/v5/${PROJECT}/host-management/hosts`;
  type Fleet = {
    total_num: number;
    data_list: Array<{ host_id: string; host_name: string; agent_id?: string; private_ip: string; public_ip: string; agent_status: string; os_type: string }>;
  };

  it('pages the hosts with their agent id and agent status, and searches by name, address and agent status', async () => {
    const all = (await get(`${fleetPath}?limit=200`)).body as Fleet;
    expect(all.total_num).toBe(160);
    expect(new Set(all.data_list.map((h) => h.agent_status))).toEqual(new Set(['online', 'offline', 'not_installed', 'install_failed']));
    for (const h of all.data_list) {
      expect(h.agent_id === undefined).toBe(h.agent_status === 'not_installed' || h.agent_status === 'install_failed');
      if (h.agent_id) expect(h.agent_id).not.toBe(h.host_id);
    }
    const first = (await get(fleetPath)).body as Fleet;
    expect(first.data_list).toEqual(all.data_list.slice(0, 10));
    const target = all.data_list[42]!;
    const byName = (await get(`${fleetPath}?host_name=${encodeURIComponent(target.host_name.slice(4, 12))}&limit=200`)).body as Fleet;
    expect(byName.data_list.map((h) => h.host_id)).toContain(target.host_id);
    expect(byName.data_list.every((h) => h.host_name.includes(target.host_name.slice(4, 12)))).toBe(true);
    const byIp = (await get(`${fleetPath}?ip_addr=${target.private_ip}&limit=200`)).body as Fleet;
    expect(byIp.data_list.map((h) => h.host_id)).toContain(target.host_id);
    const offline = (await get(`${fleetPath}?agent_status=offline&limit=200`)).body as Fleet;
    expect(offline.total_num).toBe(all.data_list.filter((h) => h.agent_status === 'offline').length);
    expectHssError(await get(`${fleetPath}?agent_status=sleepy`), 400, 'HSS.0001');
    expectHssError(await get(`${fleetPath}?limit=500`), 400, 'HSS.0001');
  });
});

describe('demo-size variants', () => {
  it('has one task with a status the document does not list, and one running task without an estimate', () => {
    const tasks = sim.hss.tasks();
    expect(tasks.filter((t) => t.status !== 'running' && t.status !== 'finished').map((t) => t.status)).toEqual(['stopped']);
    const running = tasks.filter((t) => t.status === 'running');
    expect(running.filter((t) => t.estimated_time === undefined)).toHaveLength(1);
    for (const t of running.filter((r) => r.estimated_time !== undefined)) expect(t.estimated_time).toBeLessThanOrEqual(10);
  });
});

describe('observability for other tests', () => {
  it('counts requests per route', async () => {
    sim.hss.resetRequestCounts();
    await get(tasksPath);
    await get(tasksPath);
    await get(hostsPath(sim.hss.tasks()[0]?.id ?? ''));
    expect(sim.hss.requestCounts()).toEqual({ 'scan-tasks': 2, 'scan-task-hosts': 1, 'create-scan-task': 0, rescan: 0, hosts: 0 });
  });
});

describe('manual scans and rescans', () => {
  const createPath = `/v5/${PROJECT}/vulnerability/scan-task`;
  const post = (body: unknown) => send('POST', createPath, { 'X-Auth-Token': token, 'content-type': 'application/json' }, JSON.stringify(body));
  const rescanPath = (taskId: string) => `/v5/${PROJECT}/vulnerability/scan/task/${taskId}/rescan`;
  const put = (taskId: string, body: unknown) =>
    send('PUT', rescanPath(taskId), { 'X-Auth-Token': token, 'content-type': 'application/json' }, JSON.stringify(body));

  it('starts a running manual task on chosen agents that finishes by the clock, and refuses host ids as agent ids', async () => {
    const fleetHost = sim.hss.hosts().find((h) => h.agent_id !== undefined && h.agent_status === 'online')!;
    const someHost = fleetHost.host_id;
    expect(fleetHost.agent_id).not.toBe(someHost);
    expectHssError(await post({ manual_scan_type: ['linux_vul'], range_type: 'specific_host', agent_id_list: [someHost] }), 400, 'HSS.0001');
    const created = await post({
      manual_scan_type: ['linux_vul', 'app_vul'],
      batch_flag: false,
      range_type: 'specific_host',
      agent_id_list: [fleetHost.agent_id],
    });
    expect(created.status).toBe(200);
    const taskId = (created.body as { task_id: string }).task_id;
    const task = sim.hss.task(taskId)!;
    expect(task).toMatchObject({ scan_type: 'manual', status: 'running', scan_vul_types: ['linux_vul', 'app_vul'], scanning_host_num: 1, start_time: clock });
    expect(sim.hss.tasks()[0]!.id).toBe(taskId);
    expect(sim.hss.taskHosts(taskId)!.map((h) => h.host_id)).toEqual([someHost]);
    const saved = clock;
    clock += 4 * MINUTE;
    try {
      expect(sim.hss.task(taskId)!.status).toBe('finished');
    } finally {
      clock = saved;
    }
  });

  it('scans all hosts and refuses bad bodies with HSS.0001', async () => {
    const all = await post({ manual_scan_type: ['windows_vul'], batch_flag: true, range_type: 'all_host' });
    const id = (all.body as { task_id: string }).task_id;
    expect(sim.hss.task(id)!.scanning_host_num).toBeGreaterThan(100);
    expectHssError(await post({ manual_scan_type: [], range_type: 'all_host' }), 400, 'HSS.0001');
    expectHssError(await post({ manual_scan_type: ['linux_vul'], range_type: 'specific_host' }), 400, 'HSS.0001');
    expectHssError(await post({ manual_scan_type: ['linux_vul'], range_type: 'specific_host', agent_id_list: ['nope'] }), 400, 'HSS.0001');
  });

  it('rescans the failed hosts of a finished task, which runs again', async () => {
    const finished = sim.hss.tasks().find((t) => t.status === 'finished' && t.failed_host_num > 0)!;
    const res = await put(finished.id, { range_type: 'all_failed_host' });
    expect(res.status).toBe(200);
    expect(res.body).toBeUndefined();
    const after = sim.hss.task(finished.id)!;
    expect(after.status).toBe('running');
    expect(after.scanning_host_num).toBe(finished.failed_host_num);
    expect(after.failed_host_num).toBe(0);
    expectHssError(await put('no-such-task', { range_type: 'all_failed_host' }), 404, 'HSS.0011');
    expectHssError(await put(finished.id, { range_type: 'everything' }), 400, 'HSS.0001');
  });
});

describe('determinism', () => {
  it('gives the same data for the same seed and different data for another', async () => {
    const a = await startSimulator(options({ seed: 99 }));
    const b = await startSimulator(options({ seed: 99 }));
    const c = await startSimulator(options({ seed: 100 }));
    try {
      expect(b.hss.tasks()).toEqual(a.hss.tasks());
      const id = a.hss.tasks()[10]?.id ?? '';
      expect(b.hss.taskHosts(id)).toEqual(a.hss.taskHosts(id));
      expect(c.hss.tasks().map((t) => t.id)).not.toEqual(a.hss.tasks().map((t) => t.id));
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('builds the bench size and pages to its end', async () => {
    const benchHss = createHss({ projectId: PROJECT, ak: AK, sk: SK, seed: 42, size: 'bench', now: () => clock, iam: createIam({ ...iam, now: () => clock }) });
    expect(benchHss.tasks()).toHaveLength(10_000);

    const bench = await startSimulator(options({ size: { tasks: 10_000 } }));
    try {
      const benchToken = await issueToken(bench);
      const last = (await get(`${tasksPath}?offset=9990&limit=200`, {}, bench, benchToken)).body as TaskList;
      expect(last.total_num).toBe(10_000);
      expect(last.data_list).toHaveLength(10);
      expect(last.data_list).toEqual(benchHss.tasks().slice(9990));
    } finally {
      await bench.close();
    }
  });
});
