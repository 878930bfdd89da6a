import type { SimHandler, SimRequest, SimResponse } from '../http';
import {
  TenableError,
  checkIdOrUuid,
  envelope,
  errorEnvelope,
  invalidApiKey,
  invalidMethod,
  isAuthorised,
  readInteger,
  str,
  unknownPath,
} from '../director/tenable';
import type { DirectorStore, UserRecord } from '../director/types';
import { ADMIN_ORG, assetsOf, findOrganization, groupRef, ldapsOf, orgGroups, sciRoles, usersOf, type SciContext } from './context';
import { routeSecurityManagers, securityManagerFieldDefs } from './security-managers';

export interface SciKeys {
  accessKey: string;
  secretKey: string;
}

/**
 * Each SCI holds its own API key pair, derived from Director's so that launch scripts and tests can
 * name them without more variables: `<director key>-sci<id>`. A key of one SCI opens no other.
 */
export function sciKeysFor(director: SciKeys, sciId: number): SciKeys {
  return { accessKey: `${director.accessKey}-sci${sciId}`, secretKey: `${director.secretKey}-sci${sciId}` };
}

export interface ScisOptions {
  store: DirectorStore;
  director: SciKeys;
  now: () => number;
}

export interface ScisSim {
  /** answers `/sci/{sciId}/rest/...`: each SCI is its own Tenable.sc under its own path prefix */
  handle: SimHandler;
  /** the base URL path of one SCI, e.g. `/sci/3` (its API is under `/sci/3/rest`) */
  prefixOf(sciId: number): string;
  keysFor(sciId: number): SciKeys;
}

const prefixPattern = /^\/sci\/(\d{1,9})(\/.*)?$/;

function dispatch(req: SimRequest, get: () => SimResponse): SimResponse {
  if (req.method !== 'GET') throw invalidMethod();
  return get();
}

const roleRef = (ctx: SciContext, id: number) => {
  const role = sciRoles(ctx.sci).find((r) => r.id === id);
  return { id: str(id), name: role?.name ?? '', description: role?.description ?? '' };
};

function userRecord(ctx: SciContext, user: UserRecord): Record<string, unknown> {
  const org = user.orgId === 0 ? undefined : ctx.store.organizations.byId.get(user.orgId);
  return {
    id: str(user.sciUserId),
    uuid: user.uuid,
    username: user.username,
    firstname: user.firstname,
    lastname: user.lastname,
    status: '0',
    role: roleRef(ctx, user.sciRoleId),
    group: user.orgId === 0 ? { id: '-1', name: '', description: '' } : groupRef(user.sciGroupId),
    organization: org ? { id: str(org.sciOrgId), name: org.name, description: org.description } : { ...ADMIN_ORG, id: str(ADMIN_ORG.id) },
  };
}

/** `?orgID=`: administrators (0, the default for an administrator's session) or one organization's users. */
function orgIdParam(ctx: SciContext, req: SimRequest): number {
  const raw = req.query.get('orgID');
  if (raw === null || raw === '') return 0;
  const sciOrgId = readInteger(raw, 'orgID', 0, Number.MAX_SAFE_INTEGER);
  if (sciOrgId !== 0) return findOrganization(ctx, String(sciOrgId)).id;
  return 0;
}

function route(ctx: SciContext, req: SimRequest, segments: string[]): SimResponse {
  const [first, second, third, fourth, ...rest] = segments;
  const one = segments.length === 1;
  if (first === 'role' && one)
    return dispatch(req, () =>
      envelope(
        sciRoles(ctx.sci).map((r) => ({ ...r, id: str(r.id) })),
        ctx.now(),
      ),
    );
  if (first === 'group' && one) {
    return dispatch(req, () => {
      orgIdParam(ctx, req);
      return envelope(
        orgGroups().map((g) => ({ ...g, id: str(g.id) })),
        ctx.now(),
      );
    });
  }
  if (first === 'ldap' && one) {
    return dispatch(req, () =>
      envelope(
        ldapsOf(ctx).map(({ localId, record }) => ({ id: str(localId), name: record.name, description: record.description })),
        ctx.now(),
      ),
    );
  }
  if (first === 'asset' && one) {
    // Tenable.sc answers object lists as the ones the caller may use and the ones it may manage.
    return dispatch(req, () => {
      const assets = assetsOf(ctx).map(({ localId, record }) => ({
        id: str(localId),
        uuid: record.uuid,
        name: record.name,
        description: record.description,
        type: record.type,
      }));
      return envelope({ usable: assets, manageable: assets }, ctx.now());
    });
  }
  if (first === 'user' && one) {
    return dispatch(req, () => {
      const orgId = orgIdParam(ctx, req);
      const users = usersOf(ctx)
        .filter((u) => u.orgId === orgId)
        .sort((a, b) => a.sciUserId - b.sciUserId);
      return envelope(
        users.map((u) => userRecord(ctx, u)),
        ctx.now(),
      );
    });
  }
  if (first === 'organization' && second !== undefined && third === 'securityManager' && rest.length === 0) {
    return routeSecurityManagers(
      ctx,
      securityManagerFieldDefs(ctx),
      req,
      checkIdOrUuid(second, 'orgID'),
      fourth === undefined ? undefined : checkIdOrUuid(fourth),
    );
  }
  throw unknownPath();
}

export function createScis(options: ScisOptions): ScisSim {
  const keysFor = (sciId: number) => sciKeysFor(options.director, sciId);
  const handle: SimHandler = (req) => {
    const match = prefixPattern.exec(req.path);
    if (!match) return undefined;
    const sci = options.store.scis.byId.get(Number(match[1]));
    // No such instance: nothing listens there, so the answer is not a Tenable.sc envelope.
    if (!sci) return { status: 404, body: { error: 'no such simulated SCI' } };
    const path = match[2] ?? '/';
    if (path !== '/rest' && !path.startsWith('/rest/')) return { status: 404, body: { error: 'no such simulator route' } };
    try {
      const keys = keysFor(sci.id);
      if (!isAuthorised(req, keys.accessKey, keys.secretKey)) throw invalidApiKey();
      let segments: string[];
      try {
        segments = path.slice('/rest'.length).split('/').filter(Boolean).map(decodeURIComponent);
      } catch {
        throw unknownPath();
      }
      return route({ store: options.store, sci, now: options.now }, req, segments);
    } catch (err) {
      if (err instanceof TenableError) return errorEnvelope(err, options.now());
      throw err;
    }
  };
  return { handle, prefixOf: (sciId) => `/sci/${sciId}`, keysFor };
}
