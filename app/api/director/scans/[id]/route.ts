import { scanParams } from '@/lib/schemas/scan';
import { deleteScan, getScan } from '@/lib/server/director/scans';
import { noContent, route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export const GET = route({ role: 'viewer', params: scanParams }, ({ params }) => getScan(params.id));

export const DELETE = route({ role: 'admin', params: scanParams }, async ({ params }) => {
  await deleteScan(params.id);
  return noContent();
});
