import 'server-only';
import type { z } from 'zod';
import type { ListFirstPage } from '@/lib/schemas/list-first-page';
import { toErrorBody } from './errors';
import { noteSession, runWithRequestContext } from './request-context';
import { parseOrThrow, queryObject } from './route';
import { requirePageSession } from './session';

/**
 * How long a list page waits for its first page before it is sent without it. A cached list
 * answers in a few milliseconds; a cold one (a whole Director list, a new HSS call) can take
 * seconds, and the page is not held for it: the table then asks the API as before, and its request
 * joins the read already under way (the list caches and HSS answers are single-flight).
 */
export const firstPageWaitMs = 150;

/**
 * Reads a list's first page in the page's own render, as its API route would answer it: the same
 * session check (a reader without a session goes to sign-in), the same query schema over the same
 * query string the table sends, the same `lib/server` call, and the same JSON (only what the route's
 * DTO allows). The table's first rows then come with the page instead of after it, in one round
 * trip. A failure becomes the route's error envelope, which the table shows as it would the route's.
 * Undefined when the read takes longer than `firstPageWaitMs`.
 */
export async function readListFirstPage<S extends z.ZodType>(
  schema: S,
  search: string,
  read: (query: z.output<S>) => Promise<object>,
): Promise<ListFirstPage | undefined> {
  const session = await requirePageSession();
  // As inside the route's wrapper: an HSS call counts to this reader's share of the budget.
  const reading = runWithRequestContext(async (): Promise<ListFirstPage> => {
    noteSession(session);
    try {
      const query = parseOrThrow(schema, queryObject(new URLSearchParams(search)), 'query');
      // Through JSON, as the route's answer goes: what reaches the browser is exactly what the route would send.
      const data: unknown = JSON.parse(JSON.stringify(await read(query)));
      return { at: Date.now(), data };
    } catch (err) {
      const { status, body } = toErrorBody(err);
      return { at: Date.now(), status, error: body };
    }
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, firstPageWaitMs, undefined);
  });
  try {
    return await Promise.race([reading, late]);
  } finally {
    clearTimeout(timer);
  }
}
