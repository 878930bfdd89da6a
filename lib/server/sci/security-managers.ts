import 'server-only';
import { z } from 'zod';
import { idOrUuid, numericId, type ListResponse } from '@/lib/schemas/common';
import {
  isLinkedAuth,
  linkedLockedFields,
  roleNameFor,
  securityManagerColumns,
  securityManagerRowSchema,
  usesLocalPassword,
  type AuthType,
  type CreateSecurityManager,
  type DeleteSecurityManager,
  type ListSecurityManagersQuery,
  type SecurityManagerRow,
  type SecurityManagerSelectionItem,
  type UpdateSecurityManager,
} from '@/lib/schemas/security-manager';
import type { Selection } from '@/lib/schemas/bulk';
import { createTtlCache } from '../cache';
import { withSharedInvalidation } from '../cache-bus';
import { invalidateOwnerLookups } from '../director/lookups';
import { invalidateOrganizationLists } from '../director/organizations';
import { vendorBool, vendorInt, vendorRef, vendorText, vendorTime } from '../director/records';
import { invalidateScanLists } from '../director/scans';
import { invalidateUserLists } from '../director/users';
import { getEnv } from '../env';
import { AppError } from '../errors';
import { applyListQuery } from '../list';
import { connectedOrganization, type ConnectedOrganization } from './organizations';
import { invalidateSciChoices, sciRoles } from './lookups';
import { vendorSciUser } from './records';
import { sciFetch } from './transport';
import { processSingleton } from '../process-singletons';
import { noteAuditTarget } from '../request-context';
import { boundedSelection } from '../selection';

/** Epoch seconds where 0 means "never" (lastLogin, passwordSetDate). */
const vendorMaybeTime = vendorInt.transform((s) => (s > 0 ? new Date(s * 1000).toISOString() : null));
/** A `{id: -1, name: ""}` placeholder means "none". */
const optionalRef = vendorRef.nullable().transform((r) => (r === null || r.id < 0 ? null : r));

/**
 * One security manager as its SCI sends it. The object schema is the allowlist: `password` is
 * read only to learn whether one is set, and nothing else of it goes further.
 */
const vendorManagerSchema = z.object({
  id: vendorInt,
  uuid: z.string(),
  username: vendorText.optional(),
  firstname: vendorText.optional(),
  lastname: vendorText.optional(),
  status: vendorInt.optional(),
  title: vendorText.optional(),
  email: vendorText.optional(),
  address: vendorText.optional(),
  city: vendorText.optional(),
  state: vendorText.optional(),
  country: vendorText.optional(),
  phone: vendorText.optional(),
  fax: vendorText.optional(),
  description: vendorText.optional(),
  createdTime: vendorTime.optional(),
  modifiedTime: vendorTime.optional(),
  lastLogin: vendorMaybeTime.optional(),
  lastLoginIP: vendorText.optional(),
  mustChangePassword: vendorBool.optional(),
  passwordExpires: vendorBool.optional(),
  passwordExpiration: vendorInt.optional(),
  passwordExpirationOverride: vendorBool.optional(),
  passwordSetDate: vendorMaybeTime.optional(),
  locked: vendorBool.optional(),
  failedLogins: vendorInt.optional(),
  authType: z.string().optional(),
  fingerprint: vendorText.nullable().optional(),
  password: z.unknown().optional(),
  managedUsersGroups: z.array(vendorRef).optional(),
  managedObjectsGroups: z.array(vendorRef).optional(),
  preferences: z.array(z.object({ name: vendorText, value: vendorText, tag: vendorText.optional().default('') })).optional(),
  canUse: vendorBool.optional(),
  canManage: vendorBool.optional(),
  role: optionalRef.optional(),
  responsibleAsset: vendorRef.extend({ uuid: z.string().optional() }).nullable().optional(),
  group: optionalRef.optional(),
  ldapUsername: vendorText.optional(),
  ldap: optionalRef.optional(),
  parent: z.object({ user: vendorSciUser.nullable().optional(), organization: vendorRef.nullable().optional() }).nullable().optional(),
  linkedUserRole: optionalRef.optional(),
});
type VendorManager = z.output<typeof vendorManagerSchema>;

/** The SCI's record → ScanDeck's row (camelCase, typed, no password). */
export function toSecurityManagerRow(v: VendorManager): SecurityManagerRow {
  const parentUser = v.parent?.user;
  const row: Record<string, unknown> = {
    id: v.id,
    uuid: v.uuid,
    username: v.username,
    firstname: v.firstname,
    lastname: v.lastname,
    status: v.status,
    title: v.title,
    email: v.email,
    address: v.address,
    city: v.city,
    state: v.state,
    country: v.country,
    phone: v.phone,
    fax: v.fax,
    description: v.description,
    createdTime: v.createdTime,
    modifiedTime: v.modifiedTime,
    lastLogin: v.lastLogin,
    lastLoginIp: v.lastLoginIP,
    mustChangePassword: v.mustChangePassword,
    passwordExpires: v.passwordExpires,
    passwordExpiration: v.passwordExpiration,
    passwordExpirationOverride: v.passwordExpirationOverride,
    passwordSetDate: v.passwordSetDate,
    locked: v.locked,
    failedLogins: v.failedLogins,
    authType: v.authType,
    fingerprint: v.fingerprint,
    // The SCI answers "SET" or ""; only that fact leaves the server.
    hasPassword: v.password === undefined ? undefined : typeof v.password === 'string' && v.password !== '',
    managedUsersGroups: v.managedUsersGroups,
    managedObjectsGroups: v.managedObjectsGroups,
    preferences: v.preferences,
    canUse: v.canUse,
    canManage: v.canManage,
    role: v.role,
    responsibleAsset: v.responsibleAsset === undefined ? undefined : v.responsibleAsset === null || v.responsibleAsset.id < 0 ? null : v.responsibleAsset,
    group: v.group,
    ldapUsername: v.ldapUsername,
    ldap: v.ldap,
    parent: v.parent === undefined ? undefined : !parentUser || parentUser.id < 0 ? null : { user: parentUser, organization: v.parent?.organization ?? null },
    linkedUserRole: v.linkedUserRole,
  };
  const present = Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined));
  return securityManagerRowSchema.parse(present);
}

const managerRecord = vendorManagerSchema.transform(toSecurityManagerRow);

/** Every documented field of the single GET (password only as "SET"). */
const detailFields = [
  'id',
  'uuid',
  'username',
  'firstname',
  'lastname',
  'status',
  'title',
  'email',
  'address',
  'city',
  'state',
  'country',
  'phone',
  'fax',
  'description',
  'createdTime',
  'modifiedTime',
  'lastLogin',
  'lastLoginIP',
  'mustChangePassword',
  'passwordExpires',
  'passwordExpiration',
  'passwordExpirationOverride',
  'passwordSetDate',
  'locked',
  'failedLogins',
  'authType',
  'fingerprint',
  'password',
  'managedUsersGroups',
  'managedObjectsGroups',
  'canUse',
  'canManage',
  'preferences',
  'role',
  'responsibleAsset',
  'group',
  'ldap',
  'ldapUsername',
  'parent',
  'linkedUserRole',
].join(',');

function managerCache() {
  return processSingleton('cache.sciSecurityManagers', () =>
    withSharedInvalidation('sci-security-managers', createTtlCache({ ttlMs: getEnv().director.cacheTtlMs, name: 'sci-security-managers' })),
  );
}
const listPrefix = 'securityManager:';

/** The SCI's own path for the organization's managers: its `sciOrgID`, never Director's id. */
function orgPath(org: ConnectedOrganization): string {
  return `/organization/${encodeURIComponent(String(org.sciOrgId))}/securityManager`;
}
function managerPath(org: ConnectedOrganization, id: string): string {
  return `${orgPath(org)}/${encodeURIComponent(idOrUuid.parse(id))}`;
}

/** SCI fields for the visible columns plus what search and sort read. */
export function sciFieldsFor(query: Pick<ListSecurityManagersQuery, 'columns' | 'sort'>): string[] {
  const fields = new Set<string>(['id', 'uuid', 'username', 'firstname', 'lastname', 'status', 'email', 'title']);
  for (const column of query.columns ?? []) fields.add(securityManagerColumns[column]);
  if (query.sort && query.sort !== 'id') fields.add(securityManagerColumns[query.sort]);
  return [...fields].sort();
}

function sortValue(row: SecurityManagerRow, key: string): string | number | boolean | null | undefined {
  if (key === 'role') return row.role?.name;
  const value = row[key as keyof SecurityManagerRow];
  return typeof value === 'object' ? undefined : value;
}

export async function listSecurityManagers(orgId: string, query: ListSecurityManagersQuery): Promise<ListResponse<SecurityManagerRow>> {
  const org = await connectedOrganization(numericId.parse(orgId), 'read');
  const fields = sciFieldsFor(query).join(',');
  const path = orgPath(org);
  const rows = await managerCache().get(`${listPrefix}${org.connection.id}:${path}?fields=${fields}`, () =>
    sciFetch(org.connection, { path, query: { fields }, schema: z.array(managerRecord) }),
  );
  return applyListQuery(rows, query, {
    searchText: (r) => [r.username, r.firstname, r.lastname, r.email, r.title, r.id],
    sortValue,
  });
}

/**
 * Every manager of the organization the table's search matches, named for a bulk action's
 * confirmation. The table's columns are kept, so it reads the same cached SCI list the table did.
 */
export function selectSecurityManagers(orgId: string, query: ListSecurityManagersQuery): Promise<Selection<SecurityManagerSelectionItem>> {
  return boundedSelection('security managers', (first) => listSecurityManagers(orgId, { ...query, ...first }), ['id', 'username', 'firstname', 'lastname']);
}

export async function getSecurityManager(orgId: string, id: string): Promise<SecurityManagerRow> {
  const org = await connectedOrganization(numericId.parse(orgId), 'read');
  return sciFetch(org.connection, { path: managerPath(org, id), query: { fields: detailFields }, schema: managerRecord });
}

const flag = (b: boolean) => (b ? 'true' : 'false');
const groups = (ids: number[]) => ids.map((id) => ({ id }));

/**
 * ScanDeck's input → the SCI's body (flags as "true"/"false"). Used by POST and PATCH: an absent
 * key stays absent, so a PATCH carries only what changed. Every id in it is the SCI's own.
 */
export function toSciManagerBody(input: UpdateSecurityManager): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const copy = [
    'username',
    'firstname',
    'lastname',
    'title',
    'email',
    'address',
    'city',
    'state',
    'country',
    'phone',
    'fax',
    'authType',
    'emailNotice',
    'passwordExpiration',
    'fingerprint',
    'password',
  ] as const;
  for (const key of copy) if (input[key] !== undefined) body[key] = input[key];
  for (const key of ['locked', 'mustChangePassword', 'passwordExpires', 'passwordExpirationOverride'] as const) {
    const value = input[key];
    if (value !== undefined) body[key] = flag(value);
  }
  if (input.responsibleAssetId !== undefined) body.responsibleAssetID = input.responsibleAssetId;
  if (input.timezone !== undefined && input.timezone !== '') body.preferences = [{ name: 'timezone', tag: 'system', value: input.timezone }];
  if (input.managedUsersGroupIds !== undefined) body.managedUsersGroups = groups(input.managedUsersGroupIds);
  if (input.managedObjectsGroupIds !== undefined) body.managedObjectsGroups = groups(input.managedObjectsGroupIds);
  if (input.ldapId !== undefined) body.ldap = { id: input.ldapId };
  if (input.parentId !== undefined) body.parent = { id: input.parentId };
  return body;
}

/** Only the fields the chosen auth type uses go to the SCI (no password for ldap, no parent for tns...). */
export function toSciCreateBody(input: CreateSecurityManager, roleId: number): Record<string, unknown> {
  const authType = input.authType;
  const { password, mustChangePassword, passwordExpires, passwordExpiration, passwordExpirationOverride, ldapId, parentId, ...common } = input;
  return {
    roleID: roleId,
    ...toSciManagerBody({
      ...common,
      fingerprint: input.fingerprint,
      ...(usesLocalPassword(authType)
        ? { password, mustChangePassword, passwordExpires, passwordExpiration, passwordExpirationOverride }
        : { mustChangePassword: false }),
      ...(authType === 'ldap' ? { ldapId } : {}),
      ...(isLinkedAuth(authType) ? { parentId } : {}),
    }),
  };
}

/** The SCI's id of the role an auth type needs, looked up by name on that SCI. */
async function roleIdOn(org: ConnectedOrganization, authType: AuthType): Promise<number> {
  const name = roleNameFor(authType);
  const role = (await sciRoles(org.connection)).find((r) => r.name.toLowerCase() === name.toLowerCase());
  if (!role) {
    throw new AppError(
      422,
      'upstream_rejected',
      `SCI ${org.connection.id} has no role named "${name}", which a ${authType} security manager needs; create it on that SCI.`,
      {
        details: { authType: [`SCI ${org.connection.id} has no "${name}" role`] },
      },
    );
  }
  return role.id;
}

/** The SCI's parameter names → the form's, so a refusal shows at the field it is about. */
const fieldOfParameter: Record<string, string> = {
  username: 'username',
  password: 'password',
  email: 'email',
  authType: 'authType',
  passwordExpiration: 'passwordExpiration',
  mustChangePassword: 'mustChangePassword',
  fingerprint: 'fingerprint',
  'ldap.id': 'ldapId',
  'parent.id': 'parentId',
  responsibleAssetID: 'responsibleAssetId',
  managedUsersGroups: 'managedUsersGroupIds',
  managedObjectsGroups: 'managedObjectsGroupIds',
  preferences: 'timezone',
  migrateUserID: 'migrateUserId',
  migrateUserUUID: 'migrateUserUuid',
};

/**
 * Tenable.sc names the refused parameter ("Invalid parameter 'password': ..."): the SCI's own rule
 * (its PasswordMinLength, say) is then shown beside that field, in the SCI's words.
 */
function withFieldOfRefusal(err: unknown): unknown {
  if (!(err instanceof AppError) || err.code !== 'upstream_rejected' || !err.upstream?.message) return err;
  const parameter = /Invalid parameter '([\w.]+)'/.exec(err.upstream.message)?.[1];
  const field = parameter === undefined ? undefined : fieldOfParameter[parameter];
  if (field === undefined) return err;
  return new AppError(err.status, err.code, err.message, { details: { [field]: [err.upstream.message] }, upstream: err.upstream, cause: err });
}

/**
 * A security manager is also a user Director federates and may own scans, so a change drops
 * Director's user, organization (user counts), owner and scan lists along with the manager lists
 * and the SCI's user choices.
 */
function dropListsAfterChange(org: ConnectedOrganization): void {
  managerCache().invalidate(`${listPrefix}${org.connection.id}:`);
  invalidateSciChoices(org.connection.id);
  invalidateUserLists();
  invalidateOrganizationLists();
  invalidateOwnerLookups();
  invalidateScanLists();
}

/**
 * Every change is sent this way: a refusal shows at the field it names, and the lists it touches are
 * dropped even when it failed (a timeout may come after the SCI committed the change).
 */
async function sendChange<S extends z.ZodType>(org: ConnectedOrganization, call: Parameters<typeof sciFetch<S>>[1]): Promise<z.output<S>> {
  try {
    return await sciFetch(org.connection, call);
  } catch (err) {
    throw withFieldOfRefusal(err);
  } finally {
    dropListsAfterChange(org);
  }
}

export async function createSecurityManager(orgId: string, input: CreateSecurityManager): Promise<SecurityManagerRow> {
  const org = await connectedOrganization(numericId.parse(orgId), 'change');
  const body = toSciCreateBody(input, await roleIdOn(org, input.authType));
  return sendChange(org, { method: 'POST', path: orgPath(org), body, schema: managerRecord });
}

export async function updateSecurityManager(orgId: string, id: string, input: UpdateSecurityManager): Promise<SecurityManagerRow> {
  const org = await connectedOrganization(numericId.parse(orgId), 'change');
  const lockedAsked = linkedLockedFields.filter((key) => input[key] !== undefined);
  if (lockedAsked.length > 0) {
    const current = await sciFetch(org.connection, {
      path: managerPath(org, id),
      query: { fields: 'authType' },
      schema: z.object({ authType: z.string().optional() }),
    });
    if (isLinkedAuth(current.authType as AuthType | undefined)) {
      const details = Object.fromEntries(lockedAsked.map((key) => [key, ['cannot be changed for a linked user']]));
      throw new AppError(400, 'bad_request', `A linked user's ${lockedAsked.join(', ')} cannot be changed.`, { details });
    }
  }
  // A new auth type may need another role (linked_non_admin takes SM-Linked): the SCI's id for it.
  const body = toSciManagerBody(input);
  if (input.authType !== undefined) body.roleID = await roleIdOn(org, input.authType);
  return sendChange(org, { method: 'PATCH', path: managerPath(org, id), body, schema: managerRecord });
}

export async function deleteSecurityManager(orgId: string, id: string, input: DeleteSecurityManager): Promise<void> {
  const org = await connectedOrganization(numericId.parse(orgId), 'change');
  const body: Record<string, unknown> = {};
  if (input?.migrateUserId !== undefined) body.migrateUserID = input.migrateUserId;
  if (input?.migrateUserUuid !== undefined) body.migrateUserUUID = input.migrateUserUuid;
  // Named on the trail by username: once deleted the manager cannot be looked up. A failed read
  // does not stop the deletion; the trail then names the manager by id.
  try {
    const current = await sciFetch(org.connection, {
      path: managerPath(org, id),
      query: { fields: 'username' },
      schema: z.object({ username: z.string().optional() }),
    });
    if (current.username) noteAuditTarget({ username: current.username });
  } catch {
    // The SCI answers the deletion itself with its own refusal if the manager is gone.
  }
  await sendChange(org, { method: 'DELETE', path: managerPath(org, id), body, schema: z.unknown() });
}
