import 'server-only';
import type { ListHssHostsQuery, ListHssHostsResponse } from '@/lib/schemas/scan-task';
import { budgeted, clearHssAnswers } from './answers';
import { pageSchema, readHssHost } from './records';
import { hssFetch } from './transport';

const hostPage = pageSchema(readHssHost, 'hss host-management/hosts');

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
  // Under the budget and shared like the task lists: a search typed letter by letter costs one HSS
  // call per settled query, and whatever is typed cannot spend more than the budget.
  const { value, fetchedAt, ageMs } = await budgeted('ListHostStatus', `hosts?${JSON.stringify(upstream)}`, () =>
    hssFetch({ path: '/host-management/hosts', query: upstream, schema: hostPage }),
  );
  return { ...value, page: query.page, pageSize: query.pageSize, fetchedAt, ageMs };
}

/** Test hook: forget cached answers and the budget between cases. */
export const clearHostCache = clearHssAnswers;
