import 'server-only';
import { z } from 'zod';
import {
  lookupItemSchema,
  orgOptionSchema,
  ownerSchema,
  sciSchema,
  type LookupItem,
  type LookupKind,
  type LookupList,
  type OrgOption,
  type Owner,
  type Sci,
} from '@/lib/schemas/lookup';
import type { SciState } from '@/lib/schemas/overview';
import { administratorsOrgId } from '@/lib/schemas/user';
import { createTtlCache } from '../cache';
import { withSharedInvalidation } from '../cache-bus';
import { getEnv } from '../env';
import { AppError } from '../errors';
import { errorMessage, logger } from '../log';
import { releaseHeapAfterLoad } from '../heap';
import { listSchema, present, type ReadList } from '../read-log';
import { directorRecord, vendorInt, vendorRef, vendorText } from './records';
import { directorFetch } from './transport';
import { processSingleton } from '../process-singletons';

const sciUsersPrefix = '/mgmt/user?';

function lookupCache() {
  return processSingleton('cache.directorLookups', () =>
    withSharedInvalidation(
      'director-lookups',
      createTtlCache({
        ttlMs: getEnv().director.cacheTtlMs,
        name: 'director-lookups',
        // An SCI's users (every owner a scan list names: ~25 MiB at 100,000 users) would stay
        // resident as garbage on a server that idles after they expire (deferred: a sweep may run in a request).
        onExpired: (keys) => {
          if (keys.some((key) => key.startsWith(sciUsersPrefix))) releaseHeapAfterLoad(200);
        },
      }),
    ),
  );
}

const count = vendorInt.pipe(z.number().int().nonnegative());
const readSci = directorRecord(
  'SCI',
  {
    name: vendorText,
    description: vendorText,
    status: vendorText,
    version: vendorText,
    lastSyncTime: vendorInt.pipe(z.number().int().nonnegative()),
    workingScanners: count,
    totalScanners: count,
  },
  (id, v): SciRecord => ({
    ...sciSchema.parse(present({ id, name: v.name ?? `SCI ${id}`, description: v.description ?? '', status: v.status, version: v.version })),
    ...present({
      // Director's default for an SCI that never synced is 0.
      lastSyncAt: v.lastSyncTime ? v.lastSyncTime * 1000 : undefined,
      workingScanners: v.workingScanners,
      totalScanners: v.totalScanners,
    }),
  }),
);

/** What ScanDeck reads of an SCI: the scan form's fields, and the overview's sync and scanner state. */
type SciRecord = Sci & Pick<SciState, 'lastSyncAt' | 'workingScanners' | 'totalScanners'>;

/**
 * `version` and `lastSyncTime` are neither "always" nor "default" fields on Tenable's page, so
 * they are asked for by name; one cached list serves the scan form and the overview.
 */
const sciFields = 'id,name,description,status,version,lastSyncTime,workingScanners,totalScanners';

/** Policies, repositories, zones and assets; `SCI` (or `sci`) says where the item lives. */
type LookupRecord = LookupItem & { sciId?: number };
const lookupFields = { uuid: z.string().min(1), name: vendorText, description: vendorText, SCI: vendorRef, sci: vendorRef };
const readLookupItem = (kind: string) =>
  directorRecord(kind, lookupFields, (id, v): LookupRecord => {
    const item = lookupItemSchema.parse(present({ id, uuid: v.uuid, name: v.name ?? `#${id}`, description: v.description ?? '' }));
    const sciId = (v.SCI ?? v.sci)?.id;
    return sciId === undefined ? item : { ...item, sciId };
  });

const readOwner = directorRecord(
  'user',
  { uuid: z.string().min(1), username: vendorText, firstname: vendorText, lastname: vendorText, organization: vendorRef },
  (id, v): Owner | undefined => {
    // A user without a uuid cannot be sent as userUUID: not an owner ScanDeck can offer.
    if (v.uuid === undefined) return undefined;
    return ownerSchema.parse({
      id,
      uuid: v.uuid,
      username: v.username ?? `user ${id}`,
      firstname: v.firstname ?? '',
      lastname: v.lastname ?? '',
      ...(v.organization ? { organization: { id: v.organization.id, name: v.organization.name } } : {}),
    });
  },
);

const readOrgOption = directorRecord(
  'organization',
  { name: vendorText, SCI: vendorRef },
  (id, v): OrgOption => orgOptionSchema.parse({ id, name: v.name ?? `Organization ${id}`, ...(v.SCI ? { sciId: v.SCI.id } : {}) }),
);

const byName = <T extends { name: string }>(items: T[]) => [...items].sort((a, b) => a.name.localeCompare(b.name));

function answer<T>(read: ReadList<T>, items: T[]): LookupList<T> {
  return read.unreadable ? { items, unreadable: read.unreadable } : { items };
}

function loadScis(): Promise<ReadList<SciRecord>> {
  return lookupCache().get(`/sci?fields=${sciFields}`, () =>
    directorFetch({ path: '/sci', query: { fields: sciFields }, schema: listSchema(readSci, 'director /sci') }),
  );
}

export async function listScis(): Promise<LookupList<Sci>> {
  const read = await loadScis();
  return answer(
    read,
    byName(read.items).map(({ lastSyncAt: _sync, workingScanners: _working, totalScanners: _total, ...sci }) => sci),
  );
}

/** The SCIs with their status, version, last sync and scanners, for the overview. */
export async function listSciStates(): Promise<LookupList<SciState>> {
  const read = await loadScis();
  return answer(
    read,
    byName(read.items).map(({ description: _description, ...sci }) => sci),
  );
}

/**
 * Policies, repositories and assets take `sciID`. Director's Scan Zone takes no `sciID` and has
 * no `uuid`: the whole zone list is kept once and filtered by each zone's SCI here.
 */
async function loadLookup(kind: LookupKind, sciId: number): Promise<ReadList<LookupRecord>> {
  const path = `/mgmt/${{ policies: 'policy', repositories: 'repository', zones: 'zone', assets: 'asset' }[kind]}`;
  const schema = listSchema(readLookupItem(kind.replace(/ies$/, 'y').replace(/s$/, '')), `director ${path}`);
  if (kind === 'zones') {
    const all = await lookupCache().get(path, () => directorFetch({ path, schema }));
    return { ...all, items: all.items.filter((z) => z.sciId === sciId) };
  }
  return lookupCache().get(`${path}?sciID=${sciId}`, () => directorFetch({ path, query: { sciID: sciId }, schema }));
}

/** Director refused the request itself (an envelope with a non-zero error_code, or 404), not a fault on the way. */
function isRefusal(err: unknown): err is AppError {
  return err instanceof AppError && err.upstream?.vendor === 'director' && (err.upstream.code !== undefined || err.status === 404);
}

export async function listLookup(kind: LookupKind, sciId: number): Promise<LookupList<LookupItem>> {
  try {
    const read = await loadLookup(kind, sciId);
    const items = byName(read.items).map(({ sciId: _sci, ...item }) => item);
    return answer(read, items);
  } catch (err) {
    // `/mgmt/asset` has no public Director page: where Director refuses it, the form goes on without assets.
    if (kind === 'assets' && isRefusal(err)) {
      const code = err.upstream?.code;
      return { items: [], unavailable: { ...(code !== undefined ? { code } : {}), message: err.upstream?.message || err.message } };
    }
    throw err;
  }
}

/** Security manager changes add or remove possible owners. */
export function invalidateOwnerLookups(): void {
  lookupCache().invalidate(sciUsersPrefix);
}

/** The SCI's users with a uuid, administrators included: owners and creators are named from them. */
function loadSciUsers(sciId: number): Promise<ReadList<Owner>> {
  return lookupCache().get(`${sciUsersPrefix}sciID=${sciId}`, () =>
    directorFetch({
      path: '/mgmt/user',
      query: { sciID: sciId, fields: 'id,uuid,username,firstname,lastname,organization' },
      schema: listSchema(readOwner, 'director /mgmt/user (owners)'),
    }),
  );
}

/** Names by upper-case uuid (and `#id` where Director gave no uuid) of what a scan refers to on one SCI. */
export interface SciNames {
  policy: ReadonlyMap<string, string>;
  repository: ReadonlyMap<string, string>;
  zone: ReadonlyMap<string, string>;
  user: ReadonlyMap<string, string>;
}

function nameMap(items: ReadonlyArray<{ id: number; uuid?: string | undefined; name: string }>): Map<string, string> {
  const map = new Map<string, string>();
  for (const item of items) {
    if (item.uuid) map.set(item.uuid.toUpperCase(), item.name);
    map.set(`#${item.id}`, item.name);
  }
  return map;
}

const noNames: ReadonlyMap<string, string> = new Map();

/**
 * The per-SCI lookups a scan's references are named from, each from the lookup cache (one
 * Director call per SCI and kind per cache period, whoever asks). Names are a convenience: a
 * lookup Director refuses or cannot answer leaves its kind unnamed, never the scans unshown.
 */
export async function sciNames(sciId: number): Promise<SciNames> {
  const settle = <T extends { id: number; uuid?: string | undefined; name: string }>(what: string, load: Promise<T[]>) =>
    load.then(nameMap, (err: unknown) => {
      logger().warn({ event: 'names_unresolved', sciId, kind: what, error: errorMessage(err) }, `SCI ${sciId}: ${what} names unavailable`);
      return noNames;
    });
  const [policy, repository, zone, user] = await Promise.all([
    settle(
      'policy',
      loadLookup('policies', sciId).then((r) => r.items),
    ),
    settle(
      'repository',
      loadLookup('repositories', sciId).then((r) => r.items),
    ),
    settle(
      'zone',
      loadLookup('zones', sciId).then((r) => r.items),
    ),
    settle(
      'user',
      loadSciUsers(sciId).then((r) => r.items.map((o) => ({ id: o.id, uuid: o.uuid, name: ownerName(o) }))),
    ),
  ]);
  return { policy, repository, zone, user };
}

/** "Ada Lovelace (ada)", or the username alone. */
export function ownerName(owner: Pick<Owner, 'firstname' | 'lastname' | 'username'>): string {
  const person = `${owner.firstname} ${owner.lastname}`.trim();
  return person ? `${person} (${owner.username})` : owner.username;
}

/**
 * Possible scan owners: organizational users of the SCI. Administrators (organization 0) own no
 * scans on Tenable.sc, which refuses them, so they are not offered.
 */
export async function listOwners(sciId: number): Promise<LookupList<Owner>> {
  const read = await loadSciUsers(sciId);
  const owners = read.items.filter((o) => o.organization !== undefined && o.organization.id !== administratorsOrgId);
  return answer(
    read,
    [...owners].sort((a, b) => a.username.localeCompare(b.username)),
  );
}

/** Director's organization list has no SCI filter, so the whole list is kept and filtered here. */
export async function listOrgOptions(sciId?: number): Promise<LookupList<OrgOption>> {
  const read = await lookupCache().get('/mgmt/organization?fields=name,sci', () =>
    directorFetch({ path: '/mgmt/organization', query: { fields: 'name,sci' }, schema: listSchema(readOrgOption, 'director /mgmt/organization (options)') }),
  );
  const items = byName(read.items);
  return answer(read, sciId === undefined ? items : items.filter((o) => o.sciId === sciId));
}
