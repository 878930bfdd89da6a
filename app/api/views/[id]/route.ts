import { viewParams } from '@/lib/schemas/views';
import { AppError } from '@/lib/server/errors';
import { noContent, route } from '@/lib/server/route';
import { viewsStore } from '@/lib/server/store/views';

export const dynamic = 'force-dynamic';

/** Deletes one of the caller's saved views; another user's id is answered as not found. */
export const DELETE = route({ role: 'viewer', params: viewParams }, async ({ session, params }) => {
  if (!(await viewsStore().remove(session.username, params.id))) throw new AppError(404, 'not_found', 'No such saved view.');
  return noContent();
});
