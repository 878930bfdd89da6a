import { listAuditQuery } from '@/lib/schemas/audit';
import { getAuditStore } from '@/lib/server/audit/recorder';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export const GET = route({ role: 'admin', query: listAuditQuery }, ({ query }) => {
  const store = getAuditStore();
  return { ...store.list(query), ...store.facets() };
});
