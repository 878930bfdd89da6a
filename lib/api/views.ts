import { queryOptions } from '@tanstack/react-query';
import type { ListViewsResponse, SavedViewDto, ViewPage } from '@/lib/schemas/views';
import { apiFetch } from './api-fetch';

export const viewKeys = {
  all: ['views'] as const,
  page: (page: ViewPage) => [...viewKeys.all, page] as const,
};

/** The signed-in user's saved views of a page and their column choice there. */
export function viewsOptions(page: ViewPage) {
  return queryOptions({
    queryKey: viewKeys.page(page),
    queryFn: ({ signal }) => apiFetch<ListViewsResponse>(`/api/views?page=${encodeURIComponent(page)}`, { signal }),
    staleTime: 5 * 60_000,
  });
}

export function saveView(input: { page: ViewPage; name: string; state: Record<string, string>; isDefault?: boolean }): Promise<SavedViewDto> {
  return apiFetch<SavedViewDto>('/api/views', { method: 'POST', body: input });
}

export async function setDefaultView(page: ViewPage, id: string | null): Promise<void> {
  await apiFetch('/api/views', { method: 'PATCH', body: { page, id } });
}

export async function deleteView(id: string): Promise<void> {
  await apiFetch(`/api/views/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export async function saveColumns(page: ViewPage, columns: string[]): Promise<void> {
  await apiFetch('/api/views/columns', { method: 'PUT', body: { page, columns } });
}
