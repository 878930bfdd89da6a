import 'server-only';
import { join } from 'node:path';
import { getEnv } from '../env';
import { errorMessage, logger } from '../log';
import { observeAuditWrite } from '../metrics';
import { processSingleton, processSingletonOf } from '../process-singletons';
import { StoreUnavailableError } from '../store/postgres';
import { openPostgresAuditStore } from './postgres-store';
import { openAuditStore, type AuditStore, type ChainReport } from './store';

// The trail itself: the process's store, its retention and the chain's state. The two writers, the
// request audit (recorder.ts) and sign-ins (sign-in-audit.ts), reach the store through writableStore.

const maxValueLength = 200;

/** Every stored value is clipped, so no request can grow a row without bound. */
export const clip = (value: string) => (value.length > maxValueLength ? `${value.slice(0, maxValueLength)}…` : value);

/**
 * One store per process (see process-singletons.ts): PostgreSQL with DATABASE_URL (one trail for
 * every instance), otherwise the SQLite file under the data directory.
 */
export function getAuditStore(): AuditStore {
  const env = getEnv();
  const where = env.databaseUrl ?? join(env.dataDir, 'audit.sqlite');
  const open = env.databaseUrl ? openPostgresAuditStore : openAuditStore;
  return processSingletonOf('auditStore', where, open, (old) => old.close());
}

/** Why a change or sign-in was refused for want of a trail: its database is unreachable, or it cannot be written. */
export const unavailableCodeOf = (err: unknown): 'audit_unavailable' | 'store_unavailable' =>
  err instanceof StoreUnavailableError ? 'store_unavailable' : 'audit_unavailable';

const dayMs = 24 * 60 * 60_000;

/**
 * Retention: once a day (checked on the way to each write, so an idle server does no work) the
 * entries older than AUDIT_RETENTION_DAYS go, and the pruning is itself recorded. Failing to prune
 * never blocks a write; it is tried again on a later one.
 */
async function pruneWhenDue(store: AuditStore, nowMs = Date.now()): Promise<void> {
  const pruned = processSingleton('auditPrunedAt', (): { atMs?: number } => ({}));
  if (pruned.atMs !== undefined && nowMs - pruned.atMs < dayMs) return;
  pruned.atMs = nowMs;
  try {
    const last = await store.lastPrunedAt();
    if (last !== null && nowMs - last < dayMs) {
      pruned.atMs = last;
      return;
    }
    await store.prune(nowMs - getEnv().audit.retentionDays * dayMs, nowMs);
  } catch (err) {
    logger().error({ error: errorMessage(err) }, 'audit: retention pruning failed');
  }
}

async function timed<T>(operation: Parameters<typeof observeAuditWrite>[0], write: () => Promise<T>): Promise<T> {
  const started = performance.now();
  let isOk = false;
  try {
    const result = await write();
    isOk = true;
    return result;
  } finally {
    observeAuditWrite(operation, isOk, (performance.now() - started) / 1000);
  }
}

/** The writes of a store, measured for /metrics (audit write latency). */
type Writes = Pick<AuditStore, 'append' | 'appendCounted' | 'complete'>;

/** The store, after any pruning that is due; its writes are timed. */
export async function writableStore(): Promise<Writes> {
  const store = getAuditStore();
  await pruneWhenDue(store);
  return {
    append: (entry) => timed('append', () => store.append(entry)),
    appendCounted: (entry, key) => timed('append_counted', () => store.appendCounted(entry, key)),
    complete: (id, completion) => timed('complete', () => store.complete(id, completion)),
  };
}

type ChainStatus = ChainReport & { checkedAt: string };

/**
 * A full check reads every entry (about 20 µs each here, so a year of a busy trail takes seconds),
 * so pages asking within this long share one.
 */
const chainReuseMs = 5 * 60_000;

/**
 * The chain's state for the audit page: one full check shared by every admin for 5 minutes, so
 * opening the page repeatedly never re-reads the trail each time. `npm run audit:verify` always
 * checks afresh.
 */
export function auditChainStatus(nowMs = Date.now()): Promise<ChainStatus> {
  const shared = processSingleton('auditChainStatus', (): { last?: { atMs: number; report: Promise<ChainStatus> } } => ({}));
  const cached = shared.last;
  if (cached && nowMs - cached.atMs < chainReuseMs) return cached.report;
  const report = getAuditStore()
    .verify()
    .then((r) => ({ ...r, checkedAt: new Date(nowMs).toISOString() }));
  shared.last = { atMs: nowMs, report };
  report.catch(() => {
    if (shared.last?.report === report) delete shared.last;
  });
  return report;
}
