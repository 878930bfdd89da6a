import 'server-only';
import { z } from 'zod';
import { idOrUuid } from '@/lib/schemas/common';
import {
  defaultScanColumns,
  scanColumns,
  scanRowSchema,
  type CreateScan,
  type ListScansQuery,
  type ScanRow,
} from '@/lib/schemas/scan';
import type { ListResponse } from '@/lib/schemas/common';
import { directorListCache, freshness, type ListSource } from '../list-cache';
import { createInterner, pick } from '../list';
import { listLookup, listOwners } from './lookups';
import { vendorBool, vendorInt, vendorRef, vendorText, vendorTime } from './records';
import { directorFetch } from './transport';

/** Director's `policy` / `repository` / ... as an object, the form other Tenable.sc endpoints use. */
const vendorUuidObject = z.object({
  uuid: z.string(),
  name: vendorText.optional(),
  username: z.string().optional(),
  firstname: z.string().optional(),
  lastname: z.string().optional(),
});

/**
 * One scan as Director sends it. Unknown keys are dropped by the object schema, which is the
 * allowlist: nothing outside it (a `password`, a `__proto__`) can reach the browser.
 */
export const vendorScanSchema = z.object({
  id: vendorInt,
  uuid: z.string(),
  name: vendorText.optional(),
  description: vendorText.optional(),
  status: vendorInt.optional(),
  SCI: vendorRef.optional(),
  organization: vendorRef.optional(),
  sciScanID: vendorInt.optional(),
  type: z.string().optional(),
  policyUUID: z.string().optional(),
  ownerUUID: z.string().optional(),
  creatorUUID: z.string().optional(),
  repositoryUUID: z.string().optional(),
  zoneUUID: z.string().optional(),
  pluginID: vendorInt.optional(),
  policy: vendorUuidObject.nullable().optional(),
  owner: vendorUuidObject.nullable().optional(),
  creator: vendorUuidObject.nullable().optional(),
  repository: vendorUuidObject.nullable().optional(),
  zone: vendorUuidObject.nullable().optional(),
  plugin: z.object({ id: vendorInt, name: vendorText.optional() }).nullable().optional(),
  ipList: vendorText.optional(),
  dhcpTracking: vendorBool.optional(),
  classifyMitigatedAge: vendorInt.optional(),
  emailOnLaunch: vendorBool.optional(),
  emailOnFinish: vendorBool.optional(),
  timeoutAction: z.string().optional(),
  scanningVirtualHosts: vendorBool.optional(),
  rolloverType: z.string().optional(),
  maxScanTime: z.union([z.literal('unlimited').transform(() => null), vendorInt]).optional(),
  createdTime: vendorTime.optional(),
  modifiedTime: vendorTime.optional(),
});
type VendorScan = z.output<typeof vendorScanSchema>;
type UuidRef = { uuid: string; name?: string } | null;

function uuidRef(flat: string | undefined, object: z.output<typeof vendorUuidObject> | null | undefined): UuidRef | undefined {
  if (object !== undefined) {
    if (object === null || object.uuid === '') return null;
    const person = [object.firstname, object.lastname].filter(Boolean).join(' ');
    const name = object.name ?? (object.username ? (person ? `${person} (${object.username})` : object.username) : undefined);
    return name === undefined ? { uuid: object.uuid } : { uuid: object.uuid, name };
  }
  if (flat === undefined) return undefined;
  return flat === '' ? null : { uuid: flat };
}

function ref(r: z.output<typeof vendorRef> | undefined) {
  if (!r) return undefined;
  return r.description === undefined ? { id: r.id, name: r.name } : { id: r.id, name: r.name, description: r.description };
}

/** Director's record → ScanDeck's row (camelCase, typed, allowlisted). */
export function toScanRow(v: VendorScan): ScanRow {
  const plugin =
    v.plugin !== undefined
      ? v.plugin === null || v.plugin.id < 0
        ? null
        : { id: v.plugin.id, ...(v.plugin.name !== undefined ? { name: v.plugin.name } : {}) }
      : v.pluginID === undefined
        ? undefined
        : v.pluginID < 0
          ? null
          : { id: v.pluginID };
  const row: ScanRow = {
    id: v.id,
    uuid: v.uuid,
    name: v.name,
    description: v.description,
    status: v.status,
    sci: ref(v.SCI),
    organization: ref(v.organization),
    sciScanId: v.sciScanID,
    type: v.type,
    policy: uuidRef(v.policyUUID, v.policy),
    owner: uuidRef(v.ownerUUID, v.owner),
    creator: uuidRef(v.creatorUUID, v.creator),
    repository: uuidRef(v.repositoryUUID, v.repository),
    zone: uuidRef(v.zoneUUID, v.zone),
    plugin,
    ipList: v.ipList,
    dhcpTracking: v.dhcpTracking,
    classifyMitigatedAge: v.classifyMitigatedAge,
    emailOnLaunch: v.emailOnLaunch,
    emailOnFinish: v.emailOnFinish,
    timeoutAction: v.timeoutAction,
    scanningVirtualHosts: v.scanningVirtualHosts,
    rolloverType: v.rolloverType,
    maxScanTime: v.maxScanTime,
    createdTime: v.createdTime,
    modifiedTime: v.modifiedTime,
  };
  // Drop absent keys so the JSON carries only what Director sent, and re-check against the DTO.
  const present = Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined));
  return scanRowSchema.parse(present);
}

/** Parses one vendor record; throwing here becomes a 502 in the transport's terms. */
export const scanRecord = vendorScanSchema.transform(toScanRow);
const records = z.custom<unknown[]>((v) => Array.isArray(v), 'not a list');

/** Reads one record of a list; a record that cannot be read is left out of the list rather than failing it. */
function readScan(raw: unknown): ScanRow | undefined {
  const parsed = scanRecord.safeParse(raw);
  if (!parsed.success) return undefined;
  // The parsed row is this list's own object: sharing its references in place costs no copy.
  const row = parsed.data;
  if (row.sci) row.sci = sharedRef(row.sci);
  if (row.organization) row.organization = sharedRef(row.organization);
  return row;
}
const sharedRef = createInterner<NonNullable<ScanRow['sci']>>();

const listPrefix = 'scans?';

/**
 * Director fields of every column: one cached list per filter serves every column set, so a viewer
 * cycling through column sets costs neither memory nor Director calls.
 */
export const scanListFields: string[] = [...new Set(['id', 'uuid', 'name', 'description', ...Object.values(scanColumns)])].sort();

/** Keys every scan row carries whatever the columns. */
const alwaysKeys = ['id', 'uuid', 'name', 'description'] as const;

function sortValue(row: ScanRow, key: string): string | number | boolean | null | undefined {
  switch (key) {
    case 'sci':
      return row.sci?.name;
    case 'organization':
      return row.organization?.name;
    default: {
      const value = row[key as keyof ScanRow];
      return typeof value === 'object' ? undefined : value;
    }
  }
}

const scanSource = (filters: { sciID: number | undefined; orgID: number | undefined }): ListSource<ScanRow> => ({
  load: () => directorFetch({ path: '/mgmt/scan', query: { fields: scanListFields.join(','), ...filters }, schema: records }),
  read: readScan,
  options: { searchText: (r) => [r.name, r.description, r.id, r.sci?.name, r.organization?.name], sortValue },
});

export async function listScans(query: ListScansQuery): Promise<ListResponse<ScanRow>> {
  const filters = { sciID: query.sciId, orgID: query.orgId };
  const key = `${listPrefix}sciID=${query.sciId ?? ''}&orgID=${query.orgId ?? ''}`;
  const { list, fetchedAt } = await directorListCache().get(key, scanSource(filters), { refresh: query.refresh });
  const page = list.query(query);
  // Rows carry the columns asked for; without columns, what Director sends by default (its `**` fields).
  const keys = [...alwaysKeys, ...(query.columns ?? defaultScanColumns)];
  return { ...page, items: page.items.map((row) => pick(row, keys)), ...freshness(fetchedAt) };
}

function scanPath(idOrUuidValue: string): string {
  return `/mgmt/scan/${encodeURIComponent(idOrUuid.parse(idOrUuidValue))}`;
}

/** One scan with the names of its policy, repository, zone, owner and creator filled in. */
export async function getScan(idOrUuidValue: string): Promise<ScanRow> {
  const row = await directorFetch({ path: scanPath(idOrUuidValue), schema: scanRecord });
  return resolveNames(row);
}

async function resolveNames(row: ScanRow): Promise<ScanRow> {
  const sciId = row.sci?.id;
  if (sciId === undefined) return row;
  const settle = <T>(p: Promise<T[]>) =>
    p.catch((err: unknown) => {
      // Names are a convenience: the scan itself is still worth showing without them.
      console.warn(`[scandeck] scan ${row.id}: could not resolve names (${err instanceof Error ? err.message : 'error'})`);
      return [] as T[];
    });
  const [policies, repositories, zones, owners] = await Promise.all([
    settle(listLookup('policies', sciId)),
    settle(listLookup('repositories', sciId)),
    settle(listLookup('zones', sciId)),
    settle(listOwners(sciId)),
  ]);
  const names = (items: Array<{ uuid: string; name: string }>) => new Map(items.map((i) => [i.uuid.toUpperCase(), i.name]));
  const ownerNames = names(
    owners.map((o) => {
      const person = `${o.firstname} ${o.lastname}`.trim();
      return { uuid: o.uuid, name: person ? `${person} (${o.username})` : o.username };
    }),
  );
  const named = (r: ScanRow['policy'], map: Map<string, string>) => {
    if (!r) return r;
    const name = r.name ?? map.get(r.uuid.toUpperCase());
    return name === undefined ? r : { ...r, name };
  };
  const out: ScanRow = { ...row };
  if (row.policy !== undefined) out.policy = named(row.policy, names(policies));
  if (row.repository !== undefined) out.repository = named(row.repository, names(repositories));
  if (row.zone !== undefined) out.zone = named(row.zone, names(zones));
  if (row.owner !== undefined) out.owner = named(row.owner, ownerNames);
  if (row.creator !== undefined) out.creator = named(row.creator, ownerNames);
  return out;
}

/** ScanDeck's create input → Director's POST /mgmt/scan body (booleans as "true"/"false"). */
export function toDirectorScanBody(input: CreateScan): Record<string, unknown> {
  const flag = (b: boolean) => (b ? 'true' : 'false');
  const s = input.schedule;
  const schedule: Record<string, string | number> = { type: s.type, enabled: flag(s.enabled) };
  if (s.type === 'ical') {
    schedule.start = s.start;
    schedule.repeatRule = s.repeatRule;
  }
  if (s.type === 'dependent') schedule.dependentID = s.dependentId;
  return {
    name: input.name,
    description: input.description,
    type: input.type,
    sciID: input.sciId,
    userUUID: input.ownerUuid,
    ...(input.type === 'policy' ? { policyUUID: input.policyUuid } : {}),
    ...(input.type === 'plugin' && input.pluginId !== undefined ? { pluginID: input.pluginId } : {}),
    repositoryUUID: input.repositoryUuid,
    zoneUUID: input.zoneUuid,
    dhcpTracking: flag(input.dhcpTracking),
    classifyMitigatedAge: input.classifyMitigatedAge,
    schedule,
    assets: input.assets.map((id) => ({ id })),
    emailOnLaunch: flag(input.emailOnLaunch),
    emailOnFinish: flag(input.emailOnFinish),
    timeoutAction: input.timeoutAction,
    scanningVirtualHosts: flag(input.scanningVirtualHosts),
    rolloverType: input.rolloverType,
    ipList: input.ipList,
    maxScanTime: input.maxScanTime,
  };
}

export async function createScan(input: CreateScan): Promise<ScanRow> {
  try {
    return await directorFetch({ method: 'POST', path: '/mgmt/scan', body: toDirectorScanBody(input), schema: scanRecord });
  } finally {
    // Even a failed POST may have created the scan (e.g. a timeout after Director committed it).
    directorListCache().invalidate(listPrefix);
  }
}

/** Scans move or go when their owner is deleted: other resources' mutations drop the lists too. */
export function invalidateScanLists(): void {
  directorListCache().invalidate(listPrefix);
}

export async function deleteScan(idOrUuidValue: string): Promise<void> {
  try {
    await directorFetch({ method: 'DELETE', path: scanPath(idOrUuidValue), schema: z.unknown() });
  } finally {
    directorListCache().invalidate(listPrefix);
  }
}
