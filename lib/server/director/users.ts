import 'server-only';
import { idOrUuid, type ListResponse } from '@/lib/schemas/common';
import { userColumns, type ListUsersQuery, type UserDetail, type UserRow } from '@/lib/schemas/user';
import { createTtlCache } from '../cache';
import { getEnv } from '../env';
import { applyListQuery, type SortValue } from '../list';
import { userListSchema, userRecordSchema } from './user-records';
import { directorFetch } from './transport';

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
      return row.sci?.name;
    case 'organization':
      return row.organization?.name;
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
  const read = await userCache().get(key, () =>
    directorFetch({ path: '/mgmt/user', query: { fields, ...filters }, schema: userListSchema }),
  );
  const page = applyListQuery(read.items, query, {
    searchText: (r) => [r.username, r.firstname, r.lastname, r.email, r.id, r.sci?.name, r.organization?.name],
    sortValue,
  });
  return read.unreadable ? { ...page, unreadable: read.unreadable } : page;
}

/** One user with every documented field (Director's single GET answers them all by default). */
export async function getUser(idOrUuidValue: string): Promise<UserDetail> {
  const { item, unreadable } = await directorFetch({
    path: `/mgmt/user/${encodeURIComponent(idOrUuid.parse(idOrUuidValue))}`,
    schema: userRecordSchema,
  });
  return unreadable ? { ...item, unreadable } : item;
}
