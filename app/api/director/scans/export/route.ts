import { defaultScanColumns, listScansQuery } from '@/lib/schemas/scan';
import { listScans } from '@/lib/server/director/scans';
import { cachedListSource, fieldColumns, listCsvResponse } from '@/lib/server/list-export';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

/** Every scan matching the table's filters and search, in its sort, with its columns, as CSV. */
export const GET = route({ role: 'viewer', query: listScansQuery }, ({ query }) => {
  const columns = query.columns ?? defaultScanColumns;
  return listCsvResponse('scans', fieldColumns(['name', ...columns]), cachedListSource(listScans, { ...query, columns }));
});
