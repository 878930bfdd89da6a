import 'server-only';
import { idOrUuid, type ListResponse } from '@/lib/schemas/common';
import { userColumns, type ListUsersQuery, type UserDetail, type UserRow } from '@/lib/schemas/user';
import { directorListCache, freshness, type ListSource } from '../list-cache';
import type { SortValue } from '../list';
import { readUser, userRecordSchema } from './user-records';
import { countBySci } from './sci-counts';
import type { DirectorCounts } from '@/lib/schemas/overview';
import { directorFetch, directorFetchRecords } from './transport';

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

const userSource = (filters: { sciID: number | undefined; orgID: number | undefined }): ListSource<UserRow> => ({
  load: (known) => directorFetchRecords({ path: '/mgmt/user', query: { fields: userListFields.join(','), ...filters } }, known),
  read: readUser,
  options: {
    searchText: (r) => [r.username, r.firstname, r.lastname, r.email, r.id, r.sci?.name, r.organization?.name],
    sortValue,
  },
});

export async function listUsers(query: ListUsersQuery): Promise<ListResponse<UserRow>> {
  const filters = { sciID: query.sciId, orgID: query.orgId };
  const key = `${listPrefix}sciID=${query.sciId ?? ''}&orgID=${query.orgId ?? ''}`;
  const { list, fetchedAt } = await directorListCache().get(key, userSource(filters), { refresh: query.refresh });
  // Rows carry the columns asked for; without columns, what Director sends by default (its `*` and `**` fields).
  const keys = [...new Set<string>([...alwaysKeys, ...(query.columns ?? []).filter((c) => userColumns[c] !== null)])];
  const page = list.query(query, keys);
  const unreadable = list.unreadable;
  return { ...page, ...(unreadable ? { unreadable } : {}), ...freshness(fetchedAt) };
}

/** One user with every documented field (Director's single GET answers them all by default). */
export async function getUser(idOrUuidValue: string): Promise<UserDetail> {
  const { item, unreadable } = await directorFetch({
    path: `/mgmt/user/${encodeURIComponent(idOrUuid.parse(idOrUuidValue))}`,
    schema: userRecordSchema,
  });
  return unreadable ? { ...item, unreadable } : item;
}

/** Users per SCI (administrators included), counted from the cached list the unfiltered users table shows. */
export async function countUsersBySci(): Promise<DirectorCounts> {
  return countBySci(await directorListCache().get(`${listPrefix}sciID=&orgID=`, userSource({ sciID: undefined, orgID: undefined })));
}
