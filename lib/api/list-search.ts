/** What every list route takes (architecture doc): page from 1, pageSize, sort, order, q, columns. */
export type ListParams<TColumn extends string = string> = {
  page: number;
  pageSize: number;
  sort?: string | undefined;
  order: 'asc' | 'desc';
  q?: string | undefined;
  columns: readonly TColumn[];
};

/**
 * The query string of a list route plus its own filters. Empty values are left out, so the same
 * view always makes the same URL (and the same query key upstream of it).
 */
export function listSearch(params: ListParams, filters: Record<string, string | number | undefined> = {}): string {
  return listSearchParams(params, filters).toString();
}

/** The same list's query string asking the BFF for the vendor's current list (the table's Refresh). */
export function refreshSearch(search: string): string {
  return search ? `${search}&refresh=1` : 'refresh=1';
}

function listSearchParams(params: ListParams, filters: Record<string, string | number | undefined>): URLSearchParams {
  const search = new URLSearchParams();
  search.set('page', String(params.page));
  search.set('pageSize', String(params.pageSize));
  if (params.sort) {
    search.set('sort', params.sort);
    search.set('order', params.order);
  }
  if (params.q) search.set('q', params.q);
  for (const [name, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '') search.set(name, String(value));
  }
  if (params.columns.length > 0) search.set('columns', params.columns.join(','));
  return search;
}

/** What a cached list's Refresh needs: the same query key, and a fetch that asks for `refresh=1`. */
export type ListRefreshOption = { refresh?: boolean };

/** Where the browser downloads the whole list as CSV: the list's own query (filters, sort, columns) without its paging. */
export function listExportHref(path: string, search: string): string {
  const params = new URLSearchParams(search);
  params.delete('page');
  params.delete('pageSize');
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
