import { defaultOrganizationColumns, listOrganizationsQuery } from '@/lib/schemas/organization';
import { listOrganizations } from '@/lib/server/director/organizations';
import { cachedListSource, fieldColumns, listCsvResponse } from '@/lib/server/list-export';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

/** Every organization matching the table's filters and search, in its sort, with its columns, as CSV. */
export const GET = route({ role: 'viewer', query: listOrganizationsQuery }, ({ query }) => {
  const columns = query.columns ?? defaultOrganizationColumns;
  return listCsvResponse('organizations', fieldColumns(columns), cachedListSource(listOrganizations, { ...query, columns }));
});
