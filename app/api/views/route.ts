import { listViewsQuery, saveViewInput, setDefaultViewInput, type SavedViewDto } from '@/lib/schemas/views';
import { AppError } from '@/lib/server/errors';
import { jsonResponse, noContent, route } from '@/lib/server/route';
import { type SavedView, ViewNotFoundError, ViewsLimitError, viewsStore } from '@/lib/server/store/views';

export const dynamic = 'force-dynamic';

/** Allowlisted: the owner's name stays on the server (the answer is always the caller's own). */
function toDto(view: SavedView): SavedViewDto {
  const { id, page, name, state, isDefault, createdAt, updatedAt } = view;
  return { id, page, name, state, isDefault, createdAt, updatedAt };
}

/** The caller's saved views of a page and the columns they keep visible there. */
export const GET = route({ role: 'viewer', query: listViewsQuery }, async ({ session, query }) => {
  const store = viewsStore();
  const [views, columns] = await Promise.all([store.list(session.username, query.page), store.getColumns(session.username, query.page)]);
  return { views: views.map(toDto), columns };
});

/**
 * Saves the caller's current view of a page under a name (the same name replaces it). Views are each
 * user's own preferences, so a viewer keeps views too; the CSRF check applies as to every change.
 */
export const POST = route({ role: 'viewer', body: saveViewInput }, async ({ session, body }) => {
  try {
    return jsonResponse(toDto(await viewsStore().save(session.username, body.page, body.name, body.state, body.isDefault)), 201);
  } catch (err) {
    if (err instanceof ViewsLimitError) throw new AppError(400, 'bad_request', err.message, { details: { name: [err.message] } });
    throw err;
  }
});

/** Makes one of the caller's views the page's default (applied when the page opens without a query), or none. */
export const PATCH = route({ role: 'viewer', body: setDefaultViewInput }, async ({ session, body }) => {
  try {
    await viewsStore().setDefault(session.username, body.page, body.id);
  } catch (err) {
    if (err instanceof ViewNotFoundError) throw new AppError(404, 'not_found', err.message);
    throw err;
  }
  return noContent();
});
