import 'server-only';
import { z } from 'zod';
import { idOrUuid, type ListResponse } from '@/lib/schemas/common';
import { userColumns, userRowSchema, type ListUsersQuery, type UserRow } from '@/lib/schemas/user';
import { createTtlCache } from '../cache';
import { getEnv } from '../env';
import { applyListQuery, type SortValue } from '../list';
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
const userList = z.array(userRecord);

let cache: ReturnType<typeof createTtlCache> | undefined;
function userCache() {
  cache ??= createTtlCache({ ttlMs: getEnv().director.cacheTtlMs });
  return cache;
}

/** For writers of users elsewhere (security managers): drops every cached user list. */
export function invalidateUserLists(): void {
  userCache().invalidate('/mgmt/user?');
}

/** Director fields for the visible columns; the `*` fields come back anyway and are not asked. */
export function userFieldsFor(query: Pick<ListUsersQuery, 'columns' | 'sort'>): string[] | undefined {
  if (!query.columns) return undefined;
  const fields = new Set<string>(['username', 'firstname', 'lastname']);
  const add = (field: string | null) => {
    if (field) fields.add(field);
  };
  for (const column of query.columns) add(userColumns[column]);
  if (query.sort && query.sort !== 'id') add(userColumns[query.sort]);
  return [...fields].sort();
}

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

export async function listUsers(query: ListUsersQuery): Promise<ListResponse<UserRow>> {
  const fields = userFieldsFor(query)?.join(',');
  const filters = { sciID: query.sciId, orgID: query.orgId };
  const key = `/mgmt/user?fields=${fields ?? '**'}&sciID=${query.sciId ?? ''}&orgID=${query.orgId ?? ''}`;
  const rows = await userCache().get(key, () =>
    directorFetch({ path: '/mgmt/user', query: { fields, ...filters }, schema: userList }),
  );
  return applyListQuery(rows, query, {
    searchText: (r) => [r.username, r.firstname, r.lastname, r.email, r.id, r.sci.name, r.organization.name],
    sortValue,
  });
}

/** One user with every documented field (Director's single GET answers them all by default). */
export function getUser(idOrUuidValue: string): Promise<UserRow> {
  return directorFetch({ path: `/mgmt/user/${encodeURIComponent(idOrUuid.parse(idOrUuidValue))}`, schema: userRecord });
}
