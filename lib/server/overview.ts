import 'server-only';
import { overviewSchema, type HssTasks, type Overview, type OverviewPart } from '@/lib/schemas/overview';
import { isTaskLive } from '@/lib/schemas/scan-task-fields';
import { listSciStates } from './director/lookups';
import { countOrganizationsBySci } from './director/organizations';
import { countScansBySci } from './director/scans';
import { countUsersBySci } from './director/users';
import { getEnv } from './env';
import { toErrorBody } from './errors';
import { getHealth } from './health';
import { listScanTasks } from './hss/scan-tasks';

/** The newest tasks read for the HSS tiles: one page, HSS's largest, so one budgeted call. */
export const overviewTaskPage = 100;
const dayMs = 24 * 60 * 60 * 1000;

/** A part that fails is answered as its error (the vendor's code, message and request id with it), never the whole overview. */
async function settle<T>(load: () => Promise<T>): Promise<OverviewPart<T>> {
  try {
    return { data: await load() };
  } catch (err) {
    const { status, body } = toErrorBody(err);
    return { status, error: body.error };
  }
}

/**
 * Running tasks and the last 24 h from the newest page of HSS's task list (HSS lists newest first),
 * through the same budget and shared answers as the task table. The page has no time filter, so its
 * cache key is the same for every viewer and every second; the window is cut here.
 */
async function loadHssTasks(now: number): Promise<HssTasks> {
  const page = await listScanTasks({ page: 1, pageSize: overviewTaskPage });
  // From the start of the minute: the tile's link to the task list stays the same URL between refreshes.
  const since = Math.floor((now - dayMs) / 60_000) * 60_000;
  const recent = page.items.filter((task) => task.startTime !== undefined && task.startTime >= since);
  const oldest = page.items.at(-1)?.startTime;
  return {
    running: page.items.filter(isTaskLive),
    recent: { total: recent.length, withFailedHosts: recent.filter((task) => (task.failedHosts ?? 0) > 0) },
    since,
    isPartial: page.total > page.items.length && oldest !== undefined && oldest >= since,
    fetchedAt: page.fetchedAt,
    ageMs: page.ageMs,
    ...(page.unreadable ? { unreadable: page.unreadable } : {}),
  };
}

/**
 * The landing page's tiles, each from what ScanDeck already keeps: the SCI list (lookup cache),
 * the scans, organizations and users lists (list cache), the newest HSS tasks (budgeted) and the
 * health probes (cached 5 s). All are read at once; nothing a viewer sends changes what is called.
 */
export async function getOverview(): Promise<Overview> {
  const now = Date.now();
  const [scis, scans, organizations, users, hssTasks, health] = await Promise.all([
    settle(async () => {
      const read = await listSciStates();
      return read.unreadable ? { items: read.items, unreadable: read.unreadable } : { items: read.items };
    }),
    settle(countScansBySci),
    settle(countOrganizationsBySci),
    settle(countUsersBySci),
    getEnv().hss ? settle(() => loadHssTasks(now)) : Promise.resolve({ notConfigured: true as const }),
    settle(getHealth),
  ]);
  return overviewSchema.parse({ scis, scans, organizations, users, hssTasks, health, generatedAt: now });
}
