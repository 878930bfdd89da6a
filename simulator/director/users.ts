import type { SimRequest, SimResponse } from '../http';
import { orgRef, sciRef, type DirectorContext } from './refs';
import { bodyObject, chooseFields, envelope, notFound, project, readFilter, str, type FieldDef } from './tenable';
import type { DirectorStore, UserRecord } from './types';

export function userFieldDefs(store: DirectorStore): FieldDef<UserRecord>[] {
  const always = (name: string, get: (u: UserRecord) => unknown): FieldDef<UserRecord> => ({
    name,
    list: 'always',
    detail: 'always',
    get,
  });
  const named = (name: string, get: (u: UserRecord) => unknown): FieldDef<UserRecord> => ({
    name,
    list: 'default',
    detail: 'default',
    get,
  });
  const contact = (name: string, get: (u: UserRecord) => unknown): FieldDef<UserRecord> => ({
    name,
    list: 'request',
    detail: 'default',
    get,
  });
  return [
    always('id', (u) => str(u.id)),
    always('uuid', (u) => u.uuid),
    always('sciUserID', (u) => str(u.sciUserId)),
    always('sciRoleID', (u) => str(u.sciRoleId)),
    always('sciGroupID', (u) => str(u.sciGroupId)),
    named('username', (u) => u.username),
    named('firstname', (u) => u.firstname),
    named('lastname', (u) => u.lastname),
    contact('title', (u) => u.title),
    contact('email', (u) => u.email),
    contact('address', (u) => u.address),
    contact('city', (u) => u.city),
    contact('state', (u) => u.state),
    contact('country', (u) => u.country),
    contact('phone', (u) => u.phone),
    contact('fax', (u) => u.fax),
    always('SCI', (u) => sciRef(store, u.sciId)),
    always('organization', (u) => orgRef(store, u.orgId)),
  ];
}

export function listUsers(ctx: DirectorContext, defs: FieldDef<UserRecord>[], req: SimRequest): SimResponse {
  const body = bodyObject(req);
  const sciId = readFilter(req, body, 'sciID');
  const orgId = readFilter(req, body, 'orgID');
  const fields = chooseFields(defs, req.query.get('fields'), 'list');
  const { store } = ctx;
  // An organization filter walks only that organization's members.
  const source: Iterable<UserRecord> =
    orgId === undefined
      ? store.users.values()
      : Array.from(store.usersByOrg.get(orgId) ?? [], (id) => store.users.byId.get(id)).filter((u): u is UserRecord => u !== undefined);
  const out: Record<string, unknown>[] = [];
  for (const user of source) {
    if (sciId !== undefined && user.sciId !== sciId) continue;
    out.push(project(fields, user));
  }
  if (orgId !== undefined) out.sort((a, b) => Number(a.id) - Number(b.id));
  return envelope(out, ctx.now());
}

export function getUser(ctx: DirectorContext, defs: FieldDef<UserRecord>[], req: SimRequest, idOrUuid: string): SimResponse {
  const user = ctx.store.users.find(idOrUuid);
  if (!user) throw notFound('User', idOrUuid);
  return envelope(project(chooseFields(defs, req.query.get('fields'), 'detail'), user), ctx.now());
}
