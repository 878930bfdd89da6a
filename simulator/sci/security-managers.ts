import { randomUUID } from 'node:crypto';
import type { SimRequest, SimResponse } from '../http';
import { hashPassword } from '../director/passwords';
import { addUser, removeUser, takeSciUserId } from '../director/seed';
import {
  bodyObject,
  chooseFields,
  envelope,
  invalidMethod,
  invalidParameter,
  notFound,
  project,
  readBoolean,
  readEnum,
  readInteger,
  readString,
  str,
  UUID_PATTERN,
  type FieldDef,
} from '../director/tenable';
import type { AuthType, EmailNotice, OrgRecord, Preference, SecurityManagerDetails, UserRecord } from '../director/types';
import {
  ADMIN_ORG,
  ALL_GROUPS,
  assetsOf,
  findOrganization,
  findUser,
  groupRef,
  ldapsOf,
  localIdOf,
  nowSeconds,
  orgGroups,
  SECURITY_MANAGER_ROLE_ID,
  sciRoles,
  smLinkedRoleId,
  type SciContext,
} from './context';

/** Tenable.sc's default PasswordMinLength. */
export const PASSWORD_MIN_LENGTH = 8;

const AUTH_TYPES: readonly AuthType[] = ['ldap', 'legacy', 'saml', 'tns', 'linked', 'linked_non_admin'];
const EMAIL_NOTICES: readonly EmailNotice[] = ['', 'both', 'id', 'none', 'password'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LINKED_REFUSED = ['roleID', 'groupID', 'authType', 'parent', 'password', 'mustChangePassword', 'passwordExpires', 'passwordExpirationOverride'] as const;

const emptyRef = { id: '-1', name: '', description: '' };

type Manager = UserRecord & { securityManager: SecurityManagerDetails };

/** The document's fields, answered in the SCI's own ids (user, asset, LDAP server, parent, role, groups). */
export function securityManagerFieldDefs(ctx: SciContext): FieldDef<Manager>[] {
  const { store } = ctx;
  const f = (name: string, list: 'always' | 'default' | 'request', get: (m: Manager) => unknown): FieldDef<Manager> => ({
    name,
    list,
    detail: list === 'always' ? 'always' : 'default',
    get,
  });
  const sm = (m: Manager) => m.securityManager;
  const role = (id: number) => {
    const found = sciRoles(ctx.sci).find((r) => r.id === id);
    return { id: str(id), name: found?.name ?? '', description: found?.description ?? '' };
  };
  return [
    f('id', 'always', (m) => str(m.sciUserId)),
    f('status', 'default', (m) => str(sm(m).status)),
    f('username', 'request', (m) => m.username),
    f('ldapUsername', 'request', (m) => sm(m).ldapUsername),
    f('firstname', 'default', (m) => m.firstname),
    f('lastname', 'default', (m) => m.lastname),
    f('title', 'request', (m) => m.title),
    f('email', 'request', (m) => m.email),
    f('address', 'request', (m) => m.address),
    f('city', 'request', (m) => m.city),
    f('state', 'request', (m) => m.state),
    f('country', 'request', (m) => m.country),
    f('phone', 'request', (m) => m.phone),
    f('fax', 'request', (m) => m.fax),
    f('createdTime', 'request', (m) => str(m.createdTime)),
    f('modifiedTime', 'request', (m) => str(m.modifiedTime)),
    f('lastLogin', 'request', (m) => str(sm(m).lastLogin)),
    f('lastLoginIP', 'request', (m) => sm(m).lastLoginIP),
    f('mustChangePassword', 'request', (m) => str(sm(m).mustChangePassword)),
    f('passwordExpires', 'request', (m) => str(sm(m).passwordExpires)),
    f('passwordExpiration', 'request', (m) => str(sm(m).passwordExpiration)),
    f('passwordExpirationOverride', 'request', (m) => str(sm(m).passwordExpirationOverride)),
    f('passwordSetDate', 'request', (m) => str(sm(m).passwordSetDate)),
    f('locked', 'request', (m) => str(sm(m).locked)),
    f('failedLogins', 'request', (m) => str(sm(m).failedLogins)),
    f('authType', 'request', (m) => sm(m).authType),
    f('fingerprint', 'request', (m) => sm(m).fingerprint),
    // Only whether one is set: the hash itself never leaves the store.
    f('password', 'request', (m) => (sm(m).passwordHash ? 'SET' : '')),
    f('description', 'request', (m) => sm(m).description),
    f('managedUsersGroups', 'request', (m) => sm(m).managedUsersGroupIds.map(groupRef)),
    f('managedObjectsGroups', 'request', (m) => sm(m).managedObjectsGroupIds.map(groupRef)),
    f('preferences', 'request', (m) => sm(m).preferences.map((p) => ({ name: p.name, value: p.value, tag: p.tag }))),
    // The document's examples answer these two as JSON booleans, unlike every other flag.
    f('canUse', 'request', () => true),
    f('canManage', 'request', () => true),
    f('role', 'request', (m) => role(sm(m).roleId)),
    f('responsibleAsset', 'request', (m) => {
      const assets = assetsOf(ctx);
      const asset = sm(m).responsibleAssetId === null ? undefined : store.assets.byId.get(sm(m).responsibleAssetId ?? -1);
      const localId = localIdOf(assets, asset);
      return asset && localId !== undefined
        ? { id: str(localId), name: asset.name, description: asset.description, uuid: asset.uuid }
        : { ...emptyRef, uuid: '' };
    }),
    f('group', 'request', (m) => groupRef(sm(m).groupId)),
    f('ldap', 'request', (m) => {
      const ldap = sm(m).ldapId === null ? undefined : store.ldaps.byId.get(sm(m).ldapId ?? -1);
      const localId = localIdOf(ldapsOf(ctx), ldap);
      return ldap && localId !== undefined ? { id: str(localId), name: ldap.name, description: ldap.description } : { ...emptyRef };
    }),
    f('parent', 'request', (m) => {
      const parent = sm(m).parentUserId === null ? undefined : store.users.byId.get(sm(m).parentUserId ?? -1);
      if (!parent) {
        return { user: { id: '-1', username: '', firstname: '', lastname: '', uuid: '' }, organization: { ...emptyRef } };
      }
      return {
        user: { id: str(parent.sciUserId), username: parent.username, firstname: parent.firstname, lastname: parent.lastname, uuid: parent.uuid },
        organization: { ...ADMIN_ORG, id: str(ADMIN_ORG.id) },
      };
    }),
    f('linkedUserRole', 'request', (m) =>
      sm(m).authType === 'linked' || sm(m).authType === 'linked_non_admin' ? role(smLinkedRoleId(ctx.sci)) : { ...emptyRef },
    ),
    f('uuid', 'always', (m) => m.uuid),
  ];
}

function isManager(user: UserRecord | undefined): user is Manager {
  return user?.securityManager !== undefined;
}

function managersOf(ctx: SciContext, org: OrgRecord): Manager[] {
  const out: Manager[] = [];
  for (const id of ctx.store.usersByOrg.get(org.id) ?? []) {
    const user = ctx.store.users.byId.get(id);
    if (isManager(user)) out.push(user);
  }
  return out.sort((a, b) => a.sciUserId - b.sciUserId);
}

function findManager(ctx: SciContext, org: OrgRecord, idOrUuid: string): Manager {
  const user = findUser(ctx, idOrUuid);
  if (!isManager(user) || user.orgId !== org.id) throw notFound('Security Manager', idOrUuid);
  return user;
}

interface Draft {
  user: Pick<UserRecord, 'username' | 'firstname' | 'lastname' | 'title' | 'email' | 'address' | 'city' | 'state' | 'country' | 'phone' | 'fax'>;
  sm: SecurityManagerDetails;
  /** a new clear password to hash, when one was given */
  password?: string;
}

function readObjectId(value: unknown, name: string): number {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidParameter(name, 'must be an object with an "id"');
  const id = (value as Record<string, unknown>).id;
  if (id === undefined) throw invalidParameter(`${name}.id`, 'is required');
  return readInteger(id, `${name}.id`, -1, Number.MAX_SAFE_INTEGER);
}

function readGroups(value: unknown, name: string): number[] {
  if (!Array.isArray(value)) throw invalidParameter(name, 'must be a list of { "id": <number> }');
  return value.map((item: unknown) => {
    const id = readObjectId(item, name);
    if (id !== ALL_GROUPS.id && !orgGroups().some((g) => g.id === id)) throw invalidParameter(name, `group #${id} not found`);
    return id;
  });
}

function readPreferences(value: unknown): Preference[] {
  if (!Array.isArray(value)) throw invalidParameter('preferences', 'must be a list of { "name", "tag", "value" }');
  return value.map((item: unknown) => {
    if (item === null || typeof item !== 'object') throw invalidParameter('preferences', 'must be a list of { "name", "tag", "value" }');
    const p = item as Record<string, unknown>;
    const name = p.name === undefined ? '' : readString(p.name, 'preferences.name');
    if (name === '') throw invalidParameter('preferences.name', 'is required');
    if (p.value === undefined) throw invalidParameter('preferences.value', 'is required');
    return { name, tag: p.tag === undefined ? '' : readString(p.tag, 'preferences.tag'), value: readString(p.value, 'preferences.value') };
  });
}

/**
 * Applies a POST or PATCH body onto a draft, then checks the rules that tie fields together on
 * the result, so a PATCH is held to the same rules as a POST.
 */
function applyBody(ctx: SciContext, org: OrgRecord, body: Record<string, unknown>, draft: Draft, self?: Manager): Draft {
  const { store } = ctx;
  const has = (key: string) => body[key] !== undefined;
  const text = (key: keyof Draft['user']) => {
    if (has(key)) draft.user[key] = readString(body[key], key);
  };
  (['username', 'firstname', 'lastname', 'title', 'email', 'address', 'city', 'state', 'country', 'phone', 'fax'] as const).forEach(text);
  draft.user.username = draft.user.username.trim();
  const sm = draft.sm;

  if (has('roleID')) sm.roleId = readInteger(body.roleID, 'roleID', 1, Number.MAX_SAFE_INTEGER);
  if (has('groupID')) {
    const groupId = readInteger(body.groupID, 'groupID', -1, Number.MAX_SAFE_INTEGER);
    if (groupId !== 0) throw invalidParameter('groupID', 'security managers belong to the Full Access group (0)');
    sm.groupId = groupId;
  }
  const previousAuth = sm.authType;
  if (has('authType')) sm.authType = readEnum(body.authType, 'authType', AUTH_TYPES);
  if (has('locked')) sm.locked = readBoolean(body.locked, 'locked');
  if (has('mustChangePassword')) sm.mustChangePassword = readBoolean(body.mustChangePassword, 'mustChangePassword');
  if (has('passwordExpires')) sm.passwordExpires = readBoolean(body.passwordExpires, 'passwordExpires');
  if (has('passwordExpirationOverride')) {
    sm.passwordExpirationOverride = readBoolean(body.passwordExpirationOverride, 'passwordExpirationOverride');
  }
  if (has('passwordExpiration')) sm.passwordExpiration = readInteger(body.passwordExpiration, 'passwordExpiration', 1, 365);
  if (has('fingerprint')) sm.fingerprint = body.fingerprint === null ? null : readString(body.fingerprint, 'fingerprint');
  if (has('description')) sm.description = readString(body.description, 'description');
  if (has('emailNotice')) sm.emailNotice = readEnum(body.emailNotice, 'emailNotice', EMAIL_NOTICES);
  if (has('preferences')) sm.preferences = readPreferences(body.preferences);
  if (has('managedUsersGroups')) sm.managedUsersGroupIds = readGroups(body.managedUsersGroups, 'managedUsersGroups');
  if (has('managedObjectsGroups')) sm.managedObjectsGroupIds = readGroups(body.managedObjectsGroups, 'managedObjectsGroups');

  if (has('responsibleAssetID') || has('responsibleAssetUUID')) {
    const name = has('responsibleAssetID') ? 'responsibleAssetID' : 'responsibleAssetUUID';
    const asset = has('responsibleAssetID')
      ? (() => {
          const id = readInteger(body.responsibleAssetID, name, -1, Number.MAX_SAFE_INTEGER);
          return id === -1 ? null : assetsOf(ctx).find((a) => a.localId === id)?.record;
        })()
      : (() => {
          const uuid = readString(body.responsibleAssetUUID, name).trim();
          if (!UUID_PATTERN.test(uuid)) throw invalidParameter(name, 'must be a UUID');
          return store.assets.byUuid.get(uuid.toUpperCase());
        })();
    if (asset === undefined) throw invalidParameter(name, 'asset not found');
    if (asset !== null && asset.sciId !== org.sciId) throw invalidParameter(name, "asset is not on the organization's SCI");
    sm.responsibleAssetId = asset === null ? null : asset.id;
  }

  if (has('password')) {
    const password = readString(body.password, 'password');
    draft.password = password;
  }

  // Cross-field rules on the result.
  if (draft.user.username === '') throw invalidParameter('username', 'is required');
  if (!/^[A-Za-z0-9._@-]{1,128}$/.test(draft.user.username)) {
    throw invalidParameter('username', 'may only hold letters, digits, ".", "_", "@" and "-"');
  }
  for (const other of store.users.values()) {
    if (other.sciId === org.sciId && other.id !== self?.id && other.username.toLowerCase() === draft.user.username.toLowerCase()) {
      throw invalidParameter('username', 'is already in use on this SCI');
    }
  }

  const isLinked = sm.authType === 'linked' || sm.authType === 'linked_non_admin';
  const expectedRole = sm.authType === 'linked_non_admin' ? smLinkedRoleId(ctx.sci) : SECURITY_MANAGER_ROLE_ID;
  if (sm.roleId !== expectedRole) {
    throw invalidParameter(
      'roleID',
      sm.authType === 'linked_non_admin'
        ? `must be the SM-Linked role (${expectedRole}) for a linked_non_admin user`
        : `must be the Security Manager role (${expectedRole})`,
    );
  }

  if (draft.user.email !== '' && !EMAIL.test(draft.user.email)) throw invalidParameter('email', 'is not a valid e-mail address');
  if (sm.emailNotice !== '' && sm.emailNotice !== 'none' && draft.user.email === '') {
    throw invalidParameter('email', `is required when emailNotice is "${sm.emailNotice}"`);
  }

  if (sm.authType === 'ldap') {
    if (has('ldap')) {
      const ldapId = readObjectId(body.ldap, 'ldap');
      const ldap = ldapsOf(ctx).find((l) => l.localId === ldapId)?.record;
      if (!ldap) throw invalidParameter('ldap.id', `LDAP server #${ldapId} not found`);
      sm.ldapId = ldap.id;
    }
    if (sm.ldapId === null) throw invalidParameter('ldap.id', 'is required for authType "ldap"');
    sm.ldapUsername = draft.user.username;
  } else {
    sm.ldapId = null;
    sm.ldapUsername = '';
  }

  if (sm.authType === 'ldap' || sm.authType === 'saml') {
    if (sm.mustChangePassword) throw invalidParameter('mustChangePassword', `must be "false" for authType "${sm.authType}"`);
  }

  if (isLinked) {
    if (has('parent')) {
      const parentId = readObjectId(body.parent, 'parent');
      if (parentId === -1) sm.parentUserId = null;
      else {
        const parent = findUser(ctx, parentId);
        if (!parent) throw invalidParameter('parent.id', `user #${parentId} not found`);
        // A linked user signs in through an administrator's account (organization 0 of the SCI).
        if (parent.orgId !== 0) throw invalidParameter('parent.id', `user #${parentId} is not an administrator`);
        if (parent.id === self?.id) throw invalidParameter('parent.id', 'a user cannot be its own parent');
        sm.parentUserId = parent.id;
      }
    }
  } else {
    sm.parentUserId = null;
  }

  const usesPassword = sm.authType === 'tns' || sm.authType === 'legacy';
  if (usesPassword) {
    if (draft.password !== undefined && draft.password.length < PASSWORD_MIN_LENGTH) {
      throw invalidParameter('password', `must be at least ${PASSWORD_MIN_LENGTH} characters (PasswordMinLength)`);
    }
    const keepsOld = previousAuth === sm.authType || previousAuth === 'tns' || previousAuth === 'legacy';
    if (draft.password === undefined && !(keepsOld && sm.passwordHash)) {
      throw invalidParameter('password', `is required for authType "${sm.authType}"`);
    }
  } else {
    // Other auth types have no local password: a given one is ignored, an old one dropped.
    draft.password = undefined;
    sm.passwordHash = null;
    sm.passwordExpires = false;
    sm.passwordExpirationOverride = false;
    sm.passwordSetDate = 0;
  }
  return draft;
}

function defaultDraft(ctx: SciContext): Draft {
  const timezone = ctx.sci.timezone;
  return {
    user: { username: '', firstname: '', lastname: '', title: '', email: '', address: '', city: '', state: '', country: '', phone: '', fax: '' },
    sm: {
      status: 0,
      roleId: 0,
      groupId: 0,
      authType: 'tns',
      passwordHash: null,
      mustChangePassword: false,
      passwordExpires: false,
      passwordExpiration: 90,
      passwordExpirationOverride: false,
      passwordSetDate: 0,
      locked: false,
      failedLogins: 0,
      lastLogin: 0,
      lastLoginIP: '',
      fingerprint: null,
      description: '',
      emailNotice: '',
      managedUsersGroupIds: [-1],
      managedObjectsGroupIds: [-1],
      preferences: [{ name: 'timezone', tag: 'system', value: timezone }],
      responsibleAssetId: null,
      ldapId: null,
      ldapUsername: '',
      parentUserId: null,
    },
  };
}

function settlePassword(ctx: SciContext, draft: Draft): void {
  if (draft.password === undefined) return;
  draft.sm.passwordHash = hashPassword(draft.password);
  draft.sm.passwordSetDate = nowSeconds(ctx);
  draft.password = undefined;
}

/** `/organization/{orgID|orgUUID}/securityManager[/{id|uuid}]` on one SCI, in that SCI's ids. */
export function routeSecurityManagers(
  ctx: SciContext,
  defs: FieldDef<Manager>[],
  req: SimRequest,
  orgIdOrUuid: string,
  idOrUuid: string | undefined,
): SimResponse {
  const org = findOrganization(ctx, orgIdOrUuid);
  const fields = req.query.get('fields');
  if (idOrUuid === undefined) {
    if (req.method === 'GET') {
      const chosen = chooseFields(defs, fields, 'list');
      return envelope(
        managersOf(ctx, org).map((m) => project(chosen, m)),
        ctx.now(),
      );
    }
    if (req.method === 'POST') return createManager(ctx, defs, req, org);
    throw invalidMethod();
  }
  if (!['GET', 'PATCH', 'DELETE'].includes(req.method)) throw invalidMethod();
  const manager = findManager(ctx, org, idOrUuid);
  if (req.method === 'GET') return envelope(project(chooseFields(defs, fields, 'detail'), manager), ctx.now());
  if (req.method === 'PATCH') return patchManager(ctx, defs, req, org, manager);
  return deleteManager(ctx, req, org, manager);
}

function createManager(ctx: SciContext, defs: FieldDef<Manager>[], req: SimRequest, org: OrgRecord): SimResponse {
  const body = bodyObject(req);
  for (const key of ['roleID', 'username', 'authType'] as const) {
    if (body[key] === undefined || body[key] === null) throw invalidParameter(key, 'is required');
  }
  const draft = applyBody(ctx, org, body, defaultDraft(ctx));
  settlePassword(ctx, draft);
  const now = nowSeconds(ctx);
  // The new user is Director's too: Director's user list shows it under the organization.
  const user = addUser(ctx.store, {
    id: ctx.store.users.nextId(),
    uuid: randomUUID().toUpperCase(),
    sciId: org.sciId,
    orgId: org.id,
    sciUserId: takeSciUserId(ctx.store, org.sciId),
    sciRoleId: draft.sm.roleId,
    sciGroupId: draft.sm.groupId,
    ...draft.user,
    createdTime: now,
    modifiedTime: now,
    securityManager: draft.sm,
  }) as Manager;
  return envelope(project(chooseFields(defs, null, 'detail'), user), ctx.now());
}

function patchManager(ctx: SciContext, defs: FieldDef<Manager>[], req: SimRequest, org: OrgRecord, manager: Manager): SimResponse {
  const body = bodyObject(req);
  const current = manager.securityManager;
  if (current.authType === 'linked' || current.authType === 'linked_non_admin') {
    const refused = LINKED_REFUSED.find((key) => body[key] !== undefined);
    if (refused) throw invalidParameter(refused, 'cannot be changed for a linked user');
  }
  const { username, firstname, lastname, title, email, address, city, state, country, phone, fax } = manager;
  const draft = applyBody(
    ctx,
    org,
    body,
    {
      user: { username, firstname, lastname, title, email, address, city, state, country, phone, fax },
      sm: { ...current, preferences: current.preferences.map((p) => ({ ...p })) },
    },
    manager,
  );
  settlePassword(ctx, draft);
  Object.assign(manager, draft.user, {
    sciRoleId: draft.sm.roleId,
    sciGroupId: draft.sm.groupId,
    modifiedTime: nowSeconds(ctx),
    securityManager: draft.sm,
  });
  return envelope(project(chooseFields(defs, null, 'detail'), manager), ctx.now());
}

function deleteManager(ctx: SciContext, req: SimRequest, org: OrgRecord, manager: Manager): SimResponse {
  const { store } = ctx;
  const body = bodyObject(req);
  const byId = body.migrateUserID ?? req.query.get('migrateUserID') ?? undefined;
  const byUuid = body.migrateUserUUID ?? req.query.get('migrateUserUUID') ?? undefined;
  let heir: UserRecord | undefined;
  if (byId !== undefined && byId !== null && byId !== '') {
    const id = readInteger(byId, 'migrateUserID', 1, Number.MAX_SAFE_INTEGER);
    heir = findUser(ctx, id);
    if (!heir || heir.orgId !== org.id) throw invalidParameter('migrateUserID', `user #${id} is not in organization #${org.sciOrgId}`);
  } else if (byUuid !== undefined && byUuid !== null && byUuid !== '') {
    const uuid = readString(byUuid, 'migrateUserUUID').trim().toUpperCase();
    heir = findUser(ctx, uuid);
    if (!heir || heir.orgId !== org.id) throw invalidParameter('migrateUserUUID', `user ${uuid} is not in organization #${org.sciOrgId}`);
  }
  if (heir && heir.id === manager.id) throw invalidParameter(byId !== undefined ? 'migrateUserID' : 'migrateUserUUID', 'cannot be the user being deleted');

  // Like Tenable.sc: a deleted user's objects go to the heir, or go with the user.
  for (const scan of [...store.scans.values()]) {
    if (scan.ownerUuid !== manager.uuid && scan.creatorUuid !== manager.uuid) continue;
    if (heir) {
      if (scan.ownerUuid === manager.uuid) scan.ownerUuid = heir.uuid;
      if (scan.creatorUuid === manager.uuid) scan.creatorUuid = heir.uuid;
      scan.modifiedTime = nowSeconds(ctx);
    } else if (scan.ownerUuid === manager.uuid) {
      store.scans.delete(scan);
    }
  }
  removeUser(store, manager);
  return envelope('', ctx.now());
}
