import 'server-only';
import { createHash } from 'node:crypto';
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
import { refreshMinAgeMs } from '../list-cache';
import type { RecordSource } from '../json-records';
import { listSchema, present, readListInTurns, type ReadList } from '../read-log';
import { directorRecord, vendorInt, vendorRef, vendorText } from './records';
import { directorFetch, directorFetchRecords } from './transport';
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

/**
 * An SCI's users with a uuid, administrators included: owners and creators are named from them.
 * The answer is kept unread with its digest, and read (in turns) once someone needs the users: a
 * scan list refreshed with neither its scans nor these users changed never reads them at all.
 */
interface SciUsers {
  /** equal digests: the same users (undefined: unknown, so never equal) */
  digest: string | undefined;
  read(): Promise<ReadList<Owner>>;
}

/**
 * `maxAgeMs`: the oldest answer this caller takes. Kept for the owners' period (every user of the
 * SCI, tens of MiB from Director at 100,000 users, is not fetched again with every scan list
 * refresh); the scan form takes none older than a list period, a refresh the reader asked for none
 * older than such a refresh honours (refreshMinAgeMs).
 */
function loadSciUsers(sciId: number, maxAgeMs?: number): Promise<SciUsers> {
  const { ownersTtlMs } = getEnv().director;
  return lookupCache().get(
    `${sciUsersPrefix}sciID=${sciId}`,
    async (): Promise<SciUsers> => {
      let records: RecordSource | undefined = await directorFetchRecords({
        path: '/mgmt/user',
        query: { sciID: sciId, fields: 'id,uuid,username,firstname,lastname,organization' },
      });
      const digest = records.digest?.();
      let read: Promise<ReadList<Owner>> | undefined;
      return {
        digest,
        read: () => {
          if (!read) {
            read = readListInTurns(records as RecordSource, readOwner, 'director /mgmt/user (owners)');
            // Once read, the answer's text goes; the users stay for as long as the cache keeps them.
            read.then(() => {
              records = undefined;
            });
          }
          return read;
        },
      };
    },
    { ttlMs: ownersTtlMs, ...(maxAgeMs !== undefined ? { maxAgeMs } : {}) },
  );
}

/** Names by upper-case uuid (and `#id` where Director gave no uuid) of what a scan refers to on one SCI. */
export interface SciNames {
  policy: ReadonlyMap<string, string>;
  repository: ReadonlyMap<string, string>;
  zone: ReadonlyMap<string, string>;
  user: ReadonlyMap<string, string>;
}

/** An SCI's names as its lookups answered them, read only when asked. */
export interface SciNamesSource {
  /** equal digests: the same names; undefined when that cannot be told */
  digest: string | undefined;
  names(): Promise<SciNames>;
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
 *
 * The digest covers every answer the names come from (an unavailable one too), so a scan list
 * can tell, before reading anything, whether a refresh would name its rows any differently.
 */
export async function sciNamesSource(sciId: number, opts: { fresh?: boolean } = {}): Promise<SciNamesSource> {
  const unavailable = (what: string) => (err: unknown) => {
    logger().warn({ event: 'names_unresolved', sciId, kind: what, error: errorMessage(err) }, `SCI ${sciId}: ${what} names unavailable`);
    return undefined;
  };
  const items = (r: ReadList<LookupRecord>) => r.items;
  const [policy, repository, zone, users] = await Promise.all([
    loadLookup('policies', sciId).then(items, unavailable('policy')),
    loadLookup('repositories', sciId).then(items, unavailable('repository')),
    loadLookup('zones', sciId).then(items, unavailable('zone')),
    loadSciUsers(sciId, opts.fresh ? refreshMinAgeMs : undefined).catch(unavailable('user')),
  ]);
  const isKnown = users === undefined || users.digest !== undefined;
  const digest = isKnown
    ? createHash('sha256')
        .update(JSON.stringify([policy, repository, zone]))
        .update(users?.digest ?? 'unavailable')
        .digest('base64')
    : undefined;
  return {
    digest,
    names: async () => ({
      policy: policy ? nameMap(policy) : noNames,
      repository: repository ? nameMap(repository) : noNames,
      zone: zone ? nameMap(zone) : noNames,
      user: users ? nameMap((await users.read()).items.map((o) => ({ id: o.id, uuid: o.uuid, name: ownerName(o) }))) : noNames,
    }),
  };
}

/** The names of what scans on one SCI refer to (see sciNamesSource). */
export async function sciNames(sciId: number): Promise<SciNames> {
  return (await sciNamesSource(sciId)).names();
}

/**
 * Director's SCIs by id, for a scan list to look names up on: every one, or the one the list is
 * filtered to (an SCI Director does not know has no names to look up). Without Director's SCI
 * list the scans are still shown, their references unnamed.
 */
export async function sciIdsToName(only: number | undefined): Promise<number[]> {
  try {
    const ids = (await loadScis()).items.map((sci) => sci.id);
    return only === undefined ? ids : ids.filter((id) => id === only);
  } catch (err) {
    logger().warn({ event: 'names_unresolved', kind: 'sci', error: errorMessage(err) }, 'SCI list unavailable: scan references stay unnamed');
    return [];
  }
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
  const read = await (await loadSciUsers(sciId, getEnv().director.cacheTtlMs)).read();
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
