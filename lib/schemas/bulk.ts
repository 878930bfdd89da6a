// Bulk actions on a list: plain values and types, no zod, so a list page can import them.

/**
 * Items one bulk action takes at most: "all matching the filters" is refused past it, and so is a
 * hand-made selection. Large enough for a day's clean-up, small enough that one run stays in sight.
 */
export const maxBulkItems = 500;

/** What a list's "select all matching the filters" answers: every matching item, at most `maxBulkItems`. */
export type Selection<T> = { items: T[]; total: number };
