import type { ScanTaskRow } from '@/lib/schemas/scan-task';

/**
 * How the palette searches. Director lists are cached whole by the BFF, so a `q` search there
 * costs no extra Director call; the page is still small so an answer stays small. HSS pages and
 * budgets its calls, so tasks come from one page of the most recent, kept for a minute.
 */
export const paletteSearch = {
  minLength: 2,
  debounceMs: 250,
  pageSize: 10,
  shownPerKind: 5,
  taskPageSize: 100,
  taskStaleMs: 60_000,
} as const;

export type PaletteHit = { href: string; label: string; detail?: string | undefined };

/** Tasks whose id contains what was typed (ids are what the task table shows and users copy). */
export function matchTasks(tasks: readonly ScanTaskRow[], q: string): ScanTaskRow[] {
  const needle = q.trim().toLowerCase();
  if (!needle) return [];
  return tasks.filter((task) => task.id.toLowerCase().includes(needle)).slice(0, paletteSearch.shownPerKind);
}
