import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateScanTaskInput, CreateScanTaskResponse, RescanInput } from '@/lib/schemas/scan-task';
import { apiFetch } from './api-fetch';
import { scanTaskKeys } from './scan-tasks';

// Apart from ./scan-tasks.ts, whose list options the task list loads first: react-query's mutation
// code then comes only with the dialogs that start or rescan a task.

export function useCreateScanTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateScanTaskInput) => apiFetch<CreateScanTaskResponse>('/api/hss/scan-tasks', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scanTaskKeys.all }),
  });
}

/**
 * A plain request rather than a mutation hook: the task page has no other use for react-query's
 * mutation code, and its first load is held to budget.
 */
export function rescanScanTask(taskId: string, input: RescanInput): Promise<unknown> {
  return apiFetch(`/api/hss/scan-tasks/${encodeURIComponent(taskId)}/rescan`, { method: 'PUT', body: input });
}
