import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Selection } from '@/lib/schemas/bulk';
import type { CreateScan, ScanRow, ScanSelectionItem } from '@/lib/schemas/scan';
import { apiFetch } from './api-fetch';
import { scanKeys, scanListSearch, type ScanListParams } from './scans';

// Apart from ./scans.ts, whose list options the scans list loads first: react-query's mutation code
// then comes only with the pages that change a scan.

export function createScan(input: CreateScan): Promise<ScanRow> {
  return apiFetch<ScanRow>('/api/director/scans', { method: 'POST', body: input });
}

export async function deleteScan(id: string): Promise<void> {
  await apiFetch(`/api/director/scans/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** Every scan the table's query matches, resolved by the server from its list (which ignores page and page size, and refuses past its cap). */
export function selectAllScans(params: ScanListParams): Promise<Selection<ScanSelectionItem>> {
  return apiFetch(`/api/director/scans/selection?${scanListSearch(params)}`);
}

export function useCreateScan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createScan,
    // The POST answer lacks the names the detail GET resolves, so the new page fetches its own.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scanKeys.lists() }),
  });
}

export function useDeleteScan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteScan,
    onSuccess: (_result, id) => {
      queryClient.removeQueries({ queryKey: scanKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: scanKeys.lists() });
    },
  });
}
