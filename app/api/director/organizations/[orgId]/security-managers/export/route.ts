import { defaultSecurityManagerColumns, listSecurityManagersQuery, organizationParams } from '@/lib/schemas/security-manager';
import { cachedListSource, fieldColumns, listCsvResponse } from '@/lib/server/list-export';
import { route } from '@/lib/server/route';
import { listSecurityManagers } from '@/lib/server/sci/security-managers';

export const dynamic = 'force-dynamic';

/** Every security manager of the organization matching the table's search, in its sort, with its columns, as CSV. */
export const GET = route({ role: 'viewer', params: organizationParams, query: listSecurityManagersQuery }, ({ params, query }) => {
  const columns = query.columns ?? defaultSecurityManagerColumns;
  return listCsvResponse(
    `organization-${params.orgId}-security-managers`,
    fieldColumns(['username', ...columns]),
    cachedListSource((q) => listSecurityManagers(params.orgId, q), { ...query, columns }),
  );
});
