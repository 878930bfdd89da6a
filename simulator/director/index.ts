import type { SimHandler, SimRequest, SimResponse } from '../http';
import { listLookup, listScis, listZones } from './lookups';
import { getOrganization, listOrganizations, organizationFieldDefs } from './organizations';
import type { DirectorContext } from './refs';
import { createScan, deleteScan, getScan, listScans, scanFieldDefs } from './scans';
import { seedDirector, type DirectorSize } from './seed';
import {
  TenableError,
  checkIdOrUuid,
  errorEnvelope,
  invalidApiKey,
  invalidMethod,
  unknownPath,
  isAuthorised,
} from './tenable';
import type { DirectorStore } from './types';
import { getUser, listUsers, userFieldDefs } from './users';

export type { DirectorStore, OrgRecord, ScanRecord, SciRecord, UserRecord } from './types';
export type { DirectorSize } from './seed';

export interface DirectorOptions {
  accessKey: string;
  secretKey: string;
  seed: number;
  size: DirectorSize;
  /** epoch ms */
  now: () => number;
}

export interface DirectorCounts {
  scis: number;
  organizations: number;
  users: number;
  securityManagers: number;
  scans: number;
  policies: number;
  repositories: number;
  zones: number;
  assets: number;
}

export interface DirectorSim {
  handle: SimHandler;
  /** the live records (tests and the demo read them; requests change them) */
  store: DirectorStore;
  counts(): DirectorCounts;
  /** how long seeding took, in ms */
  seedMs: number;
}

type Methods = Partial<Record<string, () => SimResponse>>;

function dispatch(req: SimRequest, methods: Methods): SimResponse {
  const run = methods[req.method];
  if (!run) throw invalidMethod();
  return run();
}

export function createDirector(options: DirectorOptions): DirectorSim {
  const started = performance.now();
  const store = seedDirector(options.seed, options.size, Math.floor(options.now() / 1000));
  const seedMs = performance.now() - started;
  const ctx: DirectorContext = { store, now: options.now };
  const scanFields = scanFieldDefs(store);
  const orgFields = organizationFieldDefs(store);
  const userFields = userFieldDefs(store);

  const route = (req: SimRequest, segments: string[]): SimResponse => {
    const [first, second, third, fourth] = segments;
    if (first === 'sci' && segments.length === 1) return dispatch(req, { GET: () => listScis(ctx) });
    if (first === 'mgmt' && second !== undefined && fourth === undefined) {
      const id = third === undefined ? undefined : checkIdOrUuid(third);
      switch (second) {
        case 'scan':
          return id === undefined
            ? dispatch(req, { GET: () => listScans(ctx, scanFields, req), POST: () => createScan(ctx, scanFields, req) })
            : dispatch(req, { GET: () => getScan(ctx, scanFields, req, id), DELETE: () => deleteScan(ctx, id) });
        case 'organization':
          return id === undefined
            ? dispatch(req, { GET: () => listOrganizations(ctx, orgFields, req) })
            : dispatch(req, { GET: () => getOrganization(ctx, orgFields, req, id) });
        case 'user':
          return id === undefined
            ? dispatch(req, { GET: () => listUsers(ctx, userFields, req) })
            : dispatch(req, { GET: () => getUser(ctx, userFields, req, id) });
        case 'policy':
          if (id === undefined) return dispatch(req, { GET: () => listLookup(ctx, store.policies, req) });
          break;
        case 'repository':
          if (id === undefined) {
            return dispatch(req, {
              GET: () => listLookup(ctx, store.repositories, req, (r) => ({ type: r.type, dataFormat: r.dataFormat })),
            });
          }
          break;
        case 'zone':
          if (id === undefined) return dispatch(req, { GET: () => listZones(ctx) });
          break;
        case 'asset':
          if (id === undefined) return dispatch(req, { GET: () => listLookup(ctx, store.assets, req, (a) => ({ type: a.type })) });
          break;
      }
    }
    // Security managers live on each SCI (simulator/sci), not on Director.
    throw unknownPath();
  };

  const handle: SimHandler = (req) => {
    if (req.path !== '/rest' && !req.path.startsWith('/rest/')) return undefined;
    try {
      if (!isAuthorised(req, options.accessKey, options.secretKey)) throw invalidApiKey();
      let segments: string[];
      try {
        segments = req.path.slice('/rest'.length).split('/').filter(Boolean).map(decodeURIComponent);
      } catch {
        throw unknownPath();
      }
      return route(req, segments);
    } catch (err) {
      if (err instanceof TenableError) return errorEnvelope(err, options.now());
      throw err;
    }
  };

  return {
    handle,
    store,
    seedMs,
    counts: () => {
      let securityManagers = 0;
      for (const user of store.users.values()) if (user.securityManager) securityManagers++;
      return {
        scis: store.scis.size,
        organizations: store.organizations.size,
        users: store.users.size,
        securityManagers,
        scans: store.scans.size,
        policies: store.policies.size,
        repositories: store.repositories.size,
        zones: store.zones.size,
        assets: store.assets.size,
      };
    },
  };
}
