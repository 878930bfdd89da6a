import 'server-only';
import { maxBulkItems, type Selection } from '@/lib/schemas/bulk';
import { AppError } from './errors';
import { pick } from './list';

/** A list's first page in the table's filters, search and sort, as the list functions take it. */
type FirstPage<R> = (page: { page: 1; pageSize: number; refresh: false }) => Promise<{ items: R[]; total: number }>;

/**
 * "Select all matching the filters", resolved here rather than trusted from the browser: the ids
 * come from the list ScanDeck already holds (never a refresh, so no vendor call the table has not
 * made), narrowed to what the confirmation names. Past `maxBulkItems` it is refused outright, so a
 * selection never grows with the list.
 */
export async function boundedSelection<R extends object>(what: string, firstPage: FirstPage<R>, keys: readonly (keyof R & string)[]): Promise<Selection<R>> {
  const { items, total } = await firstPage({ page: 1, pageSize: maxBulkItems, refresh: false });
  if (total > maxBulkItems) {
    throw new AppError(
      422,
      'too_many_items',
      `${total.toLocaleString('en')} ${what} match the filters; a bulk action takes at most ${maxBulkItems} at a time. Narrow the filters and try again.`,
    );
  }
  return { items: items.map((row) => pick(row, keys)), total };
}
