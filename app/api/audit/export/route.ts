import { auditFilterQuery } from '@/lib/schemas/audit';
import { auditCsvStream } from '@/lib/server/audit/csv';
import { getAuditStore } from '@/lib/server/audit/trail';
import { csvDownloadHeaders } from '@/lib/server/csv';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export const GET = route({ role: 'admin', query: auditFilterQuery }, ({ query }) => {
  return new Response(auditCsvStream(getAuditStore().iterate(query)), { headers: csvDownloadHeaders('audit') });
});
