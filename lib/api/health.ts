import { queryOptions } from '@tanstack/react-query';
import type { Health } from '@/lib/schemas/health';
import { apiFetch } from './api-fetch';

/** The header polls this; the server keeps each probe for 5 s, so many tabs cost one probe. */
export const healthPollMs = 30_000;

export function healthOptions() {
  return queryOptions({
    queryKey: ['health'] as const,
    queryFn: ({ signal }) => apiFetch<Health>('/api/health', { signal }),
    refetchInterval: healthPollMs,
    staleTime: healthPollMs / 2,
    retry: false,
  });
}
