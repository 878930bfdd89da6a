import 'server-only';
import { redirect } from 'next/navigation';
import { type ViewPage, viewStateKeys } from '@/lib/schemas/view-pages';
import { errorMessage, logger } from './log';
import { requirePageSession } from './session';
import { viewsStore } from './store/views';

/** A page's `searchParams`, as Next hands them over. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The page's query as the browser's `useSearchParams` reads it (a repeated key keeps its values in order). */
export function searchParamsOf(search: SearchParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, one);
  }
  return params;
}

/** What a list page opens with for the signed-in reader: the columns they keep there, if any. */
export type ListOpening = { columns?: string[] };

/**
 * Opens a list page as its reader left it. A page opened with no list state in its URL goes to the
 * reader's default view of it (a redirect, so the URL shows the view and Back and sharing work as
 * for any list URL); the columns the reader keeps become the table's defaults. The store being
 * unreachable opens the page as it is: a preference is not worth a failed page.
 */
export async function openListPage(page: ViewPage, path: string, search: SearchParams): Promise<ListOpening> {
  const session = await requirePageSession();
  const hasListState = Object.keys(search).some((key) => key === 'page' || viewStateKeys[page].includes(key));
  let defaultState: Record<string, string> | undefined;
  let columns: string[] | null = null;
  try {
    const store = viewsStore();
    const [views, kept] = await Promise.all([hasListState ? [] : store.list(session.username, page), store.getColumns(session.username, page)]);
    defaultState = views.find((view) => view.isDefault)?.state;
    columns = kept;
  } catch (err) {
    logger().warn({ event: 'list_preferences_unavailable', page, error: errorMessage(err) }, 'saved views could not be read; the page opens without them');
  }
  // Only the keys the page takes (the store checked them on the way in; this keeps the redirect on this page's own URL).
  const query = new URLSearchParams(Object.entries(defaultState ?? {}).filter(([key]) => viewStateKeys[page].includes(key))).toString();
  if (query) redirect(`${path}?${query}`);
  return columns ? { columns } : {};
}
