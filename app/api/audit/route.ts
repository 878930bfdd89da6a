import { listAuditQuery } from '@/lib/schemas/audit';
import { auditActionLabel } from '@/lib/server/audit/describe';
import { getAuditStore } from '@/lib/server/audit/trail';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export const GET = route({ role: 'admin', query: listAuditQuery }, async ({ query }) => {
  const store = getAuditStore();
  const [page, facets] = await Promise.all([store.list(query), store.facets()]);
  return { ...page, users: facets.users, actions: facets.actions.map((value) => ({ value, label: auditActionLabel(value) })) };
});
