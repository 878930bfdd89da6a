import { auditFilterQuery } from '@/lib/schemas/audit';
import { auditCsvStream } from '@/lib/server/audit/csv';
import { getAuditStore } from '@/lib/server/audit/trail';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export const GET = route({ role: 'admin', query: auditFilterQuery }, ({ query }) => {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return new Response(auditCsvStream(getAuditStore().iterate(query)), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="scandeck-audit-${stamp}.csv"`,
      'X-Content-Type-Options': 'nosniff',
    },
  });
});
