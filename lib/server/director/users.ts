import 'server-only';
import { z } from 'zod';
import { idOrUuid, type ListResponse } from '@/lib/schemas/common';
import { userColumns, userRowSchema, type ListUsersQuery, type UserRow } from '@/lib/schemas/user';
import { directorListCache, freshness, type ListSource } from '../list-cache';
import { createInterner, pick, type SortValue } from '../list';
import { vendorInt, vendorRef, vendorText } from './records';
import { directorFetch } from './transport';

/** One user as Director sends it; the object schema is the allowlist (no password, no keys). */
export const vendorUserSchema = z.object({
  id: vendorInt,
  uuid: z.string(),
  sciUserID: vendorInt,
  sciRoleID: vendorInt,
  sciGroupID: vendorInt,
  SCI: vendorRef,
  organization: vendorRef,
  username: vendorText.optional(),
  firstname: vendorText.optional(),
  lastname: vendorText.optional(),
  email: vendorText.optional(),
  title: vendorText.optional(),
  address: vendorText.optional(),
  city: vendorText.optional(),
  state: vendorText.optional(),
  country: vendorText.optional(),
  phone: vendorText.optional(),
  fax: vendorText.optional(),
});
type VendorUser = z.output<typeof vendorUserSchema>;

const ref = (r: z.output<typeof vendorRef>) => (r.description === undefined ? { id: r.id, name: r.name } : { id: r.id, name: r.name, description: r.description });

export function toUserRow(v: VendorUser): UserRow {
  const row: UserRow = {
    id: v.id,
    uuid: v.uuid,
    sciUserId: v.sciUserID,
    sciRoleId: v.sciRoleID,
    sciGroupId: v.sciGroupID,
    sci: ref(v.SCI),
    organization: ref(v.organization),
    username: v.username,
    firstname: v.firstname,
    lastname: v.lastname,
    email: v.email,
    title: v.title,
    address: v.address,
    city: v.city,
    state: v.state,
    country: v.country,
    phone: v.phone,
    fax: v.fax,
  };
  return userRowSchema.parse(Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined)));
}

const userRecord = vendorUserSchema.transform(toUserRow);
const records = z.custom<unknown[]>((v) => Array.isArray(v), 'not a list');

/** Reads one record of a list; a record that cannot be read is left out of the list rather than failing it. */
function readUser(raw: unknown): UserRow | undefined {
  const parsed = userRecord.safeParse(raw);
  if (!parsed.success) return undefined;
  // The parsed row is this list's own object: sharing its references in place costs no copy.
  const row = parsed.data;
  row.sci = sharedRef(row.sci);
  row.organization = sharedRef(row.organization);
  return row;
}
const sharedRef = createInterner<UserRow['sci']>();

const listPrefix = 'users?';

/** For writers of users elsewhere (security managers): drops every cached user list. */
export function invalidateUserLists(): void {
  directorListCache().invalidate(listPrefix);
}

/** Keys every user row carries whatever the columns (Director's `*` fields). */
const alwaysKeys = ['id', 'uuid', 'sciUserId', 'sciRoleId', 'sciGroupId', 'sci', 'organization', 'username', 'firstname', 'lastname'] as const;

/**
 * Director fields of every column: one cached list per filter serves every column set (a list per
 * column set would hold the same 100,000 users once per set); the `*` fields come back anyway.
 */
export const userListFields: string[] = [
  ...new Set(['username', 'firstname', 'lastname', ...Object.values(userColumns).filter((f): f is NonNullable<typeof f> => f !== null)]),
].sort();

function sortValue(row: UserRow, key: string): SortValue {
  switch (key) {
    case 'sci':
      return row.sci.name;
    case 'organization':
      return row.organization.name;
    case 'role':
      return row.sciRoleId;
    case 'group':
      return row.sciGroupId;
    default: {
      const value = row[key as keyof UserRow];
      return typeof value === 'object' ? undefined : value;
    }
  }
}

const userSource = (filters: { sciID: number | undefined; orgID: number | undefined }): ListSource<UserRow> => ({
  load: () => directorFetch({ path: '/mgmt/user', query: { fields: userListFields.join(','), ...filters }, schema: records }),
  read: readUser,
  options: {
    searchText: (r) => [r.username, r.firstname, r.lastname, r.email, r.id, r.sci.name, r.organization.name],
    sortValue,
  },
});

export async function listUsers(query: ListUsersQuery): Promise<ListResponse<UserRow>> {
  const filters = { sciID: query.sciId, orgID: query.orgId };
  const key = `${listPrefix}sciID=${query.sciId ?? ''}&orgID=${query.orgId ?? ''}`;
  const { list, fetchedAt } = await directorListCache().get(key, userSource(filters), { refresh: query.refresh });
  const page = list.query(query);
  // Rows carry the columns asked for; without columns, what Director sends by default (its `*` and `**` fields).
  const keys = [...alwaysKeys, ...(query.columns ?? []).filter((c) => userColumns[c] !== null)];
  return { ...page, items: page.items.map((row) => pick(row, keys)), ...freshness(fetchedAt) };
}

/** One user with every documented field (Director's single GET answers them all by default). */
export function getUser(idOrUuidValue: string): Promise<UserRow> {
  return directorFetch({ path: `/mgmt/user/${encodeURIComponent(idOrUuid.parse(idOrUuidValue))}`, schema: userRecord });
}
