import { queryOptions } from '@tanstack/react-query';
import type { Overview } from '@/lib/schemas/overview';
import { apiFetch } from './api-fetch';
import { listInterval } from './scan-tasks';

const visibility = () => (typeof document === 'undefined' ? undefined : document.visibilityState);

/**
 * The landing page's tiles, refreshed as the task list is: every 3 s while an HSS task runs, every
 * 30 s while none does, slower while the tab is hidden. The BFF answers from its caches and the
 * HSS budget, so a refresh costs a vendor call only when a list is due anyway.
 */
export function overviewOptions(initial?: Overview) {
  return queryOptions({
    queryKey: ['overview'] as const,
    queryFn: ({ signal }) => apiFetch<Overview>('/api/overview', { signal }),
    ...(initial ? { initialData: initial, initialDataUpdatedAt: initial.generatedAt } : {}),
    staleTime: 0,
    refetchInterval: (query) => {
      const tasks = query.state.data?.hssTasks;
      return listInterval(tasks !== undefined && 'data' in tasks && tasks.data.running.length > 0, visibility());
    },
    refetchIntervalInBackground: true,
  });
}
