import 'server-only';
import { z } from 'zod';
import { numericId, type Ref } from '@/lib/schemas/common';
import type { SciUserRef, SecurityManagerChoices } from '@/lib/schemas/security-manager';
import { createTtlCache } from '../cache';
import { withSharedInvalidation } from '../cache-bus';
import { toRef, vendorRef } from '../director/records';
import { getEnv } from '../env';
import type { SciConnection } from './connections';
import { connectedOrganization } from './organizations';
import { vendorSciUser } from './records';
import { sciFetch } from './transport';
import { processSingleton } from '../process-singletons';

function choiceCache() {
  return processSingleton('cache.sciChoices', () =>
    withSharedInvalidation('sci-lookups', createTtlCache({ ttlMs: getEnv().director.cacheTtlMs, name: 'sci-lookups' })),
  );
}

const ref = vendorRef;
const userRef = vendorSciUser;

/** Tolerant list: a record that cannot be read (no usable id) is skipped, the rest are kept. */
function listOf<T extends z.ZodType>(item: T) {
  return z.array(z.unknown()).transform((items) =>
    items.flatMap((raw) => {
      const parsed = item.safeParse(raw);
      return parsed.success ? [parsed.data as z.output<T>] : [];
    }),
  );
}

/**
 * Tenable.sc answers object lists such as `/asset` as `{ usable: [...], manageable: [...] }`; a
 * plain list is read too. Both halves are merged by id.
 */
const usableList = <T extends z.ZodType<{ id: number }>>(item: T) =>
  z.union([listOf(item), z.object({ usable: listOf(item).optional(), manageable: listOf(item).optional() })]).transform((v) => {
    if (Array.isArray(v)) return v;
    const byId = new Map<number, z.output<T>>();
    for (const r of [...(v.usable ?? []), ...(v.manageable ?? [])]) if (!byId.has(r.id)) byId.set(r.id, r);
    return [...byId.values()];
  });

const toUser = (u: z.output<typeof userRef>): SciUserRef => ({ id: u.id, uuid: u.uuid, username: u.username, firstname: u.firstname, lastname: u.lastname });
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

function cached<T>(connection: SciConnection, key: string, load: () => Promise<T>): Promise<T> {
  return choiceCache().get(`sci${connection.id}:${key}`, load);
}

/** The SCI's roles (`GET /rest/role`): role ids differ between instances, so they are read, never assumed. */
export function sciRoles(connection: SciConnection): Promise<Ref[]> {
  return cached(connection, 'role', async () =>
    (await sciFetch(connection, { path: '/role', query: { fields: 'id,name,description' }, schema: listOf(ref) })).map(toRef),
  );
}

/** Drops what a change on the SCI may alter (its users); roles, groups, LDAP servers and assets stay. */
export function invalidateSciChoices(sciId: number): void {
  choiceCache().invalidate(`sci${sciId}:user`);
}

/**
 * Everything the form and the delete dialog offer, read from the organization's SCI in the SCI's
 * ids: the two roles a manager can hold, the organization's groups, LDAP servers, asset lists,
 * the administrators a linked user can hang from, and the organization's users (heirs).
 */
export async function getSecurityManagerChoices(orgId: string): Promise<SecurityManagerChoices> {
  const org = await connectedOrganization(numericId.parse(orgId), 'read');
  const c = org.connection;
  const sciOrgId = org.sciOrgId;
  const userFields = 'id,uuid,username,firstname,lastname';
  const [roles, groups, ldaps, assets, administrators, users] = await Promise.all([
    sciRoles(c),
    cached(c, `group:${sciOrgId}`, () => sciFetch(c, { path: '/group', query: { orgID: sciOrgId, fields: 'id,name,description' }, schema: listOf(ref) })),
    cached(c, 'ldap', () => sciFetch(c, { path: '/ldap', query: { fields: 'id,name,description' }, schema: listOf(ref) })),
    cached(c, 'asset', () => sciFetch(c, { path: '/asset', query: { fields: 'id,name,description' }, schema: usableList(ref) })),
    cached(c, 'user:admins', () => sciFetch(c, { path: '/user', query: { orgID: 0, fields: userFields }, schema: listOf(userRef) })),
    cached(c, `user:org:${sciOrgId}`, () => sciFetch(c, { path: '/user', query: { orgID: sciOrgId, fields: userFields }, schema: listOf(userRef) })),
  ]);
  const role = (name: string) => roles.find((r) => r.name.toLowerCase() === name.toLowerCase()) ?? null;
  return {
    roles: { securityManager: role('Security Manager'), smLinked: role('SM-Linked') },
    groups: groups.map(toRef).sort((a, b) => a.id - b.id),
    ldaps: ldaps.map(toRef).sort(byName),
    assets: assets.map(toRef).sort(byName),
    administrators: administrators.map(toUser),
    users: users.map(toUser),
  };
}
