import { createScanInput, listScansQuery } from '@/lib/schemas/scan';
import { createScan, listScans } from '@/lib/server/director/scans';
import { jsonResponse, route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export const GET = route({ role: 'viewer', query: listScansQuery }, ({ query }) => listScans(query));

export const POST = route({ role: 'admin', body: createScanInput }, async ({ body }) => jsonResponse(await createScan(body), 201));
