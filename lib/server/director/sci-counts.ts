import 'server-only';
import type { DirectorCounts } from '@/lib/schemas/overview';
import type { CachedList } from '../list-cache';

type WithSci = { sci?: { id: number; name: string } | undefined };

/** Counted once per loaded list: the next overview request of the same list costs nothing. */
const counted = new WeakMap<object, Omit<DirectorCounts, 'fetchedAt'>>();

/**
 * How many rows of a cached Director list each SCI holds, by the SCI the row names. The list is the
 * one the unfiltered table pages through, so counting adds no Director call.
 */
export function countBySci<T extends WithSci>({ list, fetchedAt }: CachedList<T>): DirectorCounts {
  let counts = counted.get(list);
  if (!counts) {
    const bySci = new Map<number, { sciId: number; sciName: string; count: number }>();
    let withoutSci = 0;
    for (const row of list.each()) {
      if (!row.sci) {
        withoutSci += 1;
        continue;
      }
      const entry = bySci.get(row.sci.id) ?? { sciId: row.sci.id, sciName: row.sci.name, count: 0 };
      entry.count += 1;
      bySci.set(row.sci.id, entry);
    }
    const unreadable = list.unreadable;
    counts = {
      total: list.total,
      bySci: [...bySci.values()].sort((a, b) => a.sciName.localeCompare(b.sciName)),
      withoutSci,
      ...(unreadable ? { unreadable } : {}),
    };
    counted.set(list, counts);
  }
  return { ...counts, fetchedAt };
}
