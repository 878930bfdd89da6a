import { createRng, type Rng } from '../data/prng';

export const VUL_TYPES = ['linux_vul', 'windows_vul', 'web_cms', 'app_vul', 'urgent_vul'] as const;
export type VulType = (typeof VUL_TYPES)[number];
export const SCAN_TYPES = ['manual', 'schedule'] as const;
export type ScanType = (typeof SCAN_TYPES)[number];
export const HOST_SCAN_STATUSES = ['scanning', 'success', 'failed'] as const;
export type HostScanStatus = (typeof HOST_SCAN_STATUSES)[number];
export type AssetValue = 'important' | 'common' | 'test';
/** Host.agent_status values of ListHostStatus, as Huawei's SDK models document them. */
export const AGENT_STATUSES = ['online', 'offline', 'not_installed', 'install_failed', 'installing'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/** VulScanTaskInfo exactly as HSS answers it. */
export interface VulScanTaskInfo {
  id: string;
  scan_type: ScanType;
  start_time: number;
  /** absent while the task runs, as HSS's own SDK models leave it unset */
  end_time?: number;
  scan_vul_types: VulType[];
  /** "running" or "finished"; at demo size one task answers a status HSS's document does not list */
  status: string;
  scanning_host_num: number;
  success_host_num: number;
  failed_host_num: number;
  /**
   * Present while running: the expected duration in minutes. HSS documents the field only as
   * "Expected completion time", and Huawei's SDKs type it int32, which cannot hold epoch ms; its
   * estimate API counts minutes. At demo size one running task leaves it out.
   */
  estimated_time?: number;
}

/** One vulnerability type's scan on a host (VulScanTaskHostInfoVulScanDetails). */
export interface VulScanDetail {
  vul_type: VulType;
  status: HostScanStatus;
  failed_reason?: string;
}

/** VulScanTaskHostInfo as ListVulScanTaskHost answers it. */
export interface VulScanTaskHostInfo {
  host_id: string;
  host_name: string;
  public_ip: string;
  private_ip: string;
  asset_value: AssetValue;
  scan_status: HostScanStatus;
  /** deprecated by Huawei in favour of vul_scan_details; at demo size every other host leaves it out */
  failed_reasons?: Array<{ vul_type: VulType; failed_reason: string }>;
  vul_scan_details: VulScanDetail[];
}

/** Host as ListHostStatus (GET /v5/{project_id}/host-management/hosts) answers it, the fields ScanDeck reads and a few more. */
export interface HostInfo {
  host_name: string;
  host_id: string;
  /** absent while no agent is installed */
  agent_id?: string;
  private_ip: string;
  public_ip: string;
  os_type: 'Linux' | 'Windows';
  host_status: 'ACTIVE' | 'SHUTOFF';
  agent_status: AgentStatus;
  asset_value: AssetValue;
  protect_status: 'opened' | 'closed';
  version: string;
}

interface FleetHost {
  host_id: string;
  host_name: string;
  public_ip: string;
  private_ip: string;
  asset_value: AssetValue;
  os: 'linux' | 'windows';
}

interface FleetAgent {
  agentId: string | undefined;
  agentStatus: AgentStatus;
  hostStatus: 'ACTIVE' | 'SHUTOFF';
}

/** A task as stored: when each host finishes and how; the host details are derived lazily. */
interface TaskRecord {
  id: string;
  scanType: ScanType;
  startTime: number;
  vulTypes: VulType[];
  /** per host, epoch ms when its scan ends */
  hostDoneAt: Float64Array;
  /** per host, 1 when its scan ends failed */
  hostFailed: Uint8Array;
  /** seeds the lazy choice of fleet hosts and failure reasons */
  detailSeed: number;
  /** fleet positions of the hosts, for tasks started on chosen hosts; otherwise drawn from detailSeed */
  fleetIndices?: number[];
}

export type DataSize = 'demo' | 'bench' | { users?: number; scans?: number; tasks?: number };

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const FAILURE_REASONS = [
  'The agent is offline.',
  'The scan timed out.',
  'The server has insufficient disk space for the scan.',
  'The agent version does not support this vulnerability type.',
  'The server was shut down during the scan.',
  'The scan was interrupted because the agent restarted.',
  'Failed to obtain the software list of the server.',
] as const;

const LINUX_ROLES = ['web', 'api', 'app', 'db-mysql', 'db-pgsql', 'redis', 'kafka', 'nginx', 'k8s-node', 'jenkins', 'gitlab', 'es', 'bastion'];
const WINDOWS_ROLES = ['win-ad', 'win-iis', 'win-sql', 'win-file', 'win-rds'];
const ENVIRONMENTS = ['prod', 'prod', 'prod', 'staging', 'test', 'dev'];

function taskCount(size: DataSize): number {
  if (size === 'demo') return 60;
  if (size === 'bench') return 10_000;
  return Math.max(0, Math.floor(size.tasks ?? 60));
}

function lowerUuid(rng: Rng): string {
  return rng.uuid().toLowerCase();
}

function buildFleet(rng: Rng, count: number): FleetHost[] {
  const used = new Map<string, number>();
  const fleet: FleetHost[] = [];
  for (let i = 0; i < count; i++) {
    const os = rng.chance(0.2) ? 'windows' : 'linux';
    const role = rng.pick(os === 'windows' ? WINDOWS_ROLES : LINUX_ROLES);
    const env = rng.pick(ENVIRONMENTS);
    const base = `ecs-${role}-${env}`;
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    const asset_value: AssetValue = env === 'prod' ? (rng.chance(0.6) ? 'important' : 'common') : env === 'staging' ? 'common' : 'test';
    const isPublic = role === 'web' || role === 'nginx' || role === 'bastion' || role === 'win-rds' || rng.chance(0.1);
    fleet.push({
      host_id: lowerUuid(rng),
      host_name: `${base}-${String(n).padStart(2, '0')}`,
      private_ip: `192.168.${rng.int(0, 15)}.${rng.int(2, 254)}`,
      public_ip: isPublic ? `${rng.pick(['121.36', '124.70', '139.9', '119.3', '114.116'])}.${rng.int(0, 255)}.${rng.int(1, 254)}` : '',
      asset_value,
      os,
    });
  }
  return fleet;
}

function pickVulTypes(rng: Rng, scanType: ScanType): VulType[] {
  if (scanType === 'schedule') {
    return rng.chance(0.7) ? ['linux_vul', 'windows_vul', 'web_cms', 'app_vul'] : ['linux_vul', 'windows_vul'];
  }
  if (rng.chance(0.15)) return ['urgent_vul'];
  const chosen = VUL_TYPES.filter((t) => t !== 'urgent_vul' && rng.chance(0.45));
  return chosen.length > 0 ? chosen : [rng.pick(['linux_vul', 'windows_vul', 'app_vul'] as const)];
}

export interface HssDataOptions {
  seed: number;
  size: DataSize;
  /** the simulator's start; history lies before it, running tasks end shortly after it */
  startedAt: number;
}

export interface HssData {
  /** how many tasks there are; taskAt() walks them newest start first */
  readonly count: number;
  /** the task at a position in newest-first order */
  taskAt(index: number): TaskRecord;
  findTask(id: string): TaskRecord | undefined;
  /** the task as HSS answers it at `now` */
  view(task: TaskRecord, now: number): VulScanTaskInfo;
  /** the task's hosts as ListVulScanTaskHost answers them at `now` */
  hosts(task: TaskRecord, now: number): VulScanTaskHostInfo[];
  /** fleet position of an agent id (manual scans name agents, not hosts), or undefined */
  fleetIndexOfAgent(agentId: string): number | undefined;
  /** the project's hosts as ListHostStatus answers them */
  fleetHosts(): HostInfo[];
  /** starts a manual scan at `now` on all hosts or the given fleet positions; hosts finish within `durationMs` */
  startManualTask(options: { vulTypes: VulType[]; fleetIndices: number[] | 'all'; now: number; durationMs: number }): TaskRecord;
  /** scans again the failed hosts of a task (or the given host ids of it), which then finish within `durationMs` */
  rescan(task: TaskRecord, options: { hostIds: string[] | 'failed'; now: number; durationMs: number }): number;
}

export type { TaskRecord };

export function createHssData(options: HssDataOptions): HssData {
  const root = createRng(options.seed);
  const fleet = buildFleet(root.fork('hss-fleet'), 160);
  // Its own stream, so agents never shift the seeded fleet and tasks of a given seed.
  const agentRng = root.fork('hss-agents');
  const agents: FleetAgent[] = fleet.map((): FleetAgent => {
    const roll = agentRng.next();
    const agentStatus: AgentStatus = roll < 0.86 ? 'online' : roll < 0.94 ? 'offline' : roll < 0.98 ? 'not_installed' : 'install_failed';
    const hasAgent = agentStatus === 'online' || agentStatus === 'offline';
    return {
      agentId: hasAgent ? agentRng.uuid().replace(/-/g, '').toLowerCase() : undefined,
      agentStatus,
      hostStatus: agentStatus === 'offline' && agentRng.chance(0.5) ? 'SHUTOFF' : 'ACTIVE',
    };
  });
  const taskRng = root.fork('hss-tasks');
  const count = taskCount(options.size);
  const runningCount = Math.min(count, options.size === 'demo' ? taskRng.int(2, 3) : 3);
  const { startedAt } = options;
  const tasks: TaskRecord[] = [];

  for (let i = 0; i < count; i++) {
    const isRunning = i < runningCount;
    const scanType: ScanType = taskRng.chance(0.4) ? 'schedule' : 'manual';
    const hostCount = taskRng.int(3, 40);
    const hostDoneAt = new Float64Array(hostCount);
    const hostFailed = new Uint8Array(hostCount);
    let startTime: number;
    if (isRunning) {
      startTime = startedAt - taskRng.int(30_000, 3 * MINUTE);
      for (let h = 0; h < hostCount; h++) {
        hostDoneAt[h] = Math.max(startTime + 10_000, startedAt + taskRng.int(-30_000, 4 * MINUTE));
      }
      // Guarantees the task is still running when the simulator starts, whatever the draws.
      hostDoneAt[hostCount - 1] = startedAt + taskRng.int(2 * MINUTE, 4 * MINUTE);
    } else {
      // Finished history spreads over the 30 days before start and ends at least 5 minutes before
      // it, so only the tasks chosen as running are running when the simulator starts.
      const span = 30_000 + hostCount * taskRng.int(5_000, 20_000);
      startTime = startedAt - taskRng.int(5 * MINUTE + span, 30 * DAY);
      if (scanType === 'schedule') startTime -= startTime % (15 * MINUTE);
      for (let h = 0; h < hostCount; h++) hostDoneAt[h] = startTime + taskRng.int(20_000, span);
    }
    for (let h = 0; h < hostCount; h++) hostFailed[h] = taskRng.chance(0.08) ? 1 : 0;
    tasks.push({
      id: lowerUuid(taskRng),
      scanType,
      startTime,
      vulTypes: pickVulTypes(taskRng, scanType),
      hostDoneAt,
      hostFailed,
      detailSeed: taskRng.int(0, 0xffffffff),
    });
  }
  tasks.sort((a, b) => b.startTime - a.startTime || (a.id < b.id ? -1 : 1));
  const byId = new Map(tasks.map((t) => [t.id, t]));
  // Demo answers vary as HSS's may: one finished task reports a status the document does not
  // list, and the second running task gives no estimate.
  const isDemo = options.size === 'demo';
  const oddStatusTaskId = isDemo ? tasks[runningCount + 2]?.id : undefined;
  const noEstimateTaskId = isDemo && runningCount > 1 ? tasks[1]?.id : undefined;
  const hostCache = new Map<string, FleetHost[]>();

  function fleetHostsOf(task: TaskRecord): FleetHost[] {
    const cached = hostCache.get(task.id);
    if (cached) return cached;
    if (task.fleetIndices) {
      const chosen = task.fleetIndices.map((i) => fleet[i] as FleetHost);
      hostCache.set(task.id, chosen);
      return chosen;
    }
    const rng = createRng(task.detailSeed);
    const indices = fleet.map((_, i) => i);
    const chosen: FleetHost[] = [];
    for (let h = 0; h < task.hostDoneAt.length; h++) {
      const j = h + Math.floor(rng.next() * (indices.length - h));
      const swap = indices[h] as number;
      indices[h] = indices[j] as number;
      indices[j] = swap;
      chosen.push(fleet[indices[h] as number] as FleetHost);
    }
    hostCache.set(task.id, chosen);
    return chosen;
  }

  const fleetIndexByAgent = new Map(agents.flatMap((agent, i) => (agent.agentId ? [[agent.agentId, i] as const] : [])));
  // Its own stream, so starting scans never shifts the seeded data of a given seed.
  const liveRng = root.fork('hss-live');

  function scheduleHosts(task: TaskRecord, positions: number[], now: number, durationMs: number) {
    const earliest = Math.min(5_000, durationMs);
    for (const h of positions) {
      task.hostDoneAt[h] = now + liveRng.int(earliest, durationMs);
      task.hostFailed[h] = liveRng.chance(0.1) ? 1 : 0;
    }
  }

  return {
    get count() {
      return tasks.length;
    },
    taskAt: (index) => tasks[index] as TaskRecord,
    findTask: (id) => byId.get(id),
    fleetIndexOfAgent: (agentId) => fleetIndexByAgent.get(agentId),
    fleetHosts: () =>
      fleet.map((host, i): HostInfo => {
        const agent = agents[i] as FleetAgent;
        return {
          host_name: host.host_name,
          host_id: host.host_id,
          ...(agent.agentId ? { agent_id: agent.agentId } : {}),
          private_ip: host.private_ip,
          public_ip: host.public_ip,
          os_type: host.os === 'windows' ? 'Windows' : 'Linux',
          host_status: agent.hostStatus,
          agent_status: agent.agentStatus,
          asset_value: host.asset_value,
          protect_status: agent.agentStatus === 'online' ? 'opened' : 'closed',
          version: agent.agentId ? 'hss.version.enterprise' : 'hss.version.null',
        };
      }),
    startManualTask({ vulTypes, fleetIndices, now, durationMs }) {
      const indices = fleetIndices === 'all' ? fleet.map((_, i) => i) : [...new Set(fleetIndices)];
      const task: TaskRecord = {
        id: lowerUuid(liveRng),
        scanType: 'manual',
        startTime: now,
        vulTypes: [...vulTypes],
        hostDoneAt: new Float64Array(indices.length),
        hostFailed: new Uint8Array(indices.length),
        detailSeed: liveRng.int(0, 0xffffffff),
        fleetIndices: indices,
      };
      scheduleHosts(task, indices.map((_, h) => h), now, durationMs);
      tasks.unshift(task);
      byId.set(task.id, task);
      return task;
    },
    rescan(task, { hostIds, now, durationMs }) {
      const hosts = fleetHostsOf(task);
      const positions: number[] = [];
      for (let h = 0; h < hosts.length; h++) {
        const isDone = now >= (task.hostDoneAt[h] as number);
        const isChosen = hostIds === 'failed' ? isDone && task.hostFailed[h] === 1 : hostIds.includes((hosts[h] as FleetHost).host_id);
        if (isChosen) positions.push(h);
      }
      scheduleHosts(task, positions, now, durationMs);
      return positions.length;
    },
    view(task, now) {
      let scanning = 0;
      let success = 0;
      let failed = 0;
      let lastDone = task.startTime;
      for (let h = 0; h < task.hostDoneAt.length; h++) {
        const doneAt = task.hostDoneAt[h] as number;
        if (doneAt > lastDone) lastDone = doneAt;
        if (now < doneAt) scanning++;
        else if (task.hostFailed[h]) failed++;
        else success++;
      }
      const isRunning = scanning > 0;
      const hasEstimate = isRunning && task.id !== noEstimateTaskId;
      // Keys in the order HSS documents them, so a captured answer reads like the vendor's.
      return {
        id: task.id,
        scan_type: task.scanType,
        start_time: task.startTime,
        ...(isRunning ? {} : { end_time: lastDone }),
        scan_vul_types: [...task.vulTypes],
        status: isRunning ? 'running' : task.id === oddStatusTaskId ? 'stopped' : 'finished',
        scanning_host_num: scanning,
        success_host_num: success,
        failed_host_num: failed,
        ...(hasEstimate ? { estimated_time: Math.max(1, Math.ceil((lastDone - task.startTime) / MINUTE)) } : {}),
      };
    },
    hosts(task, now) {
      const rng = createRng(task.detailSeed).fork('failures');
      return fleetHostsOf(task).map((host, h): VulScanTaskHostInfo => {
        const isDone = now >= (task.hostDoneAt[h] as number);
        const isFailed = task.hostFailed[h] === 1;
        // Drawn for every host, done or not, so a host's reason never changes as others finish.
        const foreignType: VulType = host.os === 'windows' ? 'linux_vul' : 'windows_vul';
        const fitting = task.vulTypes.filter((t) => t !== foreignType);
        const failedType = rng.pick(fitting.length > 0 ? fitting : task.vulTypes);
        const reason = rng.pick(FAILURE_REASONS);
        const details = task.vulTypes.map((vulType): VulScanDetail => {
          if (!isDone) return { vul_type: vulType, status: 'scanning' };
          if (isFailed && vulType === failedType) return { vul_type: vulType, status: 'failed', failed_reason: reason };
          return { vul_type: vulType, status: 'success' };
        });
        // Every other host answers only the newer vul_scan_details, as hosts of newer agents may.
        const isDetailsOnly = h % 2 === 1;
        return {
          host_id: host.host_id,
          host_name: host.host_name,
          public_ip: host.public_ip,
          private_ip: host.private_ip,
          asset_value: host.asset_value,
          scan_status: !isDone ? 'scanning' : isFailed ? 'failed' : 'success',
          ...(isDetailsOnly ? {} : { failed_reasons: isDone && isFailed ? [{ vul_type: failedType, failed_reason: reason }] : [] }),
          vul_scan_details: details,
        };
      });
    },
  };
}
