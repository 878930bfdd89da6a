import { type ListState, type ListStateChange, type ListStateConfig, parseListState, serializeListState } from './list-state';

/**
 * The current list as a saved view holds it: the URL's own keys and spelling, those of `keys` only
 * (never the page number). Columns are written even when they are the defaults, so applying the
 * view later shows these columns whatever the reader's own column choice is by then.
 */
export function viewStateOf(state: ListState, config: ListStateConfig, keys: readonly string[]): Record<string, string> {
  const search = serializeListState({ ...state, page: 1 }, config);
  if (state.columns.length > 0) search.set('columns', state.columns.join(','));
  return Object.fromEntries([...search].filter(([key]) => keys.includes(key)));
}

/**
 * The change that puts a saved view on the table: the whole list state, so whatever the view does not
 * hold (a filter, a search) goes back to the list's default rather than staying from before. Read as
 * leniently as the URL, so a view saved before a column was renamed still applies.
 */
export function changeOfView(viewState: Record<string, string>, config: ListStateConfig): ListStateChange {
  const next = parseListState(new URLSearchParams(viewState), config);
  return {
    page: 1,
    pageSize: next.pageSize,
    sort: next.sort,
    order: next.order,
    q: next.q,
    columns: next.columns,
    filters: Object.fromEntries(config.filterKeys.map((key) => [key, next.filters[key]])),
    history: 'push',
  };
}
