import { defaultPageSize, pageSizes } from '@/lib/schemas/paging';

export type SortOrder = 'asc' | 'desc';

/** What a list page keeps in its URL. */
export type ListState = {
  page: number;
  pageSize: number;
  sort: string | undefined;
  order: SortOrder;
  q: string;
  filters: Record<string, string>;
  /** visible columns, in the table's order */
  columns: string[];
};

export type ListStateConfig = {
  filterKeys: readonly string[];
  sortable: readonly string[];
  columnIds: readonly string[];
  defaultColumns: readonly string[];
};

export type ListStateChange = Partial<Omit<ListState, 'filters'>> & {
  filters?: Record<string, string | undefined>;
  /**
   * How the URL records the change: a new history entry (page, filter, sort) so Back walks through
   * them, or in place (typing in search, mending a bad URL). `historyOf` picks when not given.
   */
  history?: 'push' | 'replace';
};

/** The list's config with the reader's kept column choice as its default columns (the list's own when none is kept or none is known). */
export function withColumnChoice(config: ListStateConfig, choice: readonly string[] | undefined): ListStateConfig {
  const kept = config.columnIds.filter((id) => choice?.includes(id));
  return kept.length > 0 ? { ...config, defaultColumns: kept } : config;
}

/** The list routes' highest page (`listQuery`); a larger one in the URL is read as this. */
export const maxPage = 100_000;

/** Typing in search replaces the entry rather than adding one per pause; other changes add one. */
export function historyOf(change: ListStateChange): 'push' | 'replace' {
  if (change.history) return change.history;
  const keys = Object.keys(change).filter((key) => change[key as keyof ListStateChange] !== undefined);
  return keys.length > 0 && keys.every((key) => key === 'q') ? 'replace' : 'push';
}

/** The last page holding rows (1 when there are none). */
export function lastPageOf(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

function positiveInt(value: string | null): number | undefined {
  if (value === null || !/^[0-9]{1,6}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 ? n : undefined;
}

/** Reads list state from the URL, dropping anything the list does not know rather than failing. */
export function parseListState(search: URLSearchParams, config: ListStateConfig): ListState {
  const pageSize = positiveInt(search.get('pageSize'));
  const sort = search.get('sort') ?? undefined;
  const filters: Record<string, string> = {};
  for (const key of config.filterKeys) {
    const value = search.get(key);
    if (value) filters[key] = value;
  }
  const asked = (search.get('columns') ?? '').split(',').filter((c) => config.columnIds.includes(c));
  return {
    page: Math.min(positiveInt(search.get('page')) ?? 1, maxPage),
    pageSize: pageSize !== undefined && (pageSizes as readonly number[]).includes(pageSize) ? pageSize : defaultPageSize,
    sort: sort && config.sortable.includes(sort) ? sort : undefined,
    order: search.get('order') === 'desc' ? 'desc' : 'asc',
    q: search.get('q')?.trim() ?? '',
    filters,
    columns: asked.length > 0 ? config.columnIds.filter((c) => asked.includes(c)) : [...config.defaultColumns],
  };
}

/** Writes list state back, leaving defaults out so URLs stay short and shareable. */
export function serializeListState(state: ListState, config: ListStateConfig): URLSearchParams {
  const search = new URLSearchParams();
  if (state.page > 1) search.set('page', String(state.page));
  if (state.pageSize !== defaultPageSize) search.set('pageSize', String(state.pageSize));
  if (state.sort) {
    search.set('sort', state.sort);
    search.set('order', state.order);
  }
  if (state.q) search.set('q', state.q);
  for (const key of config.filterKeys) {
    const value = state.filters[key];
    if (value) search.set(key, value);
  }
  const isDefaultColumns = state.columns.length === config.defaultColumns.length && state.columns.every((c, i) => c === config.defaultColumns[i]);
  if (!isDefaultColumns) search.set('columns', state.columns.join(','));
  return search;
}

/**
 * Applies a change. Anything that changes which rows match or how many fit a page sends the
 * reader back to page 1, since the old page number would point somewhere arbitrary.
 */
export function applyListChange(state: ListState, { history: _history, ...change }: ListStateChange): ListState {
  const filters = { ...state.filters };
  for (const [key, value] of Object.entries(change.filters ?? {})) {
    if (value) filters[key] = value;
    else delete filters[key];
  }
  const next: ListState = { ...state, ...change, filters };
  const isReshaped =
    (change.q !== undefined && change.q !== state.q) ||
    (change.pageSize !== undefined && change.pageSize !== state.pageSize) ||
    (change.sort !== undefined && change.sort !== state.sort) ||
    (change.order !== undefined && change.order !== state.order) ||
    Object.keys(filters).length !== Object.keys(state.filters).length ||
    Object.entries(filters).some(([key, value]) => state.filters[key] !== value);
  if (isReshaped && change.page === undefined) next.page = 1;
  return next;
}

/** TanStack Table counts pages from 0, the API and the URL from 1: this pair is the only conversion. */
export function toPageIndex(page: number): number {
  return page - 1;
}
export function toPage(pageIndex: number): number {
  return pageIndex + 1;
}

// One formatter, in one locale: the range is drawn by the server (the first page comes with the
// page) and again in the browser, so both must write 100,000 alike; and `toLocaleString` builds a
// new formatter per call, several per page flip.
const counts = new Intl.NumberFormat('en-US');

/** "Showing 26–50 of 123" */
export function describeRange(page: number, pageSize: number, total: number): string {
  if (total === 0) return 'No results';
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(page * pageSize, total);
  if (first > total) return `Showing 0 of ${counts.format(total)}`;
  return `Showing ${counts.format(first)}–${counts.format(last)} of ${counts.format(total)}`;
}

/**
 * A table's state config: `lead` (the row's name, always shown) is not a column the reader can
 * hide; every other column can be, and the default view shows the list's default columns.
 */
export function listStateConfig(
  lead: string,
  filterKeys: readonly string[],
  columns: { ids: readonly string[]; sortable: readonly string[]; defaults: readonly string[] },
): ListStateConfig {
  return {
    filterKeys,
    sortable: columns.sortable,
    columnIds: columns.ids.filter((id) => id !== lead),
    defaultColumns: columns.defaults.filter((id) => id !== lead),
  };
}

/** The page, sort and search every list asks the BFF for, from its list state (an empty search is none). */
export function pagingParams(state: ListState): Pick<ListState, 'page' | 'pageSize' | 'sort' | 'order'> & { q: string | undefined } {
  return { page: state.page, pageSize: state.pageSize, sort: state.sort, order: state.order, q: state.q || undefined };
}

/** A numeric id filter from the URL (`sciId=3`); anything else counts as no filter. */
export function idFilter(value: string | undefined): number | undefined {
  return value && /^[0-9]+$/.test(value) ? Number(value) : undefined;
}
