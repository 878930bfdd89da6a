import { z } from 'zod';
import { listQuery, unreadableSchema } from './common';
import { scanTypes, vulTypes, hostScanStatuses, agentStatuses, hostPageSizes } from './scan-task-fields';
export {
  scanTypes,
  vulTypes,
  vulTypeLabels,
  taskStatuses,
  hostScanStatuses,
  agentStatuses,
  hostPageSizes,
  isTaskLive,
  type ScanType,
  type VulType,
  type HostScanStatus,
  type AgentStatus,
} from './scan-task-fields';

/** HSS task and host ids: letters, digits and dashes only, so an id can never carry a path. */
export const hssId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an HSS id (letters, digits, dashes)');

const epochMs = z.number().int().nonnegative();

/**
 * A vulnerability scan task as ScanDeck answers it: camelCase, epoch-ms times, counts as numbers.
 * Enumerated values (`scanType`, `status`) are kept as HSS sent them, known or not; a field HSS
 * sent in an unexpected shape is absent.
 */
export const scanTaskRowSchema = z.object({
  id: z.string(),
  scanType: z.string().optional(),
  /** types HSS scanned; kept as strings so a type HSS adds later still shows */
  vulTypes: z.array(z.string()),
  /** "running" or "finished" as documented, or whatever else HSS sent */
  status: z.string().optional(),
  startTime: epochMs.optional(),
  /** set once the task has finished */
  endTime: epochMs.optional(),
  /**
   * HSS's `estimated_time` as a duration in minutes (an int32 in Huawei's SDKs, so not epoch ms;
   * Huawei's own estimate API counts minutes); derived from an end time when HSS sent epoch seconds
   */
  estimatedMinutes: z.number().int().nonnegative().optional(),
  /** the expected end, epoch ms: the start plus the estimate, or the end HSS gave */
  expectedEnd: epochMs.optional(),
  scanningHosts: z.number().int().nonnegative().optional(),
  successHosts: z.number().int().nonnegative().optional(),
  failedHosts: z.number().int().nonnegative().optional(),
});
export type ScanTaskRow = z.infer<typeof scanTaskRowSchema>;

/** One vulnerability type's scan on one host (`vul_scan_details`, or the older `failed_reasons`). */
export const hostVulScanSchema = z.object({
  vulType: z.string(),
  /** "scanning", "success", "failed", or what HSS sent */
  status: z.string().optional(),
  reason: z.string().optional(),
});
export type HostVulScan = z.infer<typeof hostVulScanSchema>;

export const scanTaskHostSchema = z.object({
  hostId: z.string(),
  hostName: z.string().optional(),
  publicIp: z.string().optional(),
  privateIp: z.string().optional(),
  /** "important", "common", "test", or what HSS sent */
  assetValue: z.string().optional(),
  /** "scanning", "success", "failed", or what HSS sent */
  scanStatus: z.string().optional(),
  /** per vulnerability type: status and failure reason */
  vulScans: z.array(hostVulScanSchema),
});
export type ScanTaskHost = z.infer<typeof scanTaskHostSchema>;

/** How old an answer is: HSS allows few calls a minute, so the BFF reuses recent answers. */
export const freshnessSchema = z.object({
  /** when ScanDeck got this answer from HSS (epoch ms) */
  fetchedAt: epochMs,
  /** how old it was when the BFF sent it */
  ageMs: z.number().int().nonnegative(),
});
export type Freshness = z.infer<typeof freshnessSchema>;

export const listScanTasksResponse = z.object({
  items: z.array(scanTaskRowSchema),
  total: z.number().int().nonnegative(),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
  unreadable: unreadableSchema.optional(),
  /** set when a task-id prefix was matched against only the newest tasks, not all of HSS's: how many were searched */
  searchedTasks: z.number().int().nonnegative().optional(),
  ...freshnessSchema.shape,
});
export type ListScanTasksResponse = z.infer<typeof listScanTasksResponse>;

export const scanTaskResponse = z.object({ task: scanTaskRowSchema, unreadable: unreadableSchema.optional(), ...freshnessSchema.shape });
export type ScanTaskResponse = z.infer<typeof scanTaskResponse>;

export const listScanTaskHostsResponse = z.object({
  items: z.array(scanTaskHostSchema),
  total: z.number().int().nonnegative(),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
  unreadable: unreadableSchema.optional(),
  ...freshnessSchema.shape,
});
export type ListScanTaskHostsResponse = z.infer<typeof listScanTaskHostsResponse>;

const optionalEpochMs = z.preprocess(
  (v) => (v === '' || v === null ? undefined : v),
  z.coerce.number({ error: 'must be a time in epoch milliseconds' }).int().nonnegative().max(8.64e15).optional(),
);
const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);

/**
 * The largest `offset` HSS takes. The shared vendor page lists offset without bounds; Huawei's API
 * reference for these list calls gives 0 to 2,000,000, and the simulator refuses more (as HSS
 * does, with a 400 that ScanDeck could only pass on as a 502). So a page past it is the
 * browser's mistake, answered 400 before HSS is called.
 */
export const hssMaxOffset = 2_000_000;

/** `(page - 1) * pageSize` must stay within HSS's offset; reported under `page`. */
function withinHssOffset<Q extends { page: number; pageSize: number }>(query: Q, ctx: z.RefinementCtx): void {
  if ((query.page - 1) * query.pageSize > hssMaxOffset) {
    ctx.addIssue({
      code: 'custom',
      path: ['page'],
      message: `must not reach past HSS's limit of ${hssMaxOffset.toLocaleString('en-US')} rows (${Math.floor(hssMaxOffset / query.pageSize) + 1} at this page size)`,
    });
  }
}

/** `GET /api/hss/scan-tasks`: page and page size go upstream as offset/limit; filters as HSS names them. */
export const listScanTasksQuery = listQuery
  .pick({ page: true, pageSize: true })
  .extend({
    scanType: z.preprocess(blankToUndefined, z.enum(scanTypes).optional()),
    /** a whole task id, or the start of one (matched against the newest tasks) */
    taskId: z.preprocess(blankToUndefined, hssId.optional()),
    /** earliest start time, epoch ms */
    startFrom: optionalEpochMs,
    /** latest start time, epoch ms */
    startTo: optionalEpochMs,
  })
  .refine((q) => q.startFrom === undefined || q.startTo === undefined || q.startFrom <= q.startTo, {
    message: 'must not be earlier than startFrom',
    path: ['startTo'],
  })
  .superRefine(withinHssOffset);
export type ListScanTasksQuery = z.infer<typeof listScanTasksQuery>;

export const scanTaskParams = z.object({ taskId: hssId });

export const listScanTaskHostsQuery = listQuery
  .pick({ page: true, pageSize: true })
  .extend({
    scanStatus: z.preprocess(blankToUndefined, z.enum(hostScanStatuses).optional()),
  })
  .superRefine(withinHssOffset);
export type ListScanTaskHostsQuery = z.infer<typeof listScanTaskHostsQuery>;

/** Start a manual scan: which vulnerability types, on every host or on chosen hosts (agent ids). */
export const createScanTaskInput = z
  .object({
    vulTypes: z.array(z.enum(vulTypes)).min(1, 'choose at least one vulnerability type').max(vulTypes.length),
    scope: z.enum(['all', 'chosen']),
    agentIds: z.array(hssId).max(200, 'at most 200 hosts per scan').default([]),
  })
  .refine((v) => v.scope === 'all' || v.agentIds.length > 0, { message: 'choose at least one host', path: ['agentIds'] })
  .refine((v) => new Set(v.vulTypes).size === v.vulTypes.length, { message: 'each type only once', path: ['vulTypes'] });
export type CreateScanTaskInput = z.input<typeof createScanTaskInput>;
export type CreateScanTask = z.output<typeof createScanTaskInput>;

export const createScanTaskResponse = z.object({ taskId: z.string().optional() });
export type CreateScanTaskResponse = z.infer<typeof createScanTaskResponse>;

/** Rescan the failed hosts of a task, or chosen hosts of it. */
export const rescanInput = z
  .object({
    scope: z.enum(['failed', 'chosen']).default('failed'),
    hostIds: z.array(hssId).max(1000).default([]),
  })
  .refine((v) => v.scope === 'failed' || v.hostIds.length > 0, { message: 'choose at least one host', path: ['hostIds'] });
export type RescanInput = z.input<typeof rescanInput>;
export type Rescan = z.output<typeof rescanInput>;

/* ---------- the project's hosts (ListHostStatus), for choosing what a manual scan reaches ---------- */

/**
 * A host of the project as ScanDeck answers it. A manual scan names its `agentId` (not the host
 * id); a host without one has no agent to scan with. Enumerated values are kept as HSS sent them.
 */
export const hssHostSchema = z.object({
  hostId: z.string(),
  agentId: z.string().optional(),
  hostName: z.string().optional(),
  privateIp: z.string().optional(),
  publicIp: z.string().optional(),
  osType: z.string().optional(),
  agentStatus: z.string().optional(),
  hostStatus: z.string().optional(),
  assetValue: z.string().optional(),
});
export type HssHost = z.infer<typeof hssHostSchema>;

/**
 * `GET /api/hss/hosts`: a name or address search, an agent status, and a page. Every value is
 * bounded (HSS takes offsets up to 2,000,000; the picker never needs more than 1,000 pages).
 */
export const listHssHostsQuery = z.object({
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce
    .number()
    .int()
    .refine((n) => (hostPageSizes as readonly number[]).includes(n), { message: `must be one of ${hostPageSizes.join(', ')}` })
    .default(10),
  q: z.preprocess(blankToUndefined, z.string().trim().max(64).optional()),
  agentStatus: z.preprocess(blankToUndefined, z.enum(agentStatuses).optional()),
});
export type ListHssHostsQuery = z.infer<typeof listHssHostsQuery>;

export const listHssHostsResponse = z.object({
  items: z.array(hssHostSchema),
  total: z.number().int().nonnegative(),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
  unreadable: unreadableSchema.optional(),
  ...freshnessSchema.shape,
});
export type ListHssHostsResponse = z.infer<typeof listHssHostsResponse>;
