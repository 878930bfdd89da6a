import 'server-only';
import { z } from 'zod';
import { idOrUuid, numericId, type ListResponse } from '@/lib/schemas/common';
import {
  isLinkedAuth,
  linkedLockedFields,
  roleIdFor,
  securityManagerColumns,
  securityManagerFormContextSchema,
  securityManagerRowSchema,
  usesLocalPassword,
  type AuthType,
  type CreateSecurityManager,
  type DeleteSecurityManager,
  type ListSecurityManagersQuery,
  type SecurityManagerFormContext,
  type SecurityManagerRow,
  type UpdateSecurityManager,
} from '@/lib/schemas/security-manager';
import { createTtlCache } from '../cache';
import { getEnv } from '../env';
import { AppError } from '../errors';
import { applyListQuery } from '../list';
import { vendorBool, vendorInt, vendorRef, vendorText, vendorTime } from './records';
import { directorFetch } from './transport';
import { invalidateOwnerLookups } from './lookups';
import { invalidateOrganizationLists } from './organizations';
import { invalidateScanLists } from './scans';
import { invalidateUserLists } from './users';

/** Epoch seconds where 0 means "never" (lastLogin, passwordSetDate). */
const vendorMaybeTime = vendorInt.transform((s) => (s > 0 ? new Date(s * 1000).toISOString() : null));
/** A `{id: -1, name: ""}` placeholder means "none". */
const optionalRef = vendorRef.nullable().transform((r) => (r === null || r.id < 0 ? null : r));

const vendorPerson = z.object({
  id: vendorInt,
  uuid: vendorText.optional().default(''),
  username: vendorText.optional().default(''),
  firstname: vendorText.optional().default(''),
  lastname: vendorText.optional().default(''),
});

/**
 * One security manager as Director sends it. The object schema is the allowlist: `password` is
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
  parent: z.object({ user: vendorPerson.nullable().optional(), organization: vendorRef.nullable().optional() }).nullable().optional(),
  linkedUserRole: optionalRef.optional(),
});
type VendorManager = z.output<typeof vendorManagerSchema>;

/** Director's record → ScanDeck's row (camelCase, typed, no password). */
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
    // Director answers "SET" or ""; only that fact leaves the server.
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
    parent:
      v.parent === undefined
        ? undefined
        : !parentUser || parentUser.id < 0
          ? null
          : { user: parentUser, organization: v.parent?.organization ?? null },
    linkedUserRole: v.linkedUserRole,
  };
  const present = Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined));
  return securityManagerRowSchema.parse(present);
}

const managerRecord = vendorManagerSchema.transform(toSecurityManagerRow);

/** Every documented field of the single GET (password only as "SET"). */
const detailFields = [
  'id', 'uuid', 'username', 'firstname', 'lastname', 'status', 'title', 'email', 'address', 'city', 'state', 'country',
  'phone', 'fax', 'description', 'createdTime', 'modifiedTime', 'lastLogin', 'lastLoginIP', 'mustChangePassword',
  'passwordExpires', 'passwordExpiration', 'passwordExpirationOverride', 'passwordSetDate', 'locked', 'failedLogins',
  'authType', 'fingerprint', 'password', 'managedUsersGroups', 'managedObjectsGroups', 'canUse', 'canManage',
  'preferences', 'role', 'responsibleAsset', 'group', 'ldap', 'ldapUsername', 'parent', 'linkedUserRole',
].join(',');

let cache: ReturnType<typeof createTtlCache> | undefined;
function managerCache() {
  cache ??= createTtlCache({ ttlMs: getEnv().director.cacheTtlMs });
  return cache;
}
// One prefix for every organization: an org named by id and by uuid share managers.
const listPrefix = 'securityManager:';

function orgPath(orgId: string): string {
  return `/organization/${encodeURIComponent(idOrUuid.parse(orgId))}/securityManager`;
}
function managerPath(orgId: string, id: string): string {
  return `${orgPath(orgId)}/${encodeURIComponent(idOrUuid.parse(id))}`;
}

/** Director fields for the visible columns plus what search and sort read. */
export function directorFieldsFor(query: Pick<ListSecurityManagersQuery, 'columns' | 'sort'>): string[] {
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
  const fields = directorFieldsFor(query).join(',');
  const path = orgPath(orgId);
  const rows = await managerCache().get(`${listPrefix}${path}?fields=${fields}`, () =>
    directorFetch({ path, query: { fields }, schema: z.array(managerRecord) }),
  );
  return applyListQuery(rows, query, {
    searchText: (r) => [r.username, r.firstname, r.lastname, r.email, r.title, r.id],
    sortValue,
  });
}

export function getSecurityManager(orgId: string, id: string): Promise<SecurityManagerRow> {
  return directorFetch({ path: managerPath(orgId, id), query: { fields: detailFields }, schema: managerRecord });
}

const flag = (b: boolean) => (b ? 'true' : 'false');
const groups = (ids: number[]) => ids.map((id) => ({ id }));

/**
 * ScanDeck's input → Director's body (flags as "true"/"false"). Used by POST and PATCH: an absent
 * key stays absent, so a PATCH carries only what changed.
 */
export function toDirectorManagerBody(input: UpdateSecurityManager): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const copy = ['username', 'firstname', 'lastname', 'title', 'email', 'address', 'city', 'state', 'country', 'phone', 'fax', 'authType', 'emailNotice', 'passwordExpiration', 'fingerprint', 'password'] as const;
  for (const key of copy) if (input[key] !== undefined) body[key] = input[key];
  for (const key of ['locked', 'mustChangePassword', 'passwordExpires', 'passwordExpirationOverride'] as const) {
    const value = input[key];
    if (value !== undefined) body[key] = flag(value);
  }
  if (input.roleId !== undefined) body.roleID = input.roleId;
  if (input.groupId !== undefined) body.groupID = input.groupId;
  if (input.responsibleAssetId !== undefined) body.responsibleAssetID = input.responsibleAssetId;
  if (input.timezone !== undefined && input.timezone !== '') body.preferences = [{ name: 'timezone', tag: 'system', value: input.timezone }];
  if (input.managedUsersGroupIds !== undefined) body.managedUsersGroups = groups(input.managedUsersGroupIds);
  if (input.managedObjectsGroupIds !== undefined) body.managedObjectsGroups = groups(input.managedObjectsGroupIds);
  if (input.ldapId !== undefined) body.ldap = { id: input.ldapId };
  if (input.parentId !== undefined) body.parent = { id: input.parentId };
  return body;
}

/** Only the fields the chosen auth type uses go to Director (no password for ldap, no parent for tns...). */
export function toDirectorCreateBody(input: CreateSecurityManager): Record<string, unknown> {
  const authType = input.authType;
  const { password, mustChangePassword, passwordExpires, passwordExpiration, passwordExpirationOverride, ldapId, parentId, ...common } = input;
  return toDirectorManagerBody({
    ...common,
    roleId: input.roleId ?? roleIdFor(authType),
    fingerprint: input.fingerprint,
    ...(usesLocalPassword(authType) ? { password, mustChangePassword, passwordExpires, passwordExpiration, passwordExpirationOverride } : { mustChangePassword: false }),
    ...(authType === 'ldap' ? { ldapId } : {}),
    ...(isLinkedAuth(authType) ? { parentId } : {}),
  });
}

/**
 * A security manager is also a Director user of the organization and may own scans, so a change
 * drops the user, organization (user counts), owner and scan lists along with the manager lists.
 */
function dropListsAfterChange(): void {
  managerCache().invalidate(listPrefix);
  invalidateUserLists();
  invalidateOrganizationLists();
  invalidateOwnerLookups();
  invalidateScanLists();
}

export async function createSecurityManager(orgId: string, input: CreateSecurityManager): Promise<SecurityManagerRow> {
  try {
    return await directorFetch({ method: 'POST', path: orgPath(orgId), body: toDirectorCreateBody(input), schema: managerRecord });
  } finally {
    // Even a failed POST may have created the manager (a timeout after Director committed it).
    dropListsAfterChange();
  }
}

export async function updateSecurityManager(orgId: string, id: string, input: UpdateSecurityManager): Promise<SecurityManagerRow> {
  const lockedAsked = linkedLockedFields.filter((key) => input[key] !== undefined);
  if (lockedAsked.length > 0) {
    const current = await directorFetch({ path: managerPath(orgId, id), query: { fields: 'authType' }, schema: z.object({ authType: z.string().optional() }) });
    if (isLinkedAuth(current.authType as AuthType | undefined)) {
      const details = Object.fromEntries(lockedAsked.map((key) => [key, ['cannot be changed for a linked user']]));
      throw new AppError(400, 'bad_request', `A linked user's ${lockedAsked.join(', ')} cannot be changed.`, { details });
    }
  }
  try {
    return await directorFetch({ method: 'PATCH', path: managerPath(orgId, id), body: toDirectorManagerBody(input), schema: managerRecord });
  } finally {
    dropListsAfterChange();
  }
}

export async function deleteSecurityManager(orgId: string, id: string, input: DeleteSecurityManager): Promise<void> {
  const body: Record<string, unknown> = {};
  if (input?.migrateUserId !== undefined) body.migrateUserID = input.migrateUserId;
  if (input?.migrateUserUuid !== undefined) body.migrateUserUUID = input.migrateUserUuid;
  try {
    await directorFetch({ method: 'DELETE', path: managerPath(orgId, id), body, schema: z.unknown() });
  } finally {
    dropListsAfterChange();
  }
}

const vendorOrgContext = z.object({
  id: vendorInt,
  name: vendorText.optional().default(''),
  SCI: vendorRef.nullable().optional(),
  ldaps: z.array(vendorRef).optional().default([]),
});

/** The organization's name, SCI and LDAP servers, for the form (GET /mgmt/organization/{id}?fields=...). */
export async function getSecurityManagerFormContext(orgId: string): Promise<SecurityManagerFormContext> {
  const org = await managerCache().get(`org:${orgId}`, () =>
    directorFetch({
      path: `/mgmt/organization/${encodeURIComponent(numericId.parse(orgId))}`,
      query: { fields: 'name,SCI,ldaps' },
      schema: vendorOrgContext,
    }),
  );
  const ref = (r: { id: number; name: string; description?: string | undefined }) =>
    r.description === undefined ? { id: r.id, name: r.name } : { id: r.id, name: r.name, description: r.description };
  return securityManagerFormContextSchema.parse({
    organization: { id: org.id, name: org.name, sci: org.SCI ? ref(org.SCI) : null },
    ldaps: org.ldaps.map(ref),
  });
}
