import { setColumnsInput } from '@/lib/schemas/views';
import { noContent, route } from '@/lib/server/route';
import { viewsStore } from '@/lib/server/store/views';

export const dynamic = 'force-dynamic';

/** Keeps the columns the caller chose for a page, so the page opens with them next time. */
export const PUT = route({ role: 'viewer', body: setColumnsInput }, async ({ session, body }) => {
  await viewsStore().setColumns(session.username, body.page, body.columns);
  return noContent();
});
