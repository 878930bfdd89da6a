import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ListViewsResponse, SavedViewDto } from '@/lib/schemas/views';
import type { ViewPage } from '@/lib/schemas/view-pages';
import { apiFetch } from './api-fetch';

// Loaded with the Views menu and the column chooser on their first opening, not with the list pages.

export const viewKeys = {
  all: ['views'] as const,
  page: (page: ViewPage) => [...viewKeys.all, page] as const,
};

/** The reader's saved views of a page (and the columns they keep there). */
export function viewListOptions(page: ViewPage) {
  return queryOptions({
    queryKey: viewKeys.page(page),
    queryFn: ({ signal }) => apiFetch<ListViewsResponse>(`/api/views?page=${encodeURIComponent(page)}`, { signal }),
  });
}

export type SaveView = { page: ViewPage; name: string; state: Record<string, string>; isDefault?: boolean };

/** Every change answers with the page's views asked again, so the menu shows what the server keeps. */
function useViewChange<TInput, TResult>(page: ViewPage, change: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: change, onSettled: () => queryClient.invalidateQueries({ queryKey: viewKeys.page(page) }) });
}

export function useSaveView(page: ViewPage) {
  return useViewChange(page, (input: Omit<SaveView, 'page'>) => apiFetch<SavedViewDto>('/api/views', { method: 'POST', body: { page, ...input } }));
}

export function useSetDefaultView(page: ViewPage) {
  return useViewChange(page, (id: string | null) => apiFetch('/api/views', { method: 'PATCH', body: { page, id } }));
}

export function useDeleteView(page: ViewPage) {
  return useViewChange(page, (id: string) => apiFetch(`/api/views/${encodeURIComponent(id)}`, { method: 'DELETE' }));
}

let columnsSaved: Promise<unknown> = Promise.resolve();

/**
 * Keeps the columns the reader chose for a page. Calls go one after another, so quick toggles land
 * in the order they were made and the last choice is the one kept.
 */
export function saveColumnChoice(page: ViewPage, columns: readonly string[]): Promise<unknown> {
  const saved = columnsSaved.catch(() => undefined).then(() => apiFetch('/api/views/columns', { method: 'PUT', body: { page, columns } }));
  columnsSaved = saved;
  return saved;
}
