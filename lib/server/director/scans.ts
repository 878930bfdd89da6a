import 'server-only';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { idOrUuid } from '@/lib/schemas/common';
import {
  defaultScanColumns,
  scanColumns,
  type CreateScan,
  type ListScansQuery,
  type ScanDetail,
  type ScanRow,
  type ScanSelectionItem,
} from '@/lib/schemas/scan';
import type { Selection } from '@/lib/schemas/bulk';
import type { ListResponse } from '@/lib/schemas/common';
import { directorListCache, freshness, type ListSource } from '../list-cache';
import type { ListOptions } from '../list';
import { sciIdsToName, sciNames, sciNamesSource, type SciNames, type SciNamesSource } from './lookups';
import { countBySci } from './sci-counts';
import type { DirectorCounts } from '@/lib/schemas/overview';
import { readScan, scanRecordSchema } from './scan-records';
import { directorFetch, directorFetchRecords } from './transport';
import { withDigest, type RecordSource } from '../json-records';
import { noteAuditTarget } from '../request-context';
import { boundedSelection } from '../selection';

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
    case 'policy':
    case 'owner':
    case 'creator':
    case 'repository':
    case 'zone': {
      const ref = row[key];
      return ref ? (ref.name ?? ref.uuid) : undefined;
    }
    default: {
      const value = row[key as keyof ScanRow];
      return typeof value === 'object' ? undefined : value;
    }
  }
}

const namedRefs = [
  ['policy', 'policy'],
  ['repository', 'repository'],
  ['zone', 'zone'],
  ['owner', 'user'],
  ['creator', 'user'],
] as const satisfies ReadonlyArray<readonly [keyof ScanRow, keyof SciNames]>;

/** Fills in, in place, the names Director left out of a scan's references, from its SCI's lookups. */
function withNames(row: ScanRow, names: SciNames): ScanRow {
  for (const [key, kind] of namedRefs) {
    const ref = row[key];
    if (!ref || ref.name !== undefined) continue;
    const name =
      (ref.uuid !== undefined ? names[kind].get(ref.uuid.toUpperCase()) : undefined) ?? (ref.id !== undefined ? names[kind].get(`#${ref.id}`) : undefined);
    if (name !== undefined) row[key] = { ...ref, name };
  }
  return row;
}

/**
 * Outside scanSource on purpose: a closure made there would share its scope, and so keep each
 * SCI's name lookups alive for as long as the list is cached, after its reader has let them go.
 */
const scanListOptions: ListOptions<ScanRow> = {
  searchText: (r) => [r.name, r.description, r.id, r.sci?.name, r.organization?.name, ...namedRefs.map(([key]) => r[key]?.name)],
  sortValue,
};

/**
 * The scans' records with a digest that also covers the names their rows are given: a refresh
 * keeps the list only when neither the scans nor any SCI's names changed. Without a digest of
 * either side, the records have none, and every refresh reads the list anew.
 */
function namedRecords(records: RecordSource, names: ReadonlyMap<number, SciNamesSource>): RecordSource {
  const parts = [...names].map(([id, source]) => (source.digest === undefined ? undefined : `${id}:${source.digest}`));
  const recordsDigest = records.digest?.();
  if (recordsDigest === undefined || parts.includes(undefined)) return withDigest(records, undefined);
  return withDigest(records, () => createHash('sha256').update(recordsDigest).update(parts.join(',')).digest('base64'));
}

/**
 * Director's scan list carries only the uuids of policies, owners, repositories and zones. The
 * names come from the cached lookups of each SCI Director federates (a handful), so rows are
 * named as they are read and sort and search by name. The scans are read lazily, and the names
 * (an SCI's users above all) only once the refresh is known to change something.
 */
function scanSource(filters: { sciID: number | undefined; orgID: number | undefined }, opts: { refresh?: boolean } = {}): ListSource<ScanRow> {
  let sources = new Map<number, SciNamesSource>();
  let names = new Map<number, SciNames>();
  return {
    load: async () => {
      const records = await directorFetchRecords({ path: '/mgmt/scan', query: { fields: scanListFields.join(','), ...filters } });
      const sciIds = await sciIdsToName(filters.sciID);
      // Owners are kept longer than a list (lookups.ts); a refresh the reader asked for names them anew too.
      sources = new Map(await Promise.all(sciIds.map(async (id) => [id, await sciNamesSource(id, { fresh: opts.refresh })] as const)));
      return namedRecords(records, sources);
    },
    prepare: async () => {
      names = new Map(await Promise.all([...sources].map(async ([id, source]) => [id, await source.names()] as const)));
      sources = new Map();
    },
    read: (raw, log) => {
      const row = readScan(raw, log);
      const sciNamesOfRow = row?.sci ? names.get(row.sci.id) : undefined;
      return row && sciNamesOfRow ? withNames(row, sciNamesOfRow) : row;
    },
    options: scanListOptions,
  };
}

export async function listScans(query: ListScansQuery): Promise<ListResponse<ScanRow>> {
  const filters = { sciID: query.sciId, orgID: query.orgId };
  const key = `${listPrefix}sciID=${query.sciId ?? ''}&orgID=${query.orgId ?? ''}`;
  const { list, fetchedAt } = await directorListCache().get(key, scanSource(filters, { refresh: query.refresh }), { refresh: query.refresh });
  // Rows carry the columns asked for; without columns, what Director sends by default (its `**` fields).
  const columns = query.columns ?? defaultScanColumns;
  // A reference without a name is shown with the SCI it was looked for on, so its row carries the SCI.
  const keys = [...new Set<string>([...alwaysKeys, ...columns, ...(namedRefs.some(([key]) => columns.includes(key)) ? ['sci'] : [])])];
  const page = list.query(query, keys);
  const unreadable = list.unreadable;
  return { ...page, ...(unreadable ? { unreadable } : {}), ...freshness(fetchedAt) };
}

/** Every scan the table's filters and search match, named for a bulk action's confirmation. */
export function selectScans(query: ListScansQuery): Promise<Selection<ScanSelectionItem>> {
  return boundedSelection('scans', (first) => listScans({ ...query, ...first, columns: ['sci'] }), ['id', 'name', 'sci']);
}

function scanPath(idOrUuidValue: string): string {
  return `/mgmt/scan/${encodeURIComponent(idOrUuid.parse(idOrUuidValue))}`;
}

/** One scan with the names of its policy, repository, zone, owner and creator filled in. */
export async function getScan(idOrUuidValue: string): Promise<ScanDetail> {
  // Asked by name: `schedule` is not among Director's default fields.
  const { item, unreadable } = await directorFetch({ path: scanPath(idOrUuidValue), query: { fields: scanListFields.join(',') }, schema: scanRecordSchema });
  const row = await resolveNames(item);
  return unreadable ? { ...row, unreadable } : row;
}

async function resolveNames(row: ScanRow): Promise<ScanRow> {
  const sciId = row.sci?.id;
  if (sciId === undefined) return row;
  return withNames({ ...row }, await sciNames(sciId));
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
    noteScanTarget(item);
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

/** The scan's name and SCI, for the audit trail: "Deleted scan 'Weekly DMZ' (SCI East)". */
function noteScanTarget(scan: Pick<ScanRow, 'name' | 'sci'>): void {
  noteAuditTarget({
    ...(scan.name ? { name: scan.name } : {}),
    ...(scan.sci ? { sci: String(scan.sci.id), ...(scan.sci.name ? { sciName: scan.sci.name } : {}) } : {}),
  });
}

/**
 * Reads the scan's name and SCI first: once deleted it cannot be looked up, and the audit trail
 * names what went. A failed read does not stop the deletion; the trail then names the scan by id.
 */
export async function deleteScan(idOrUuidValue: string): Promise<void> {
  try {
    const { item } = await directorFetch({ path: scanPath(idOrUuidValue), query: { fields: 'name,SCI' }, schema: scanRecordSchema });
    noteScanTarget(item);
  } catch {
    // Named by id only; Director answers the deletion itself with its own refusal if the scan is gone.
  }
  try {
    await directorFetch({ method: 'DELETE', path: scanPath(idOrUuidValue), schema: z.unknown() });
  } finally {
    directorListCache().invalidate(listPrefix);
  }
}

/** Scans per SCI, counted from the cached list the unfiltered scans table shows. */
export async function countScansBySci(): Promise<DirectorCounts> {
  return countBySci(await directorListCache().get(`${listPrefix}sciID=&orgID=`, scanSource({ sciID: undefined, orgID: undefined })));
}
