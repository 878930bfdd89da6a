import { listScansQuery } from '@/lib/schemas/scan';
import { selectScans } from '@/lib/server/director/scans';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

/** "Select all matching the filters" of the scans table: ids and names, for admins, who alone act in bulk. */
export const GET = route({ role: 'admin', query: listScansQuery }, ({ query }) => selectScans(query));
