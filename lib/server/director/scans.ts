import 'server-only';
import { errorMessage, logger } from '../log';
import { z } from 'zod';
import { idOrUuid } from '@/lib/schemas/common';
import { defaultScanColumns, scanColumns, type CreateScan, type ListScansQuery, type ScanDetail, type ScanRow } from '@/lib/schemas/scan';
import type { ListResponse } from '@/lib/schemas/common';
import { directorListCache, freshness, type ListSource } from '../list-cache';
import { createInterner, pick } from '../list';
import { listLookup, listOwners } from './lookups';
import type { ReadLog } from '../read-log';
import { readScan, scanRecordSchema } from './scan-records';
import { directorFetch } from './transport';

const records = z.custom<unknown[]>((v) => Array.isArray(v), 'not a list');

/** Reads one record of a list (tolerantly, noting what it leaves out), sharing SCI and organization objects. */
function readListedScan(raw: unknown, log: ReadLog): ScanRow | undefined {
  const row = readScan(raw, log);
  if (!row) return undefined;
  // The row is this list's own object: sharing its references in place costs no copy.
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
  read: readListedScan,
  options: { searchText: (r) => [r.name, r.description, r.id, r.sci?.name, r.organization?.name], sortValue },
});

export async function listScans(query: ListScansQuery): Promise<ListResponse<ScanRow>> {
  const filters = { sciID: query.sciId, orgID: query.orgId };
  const key = `${listPrefix}sciID=${query.sciId ?? ''}&orgID=${query.orgId ?? ''}`;
  const { list, fetchedAt } = await directorListCache().get(key, scanSource(filters), { refresh: query.refresh });
  const page = list.query(query);
  // Rows carry the columns asked for; without columns, what Director sends by default (its `**` fields).
  const keys = [...alwaysKeys, ...(query.columns ?? defaultScanColumns)];
  const unreadable = list.unreadable;
  return { ...page, items: page.items.map((row) => pick(row, keys)), ...(unreadable ? { unreadable } : {}), ...freshness(fetchedAt) };
}

function scanPath(idOrUuidValue: string): string {
  return `/mgmt/scan/${encodeURIComponent(idOrUuid.parse(idOrUuidValue))}`;
}

/** One scan with the names of its policy, repository, zone, owner and creator filled in. */
export async function getScan(idOrUuidValue: string): Promise<ScanDetail> {
  const { item, unreadable } = await directorFetch({ path: scanPath(idOrUuidValue), schema: scanRecordSchema });
  const row = await resolveNames(item);
  return unreadable ? { ...row, unreadable } : row;
}

async function resolveNames(row: ScanRow): Promise<ScanRow> {
  const sciId = row.sci?.id;
  if (sciId === undefined) return row;
  const settle = <T>(p: Promise<T[]>) =>
    p.catch((err: unknown) => {
      // Names are a convenience: the scan itself is still worth showing without them.
      logger().warn({ event: 'names_unresolved', scanId: row.id, error: errorMessage(err) }, `scan ${row.id}: could not resolve names`);
      return [] as T[];
    });
  const [policies, repositories, zones, owners] = await Promise.all([
    settle(listLookup('policies', sciId).then((r) => r.items)),
    settle(listLookup('repositories', sciId).then((r) => r.items)),
    settle(listLookup('zones', sciId).then((r) => r.items)),
    settle(listOwners(sciId).then((r) => r.items)),
  ]);
  const names = (items: Array<{ uuid?: string | undefined; name: string }>) =>
    new Map(items.flatMap((i) => (i.uuid ? [[i.uuid.toUpperCase(), i.name] as const] : [])));
  const ownerNames = names(
    owners.map((o) => {
      const person = `${o.firstname} ${o.lastname}`.trim();
      return { uuid: o.uuid, name: person ? `${person} (${o.username})` : o.username };
    }),
  );
  const named = (r: ScanRow['policy'], map: Map<string, string>) => {
    if (!r || r.uuid === undefined) return r;
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
    const { item } = await directorFetch({ method: 'POST', path: '/mgmt/scan', body: toDirectorScanBody(input), schema: scanRecordSchema });
    return item;
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
