import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { jsonBody, type SimHandler, type SimRequest, type SimResponse } from '../http';
import type { IamSim } from '../iam';
import {
  AGENT_STATUSES,
  createHssData,
  HOST_SCAN_STATUSES,
  SCAN_TYPES,
  VUL_TYPES,
  type HostInfo,
  type TaskRecord,
  type VulScanTaskHostInfo,
  type VulScanTaskInfo,
} from './data';
import { verify } from './signature';

export type { HostInfo, VulScanTaskHostInfo, VulScanTaskInfo } from './data';

export interface HssOptions {
  projectId: string;
  /** AK/SK pair accepted for SDK-HMAC-SHA256 signatures */
  ak: string;
  sk: string;
  seed: number;
  size: 'demo' | 'bench' | { users?: number; scans?: number; tasks?: number };
  now: () => number;
  iam: IamSim;
  /** an enterprise project id accepted besides "0" and "all_granted_eps" */
  enterpriseProjectId?: string;
  /** hosts of a manual scan or a rescan finish within this long (default 3 minutes, like the seeded tasks) */
  manualScanMs?: number;
}

export type HssRoute = 'scan-tasks' | 'scan-task-hosts' | 'create-scan-task' | 'rescan' | 'hosts';

export interface HssSim {
  handle: SimHandler;
  /** requests each route has received, whatever the answer (tests prove a client caches) */
  requestCounts(): Readonly<Record<HssRoute, number>>;
  resetRequestCounts(): void;
  /** every task as the API would answer it now, newest start first */
  tasks(): VulScanTaskInfo[];
  task(id: string): VulScanTaskInfo | undefined;
  taskHosts(id: string): VulScanTaskHostInfo[] | undefined;
  /** the project's hosts as ListHostStatus answers them */
  hosts(): HostInfo[];
  /** the clock reading the data was generated against; running tasks end 2-4 minutes after it */
  readonly startedAt: number;
  /**
   * Starts a manual task on every fleet host whose hosts finish within `durationMs`, as a test's own
   * task: tests that need a running task start one rather than rely on the seeded ones still running.
   */
  startTask(options: { durationMs: number; vulTypes?: VulScanTaskInfo['scan_vul_types'] }): VulScanTaskInfo;
}

const ALL_ENTERPRISE_PROJECTS = 'all_granted_eps';
const DEFAULT_ENTERPRISE_PROJECT = '0';

function requestId(): string {
  return randomBytes(16).toString('hex');
}

function json(status: number, id: string, body: unknown): SimResponse {
  return { status, headers: { 'X-Request-Id': id }, body };
}

function hssError(status: number, id: string, code: string, message: string): SimResponse {
  return json(status, id, { error_code: code, error_msg: message });
}

function gatewayError(status: number, id: string, code: string, message: string): SimResponse {
  return json(status, id, { error_msg: message, error_code: code, request_id: id });
}

function integerParam(name: string, min: number, max: number) {
  const message = `${name} must be an integer from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d{1,16}$/, { error: message })
    .transform(Number)
    .pipe(z.number().min(min, { error: message }).max(max, { error: message }));
}

const pagingParams = {
  offset: integerParam('offset', 0, 2_000_000).optional(),
  limit: integerParam('limit', 10, 200).optional(),
  enterprise_project_id: z.string().min(1, { error: 'enterprise_project_id must not be empty' }).max(256).optional(),
};

const listTasksQuery = z
  .object({
    ...pagingParams,
    scan_type: z.enum(SCAN_TYPES, { error: `scan_type must be one of ${SCAN_TYPES.join(', ')}` }).optional(),
    task_id: z.string().min(1, { error: 'task_id must not be empty' }).max(256).optional(),
    min_start_time: integerParam('min_start_time', 0, Number.MAX_SAFE_INTEGER).optional(),
    max_start_time: integerParam('max_start_time', 0, Number.MAX_SAFE_INTEGER).optional(),
  })
  .refine((q) => q.min_start_time === undefined || q.max_start_time === undefined || q.min_start_time <= q.max_start_time, {
    error: 'min_start_time must not be later than max_start_time',
  });

/** ListHostStatus: the filters ScanDeck uses (name, address, agent status) and paging; others are ignored. */
const listFleetQuery = z.object({
  ...pagingParams,
  host_name: z.string().max(256).optional(),
  ip_addr: z.string().max(128).optional(),
  private_ip: z.string().max(128).optional(),
  public_ip: z.string().max(128).optional(),
  agent_status: z
    .enum([...AGENT_STATUSES, 'installed', 'not_online'], { error: `agent_status must be one of ${[...AGENT_STATUSES, 'installed', 'not_online'].join(', ')}` })
    .optional(),
});

const listHostsQuery = z.object({
  ...pagingParams,
  scan_status: z.enum(HOST_SCAN_STATUSES, { error: `scan_status must be one of ${HOST_SCAN_STATUSES.join(', ')}` }).optional(),
});

type Route =
  | { route: 'scan-tasks' | 'create-scan-task' | 'hosts'; projectId: string }
  | { route: 'scan-task-hosts' | 'rescan'; projectId: string; taskId: string };

const routeMethods: Record<HssRoute, string> = { 'scan-tasks': 'GET', 'scan-task-hosts': 'GET', 'create-scan-task': 'POST', rescan: 'PUT', hosts: 'GET' };

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function matchRoute(rawPath: string): Route | undefined {
  const segments = rawPath.split('/').map(decodeSegment);
  const [empty, version, projectId, area, resource, taskId, tail] = segments;
  if (empty !== '' || version !== 'v5' || !projectId) return undefined;
  // ListHostStatus: GET /v5/{project_id}/host-management/hosts
  if (area === 'host-management' && resource === 'hosts' && segments.length === 5) return { route: 'hosts', projectId };
  if (area !== 'vulnerability') return undefined;
  if (segments.length === 5 && resource === 'scan-tasks') return { route: 'scan-tasks', projectId };
  if (segments.length === 5 && resource === 'scan-task') return { route: 'create-scan-task', projectId };
  if (segments.length === 7 && resource === 'scan-task' && taskId && tail === 'hosts') {
    return { route: 'scan-task-hosts', projectId, taskId };
  }
  // RecreateVulScanTask: PUT /v5/{project_id}/vulnerability/scan/task/{task_id}/rescan
  const rescanId = segments[6];
  if (segments.length === 8 && resource === 'scan' && taskId === 'task' && rescanId && segments[7] === 'rescan') {
    return { route: 'rescan', projectId, taskId: rescanId };
  }
  return undefined;
}

function firstHeader(req: SimRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function queryObject(req: SimRequest): Record<string, string> {
  const out: Record<string, string> = {};
  // The first value wins when a key repeats, as most gateways read query parameters.
  for (const [key, value] of req.query) if (!(key in out)) out[key] = value;
  return out;
}

/** CreateVulnerabilityScanTask's body: manual scans name agents (agent_id of ListHostStatus), not hosts. */
const createTaskBody = z.object({
  manual_scan_type: z
    .array(z.enum(VUL_TYPES, { error: `manual_scan_type items must be one of ${VUL_TYPES.join(', ')}` }))
    .min(1)
    .max(200),
  batch_flag: z.boolean().optional(),
  range_type: z.enum(['all_host', 'specific_host'], { error: 'range_type must be all_host or specific_host' }),
  agent_id_list: z.array(z.string().min(1).max(128)).min(1).max(200).optional(),
  urgent_vul_id_list: z.array(z.string()).optional(),
});

/** RecreateVulScanTask's body. */
const rescanBody = z.object({
  range_type: z.enum(['all_failed_host', 'specific_host'], { error: 'range_type must be all_failed_host or specific_host' }),
  host_ids: z.array(z.string().min(1).max(128)).min(1).max(1000).optional(),
});

/** HSS.0001 is the code HSS's error table documents for "Invalid parameter." */
function invalidParams(id: string, error: z.ZodError): SimResponse {
  return hssError(400, id, 'HSS.0001', `Invalid parameter: ${error.issues.map((i) => i.message).join('; ')}`);
}

export function createHss(options: HssOptions): HssSim {
  const startedAt = options.now();
  const data = createHssData({ seed: options.seed, size: options.size, startedAt });
  const counts: Record<HssRoute, number> = { 'scan-tasks': 0, 'scan-task-hosts': 0, 'create-scan-task': 0, rescan: 0, hosts: 0 };
  const manualScanMs = options.manualScanMs ?? 3 * 60_000;

  function authenticate(req: SimRequest, id: string): SimResponse | undefined {
    const token = firstHeader(req, 'x-auth-token');
    if (token !== undefined) {
      const state = options.iam.checkToken(token);
      if (state === 'valid') return undefined;
      // Huawei documents an expired token under APIG(W).0301 with "token expires".
      if (state === 'expired') return gatewayError(401, id, 'APIGW.0301', 'Incorrect IAM authentication information: token expires.');
      return gatewayError(401, id, 'APIGW.0301', 'Incorrect IAM authentication information: the token is invalid.');
    }
    if (firstHeader(req, 'authorization') === undefined) {
      return gatewayError(401, id, 'APIGW.0301', 'Incorrect IAM authentication information: x-auth-token not found.');
    }
    const result = verify(req, (ak) => (ak === options.ak ? options.sk : undefined), options.now());
    if (result.ok) return undefined;
    return gatewayError(401, id, 'APIGW.0301', `Incorrect IAM authentication information: verify aksk signature fail, ${result.message}.`);
  }

  function checkEnterpriseProject(value: string | undefined, id: string): SimResponse | undefined {
    if (value === undefined || value === ALL_ENTERPRISE_PROJECTS || value === DEFAULT_ENTERPRISE_PROJECT) return undefined;
    if (options.enterpriseProjectId !== undefined && value === options.enterpriseProjectId) return undefined;
    return hssError(403, id, 'HSS.0013', 'Insufficient permissions: the enterprise project is not accessible.');
  }

  function listTasks(req: SimRequest, id: string): SimResponse {
    const parsed = listTasksQuery.safeParse(queryObject(req));
    if (!parsed.success) return invalidParams(id, parsed.error);
    const q = parsed.data;
    const denied = checkEnterpriseProject(q.enterprise_project_id, id);
    if (denied) return denied;
    const offset = q.offset ?? 0;
    const limit = q.limit ?? 10;
    const now = options.now();
    const page: TaskRecord[] = [];
    let total = 0;
    for (let i = 0; i < data.count; i++) {
      const task = data.taskAt(i);
      if (q.task_id !== undefined && task.id !== q.task_id) continue;
      if (q.scan_type !== undefined && task.scanType !== q.scan_type) continue;
      if (q.min_start_time !== undefined && task.startTime < q.min_start_time) continue;
      if (q.max_start_time !== undefined && task.startTime > q.max_start_time) continue;
      if (total >= offset && page.length < limit) page.push(task);
      total++;
    }
    return json(200, id, { total_num: total, data_list: page.map((task) => data.view(task, now)) });
  }

  function listHosts(req: SimRequest, id: string, taskId: string): SimResponse {
    const parsed = listHostsQuery.safeParse(queryObject(req));
    if (!parsed.success) return invalidParams(id, parsed.error);
    const q = parsed.data;
    const denied = checkEnterpriseProject(q.enterprise_project_id, id);
    if (denied) return denied;
    const task = data.findTask(taskId);
    // HSS lists HSS.0011 under status 400; 404 is kept so a client can tell a missing task from a bad query.
    if (!task) return hssError(404, id, 'HSS.0011', 'Requested resource not found: no vulnerability scan task with this id.');
    const hosts = data.hosts(task, options.now()).filter((h) => q.scan_status === undefined || h.scan_status === q.scan_status);
    const offset = q.offset ?? 0;
    const limit = q.limit ?? 10;
    return json(200, id, { total_num: hosts.length, data_list: hosts.slice(offset, offset + limit) });
  }

  function listFleet(req: SimRequest, id: string): SimResponse {
    const parsed = listFleetQuery.safeParse(queryObject(req));
    if (!parsed.success) return invalidParams(id, parsed.error);
    const q = parsed.data;
    const denied = checkEnterpriseProject(q.enterprise_project_id, id);
    if (denied) return denied;
    const contains = (value: string, needle: string | undefined) => needle === undefined || value.toLowerCase().includes(needle.toLowerCase());
    const hosts = data
      .fleetHosts()
      .filter(
        (h) =>
          contains(h.host_name, q.host_name) &&
          contains(h.private_ip, q.private_ip) &&
          contains(h.public_ip, q.public_ip) &&
          (q.ip_addr === undefined || contains(h.private_ip, q.ip_addr) || contains(h.public_ip, q.ip_addr)) &&
          (q.agent_status === undefined ||
            h.agent_status === q.agent_status ||
            (q.agent_status === 'installed' && (h.agent_status === 'online' || h.agent_status === 'offline')) ||
            (q.agent_status === 'not_online' && h.agent_status !== 'online')),
      );
    const offset = q.offset ?? 0;
    const limit = q.limit ?? 10;
    return json(200, id, { total_num: hosts.length, data_list: hosts.slice(offset, offset + limit) });
  }

  function readBody<S extends z.ZodType>(req: SimRequest, id: string, schema: S): { data: z.output<S> } | { refused: SimResponse } {
    let raw: unknown;
    try {
      raw = jsonBody(req);
    } catch {
      return { refused: hssError(400, id, 'HSS.0001', 'Invalid parameter: the body is not valid JSON') };
    }
    const parsed = schema.safeParse(raw ?? {});
    return parsed.success ? { data: parsed.data } : { refused: invalidParams(id, parsed.error) };
  }

  function createTask(req: SimRequest, id: string): SimResponse {
    const denied = checkEnterpriseProject(queryObject(req).enterprise_project_id, id);
    if (denied) return denied;
    const body = readBody(req, id, createTaskBody);
    if ('refused' in body) return body.refused;
    const { range_type: rangeType, agent_id_list: agentIds = [] } = body.data;
    let fleetIndices: number[] | 'all' = 'all';
    if (rangeType === 'specific_host') {
      if (agentIds.length === 0) return hssError(400, id, 'HSS.0001', 'Invalid parameter: agent_id_list is required for specific_host');
      const unknown = agentIds.filter((a) => data.fleetIndexOfAgent(a) === undefined);
      if (unknown.length > 0) return hssError(400, id, 'HSS.0001', `Invalid parameter: unknown agent ids ${unknown.slice(0, 3).join(', ')}`);
      fleetIndices = agentIds.map((a) => data.fleetIndexOfAgent(a) as number);
    }
    const task = data.startManualTask({ vulTypes: body.data.manual_scan_type, fleetIndices, now: options.now(), durationMs: manualScanMs });
    return json(200, id, { task_id: task.id });
  }

  function rescan(req: SimRequest, id: string, taskId: string): SimResponse {
    const denied = checkEnterpriseProject(queryObject(req).enterprise_project_id, id);
    if (denied) return denied;
    const body = readBody(req, id, rescanBody);
    if ('refused' in body) return body.refused;
    const task = data.findTask(taskId);
    if (!task) return hssError(404, id, 'HSS.0011', 'Requested resource not found: no vulnerability scan task with this id.');
    if (body.data.range_type === 'specific_host' && !body.data.host_ids) {
      return hssError(400, id, 'HSS.0001', 'Invalid parameter: host_ids is required for specific_host');
    }
    const hostIds = body.data.range_type === 'all_failed_host' ? 'failed' : (body.data.host_ids ?? []);
    data.rescan(task, { hostIds, now: options.now(), durationMs: manualScanMs });
    // RecreateVulScanTask documents a 200 without a body.
    return { status: 200, headers: { 'X-Request-Id': id } };
  }

  const handle: SimHandler = (req) => {
    const id = requestId();
    const route = matchRoute(req.rawPath);
    if (!route || req.method !== routeMethods[route.route]) {
      return gatewayError(404, id, 'APIGW.0101', 'The API does not exist or has not been published in the environment.');
    }
    counts[route.route] += 1;
    const refused = authenticate(req, id);
    if (refused) return refused;
    const headerProject = firstHeader(req, 'x-project-id');
    if (route.projectId !== options.projectId || (headerProject !== undefined && headerProject !== route.projectId)) {
      return hssError(403, id, 'HSS.0010', 'Access denied: the project id does not match the authorized project.');
    }
    switch (route.route) {
      case 'scan-tasks':
        return listTasks(req, id);
      case 'create-scan-task':
        return createTask(req, id);
      case 'scan-task-hosts':
        return listHosts(req, id, route.taskId);
      case 'rescan':
        return rescan(req, id, route.taskId);
      case 'hosts':
        return listFleet(req, id);
    }
  };

  return {
    handle,
    requestCounts: () => ({ ...counts }),
    resetRequestCounts() {
      for (const key of Object.keys(counts) as HssRoute[]) counts[key] = 0;
    },
    tasks() {
      const now = options.now();
      return Array.from({ length: data.count }, (_, i) => data.view(data.taskAt(i), now));
    },
    task(taskId) {
      const task = data.findTask(taskId);
      return task && data.view(task, options.now());
    },
    taskHosts(taskId) {
      const task = data.findTask(taskId);
      return task && data.hosts(task, options.now());
    },
    hosts: () => data.fleetHosts(),
    startedAt,
    startTask({ durationMs, vulTypes = ['linux_vul'] }) {
      const now = options.now();
      const task = data.startManualTask({ vulTypes: [...vulTypes], fleetIndices: 'all', now, durationMs });
      return data.view(task, now);
    },
  };
}
