import { groupLabel, roleLabel } from '@/components/users/user-format';
import { defaultUserColumns, listUsersQuery, type UserRow } from '@/lib/schemas/user';
import { listUsers } from '@/lib/server/director/users';
import { cachedListSource, fieldColumns, listCsvResponse } from '@/lib/server/list-export';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

/** Role and group as the table shows them (Director sends only their ids). */
const derived = {
  role: (row: UserRow) => (row.sciRoleId === undefined ? undefined : roleLabel(row.sciRoleId)),
  group: (row: UserRow) => (row.sciGroupId === undefined ? undefined : groupLabel(row.sciGroupId)),
};

/** Every user matching the table's filters and search, in its sort, with its columns, as CSV. */
export const GET = route({ role: 'viewer', query: listUsersQuery }, ({ query }) => {
  const columns = query.columns ?? defaultUserColumns;
  return listCsvResponse('users', fieldColumns<UserRow>(columns, derived), cachedListSource(listUsers, { ...query, columns }));
});
