import type { AssetRecord, DirectorStore, LdapRecord, OrgRecord, SciRecord, UserRecord } from '../director/types';
import { notFound } from '../director/tenable';

/**
 * One Tenable.sc instance as the simulator plays it. Its records live in the shared Director store
 * (Director federates them), but the SCI answers in its own id space: an organization is its
 * `sciOrgId`, a user its `sciUserId`, assets and LDAP servers are numbered per SCI, and roles and
 * groups are the SCI's own. Only this module turns one id space into the other.
 */
export interface SciContext {
  store: DirectorStore;
  sci: SciRecord;
  /** epoch ms */
  now: () => number;
}

export const nowSeconds = (ctx: SciContext) => Math.floor(ctx.now() / 1000);

/** Administrators sit in organization 0 on a Tenable.sc; the document's parent example names it so. */
export const ADMIN_ORG = { id: 0, name: 'Tenable.sc Administration', description: '' } as const;

export interface SciRole {
  id: number;
  name: string;
  description: string;
}

const SECURITY_MANAGER_DESCRIPTION =
  'The Security Manager role has full access to all actions at the organization level. A Security Manager has the ability to create new groups and manage existing ones. A Security Manager can also define how users interact with other groups.\n\nThe ability to manage other users and their objects can be configured using group permissions on the Access tab of User add/edit. This includes viewing and stopping running scans and reports.';

/**
 * Tenable.sc's built-in roles, plus SM-Linked, which an administrator creates: its id differs
 * between instances (8 on even SCI ids, 12 on odd ones), so a client that assumes 8 fails here.
 */
export function sciRoles(sci: SciRecord): SciRole[] {
  return [
    { id: 1, name: 'Administrator', description: 'Administrator' },
    { id: 2, name: 'Security Manager', description: SECURITY_MANAGER_DESCRIPTION },
    { id: 3, name: 'Security Analyst', description: '' },
    { id: 4, name: 'Vulnerability Analyst', description: '' },
    { id: 5, name: 'Executive', description: '' },
    { id: 6, name: 'Credential Manager', description: '' },
    { id: 7, name: 'Auditor', description: '' },
    { id: sci.id % 2 === 0 ? 8 : 12, name: 'SM-Linked', description: 'Security Manager linked to an administrator' },
  ];
}

export function smLinkedRoleId(sci: SciRecord): number {
  return sciRoles(sci).find((r) => r.name === 'SM-Linked')!.id;
}
export const SECURITY_MANAGER_ROLE_ID = 2;

export interface SciGroup {
  id: number;
  name: string;
  description: string;
}

/** The user groups of each organization (seeded users carry group ids 0 to 3); -1 is Tenable's "All Groups". */
export function orgGroups(): SciGroup[] {
  return [
    { id: 0, name: 'Full Access', description: 'Full Access group' },
    { id: 1, name: 'Analysts', description: '' },
    { id: 2, name: 'Operations', description: '' },
    { id: 3, name: 'Auditors', description: '' },
  ];
}
export const ALL_GROUPS = { id: -1, name: 'All Groups', description: 'All Groups' } as const;

export function groupRef(id: number): { id: string; name: string; description: string } {
  const group = id === ALL_GROUPS.id ? ALL_GROUPS : orgGroups().find((g) => g.id === id);
  return { id: String(id), name: group?.name ?? '', description: group?.description ?? '' };
}

export function organizationsOf(ctx: SciContext): OrgRecord[] {
  return [...ctx.store.organizations.values()].filter((o) => o.sciId === ctx.sci.id).sort((a, b) => a.sciOrgId - b.sciOrgId);
}

/** By the SCI's own organization id or by uuid; a Director id means nothing here. */
export function findOrganization(ctx: SciContext, idOrUuid: string): OrgRecord {
  const org = /^\d+$/.test(idOrUuid)
    ? organizationsOf(ctx).find((o) => o.sciOrgId === Number(idOrUuid))
    : ctx.store.organizations.byUuid.get(idOrUuid.toUpperCase());
  if (!org || org.sciId !== ctx.sci.id) throw notFound('Organization', idOrUuid);
  return org;
}

export function usersOf(ctx: SciContext): UserRecord[] {
  return [...ctx.store.users.values()].filter((u) => u.sciId === ctx.sci.id);
}

/** A user of this SCI by its own id or uuid. */
export function findUser(ctx: SciContext, idOrUuid: string | number): UserRecord | undefined {
  const key = String(idOrUuid);
  if (/^\d+$/.test(key)) return usersOf(ctx).find((u) => u.sciUserId === Number(key));
  const user = ctx.store.users.byUuid.get(key.toUpperCase());
  return user?.sciId === ctx.sci.id ? user : undefined;
}

/** Asset lists and LDAP servers are numbered 1, 2, ... on each SCI, in the order Director knows them. */
function numbered<T extends { id: number; sciId: number }>(ctx: SciContext, items: Iterable<T>): Array<{ localId: number; record: T }> {
  return [...items]
    .filter((r) => r.sciId === ctx.sci.id)
    .sort((a, b) => a.id - b.id)
    .map((record, i) => ({ localId: i + 1, record }));
}

export const assetsOf = (ctx: SciContext) => numbered<AssetRecord>(ctx, ctx.store.assets.values());
export const ldapsOf = (ctx: SciContext) => numbered<LdapRecord>(ctx, ctx.store.ldaps.values());

export function localIdOf<T extends { id: number }>(list: Array<{ localId: number; record: T }>, record: T | undefined): number | undefined {
  return record === undefined ? undefined : list.find((e) => e.record.id === record.id)?.localId;
}
