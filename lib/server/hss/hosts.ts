import 'server-only';
import type { ListHssHostsQuery, ListHssHostsResponse } from '@/lib/schemas/scan-task';
import { createTtlCache, type TtlCache } from '../cache';
import { getEnv } from '../env';
import { pageSchema, readHssHost } from './records';
import { hssFetch } from './transport';
import { processSingleton } from '../process-singletons';

const hostPage = pageSchema(readHssHost, 'hss host-management/hosts');

/** Bounded by entries and time: a search typed letter by letter costs one HSS call per settled query. */
function hostCache(): TtlCache {
  return processSingleton('cache.hssHosts', () => createTtlCache({ ttlMs: getEnv().hss?.cacheTtlMs ?? 5_000, maxEntries: 100, name: 'hss-hosts' }));
}

/** An address-looking search goes to HSS's `ip_addr` (private or public), anything else to `host_name`. */
function searchParams(q: string | undefined): { host_name?: string; ip_addr?: string } {
  if (!q) return {};
  return /^[0-9a-fA-F.:]+$/.test(q) && /[.:]/.test(q) ? { ip_addr: q } : { host_name: q };
}

/**
 * The project's hosts from HSS's host management list (ListHostStatus,
 * `GET /v5/{project_id}/host-management/hosts`), for choosing the agents of a manual scan.
 */
export async function listHssHosts(query: ListHssHostsQuery): Promise<ListHssHostsResponse> {
  const upstream = {
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
    agent_status: query.agentStatus,
    ...searchParams(query.q),
  };
  const key = JSON.stringify(upstream);
  const hit = await hostCache().get(key, async () => ({
    value: await hssFetch({ path: '/host-management/hosts', query: upstream, schema: hostPage }),
    fetchedAt: Date.now(),
  }));
  return { ...hit.value, page: query.page, pageSize: query.pageSize, fetchedAt: hit.fetchedAt, ageMs: Math.max(0, Date.now() - hit.fetchedAt) };
}

/** Test hook: forget cached answers between cases. */
export function clearHostCache(): void {
  hostCache().clear();
}
