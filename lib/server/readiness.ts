import 'server-only';
import { getAuditStore } from './audit/trail';
import { getEnv } from './env';
import { errorMessage, logger } from './log';
import { getStateStore } from './store';
import { hssBudgetMode } from './hss/answers';
import type { BudgetMode } from './hss/shared-budget';

export type CheckResult = 'ok' | 'failed';
export interface Readiness {
  isReady: boolean;
  /** by name only: what failed, never why (the log says why) */
  checks: { configuration: CheckResult; stateStore: CheckResult; auditStore: CheckResult };
  /** how the instance is serving, where that is not a yes or no: the HSS call budget's place (see README, "Running in production") */
  detail: { hssBudget: BudgetMode };
}

/** A store that does not answer within this long counts as down: a probe must not hang. */
const checkTimeoutMs = 2_000;
/** Probes within this long share one check, so a flood of probes is not a flood of store reads. */
const reuseMs = 1_000;

function withTimeout<T>(work: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${checkTimeoutMs} ms`)), checkTimeoutMs);
    timer.unref();
    work().then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

/** Remembers each check's last result, so a failure is logged once when it starts, not at every probe. */
const lastKey = Symbol.for('scandeck.readinessLast');
type LastHolder = { [lastKey]?: Map<string, CheckResult>; [cacheKey]?: { atMs: number; result: Promise<Readiness> } };
const cacheKey = Symbol.for('scandeck.readiness');

async function check(name: keyof Readiness['checks'], work: () => Promise<unknown>): Promise<CheckResult> {
  let result: CheckResult = 'ok';
  let error: string | undefined;
  try {
    await withTimeout(async () => work());
  } catch (err) {
    result = 'failed';
    error = errorMessage(err);
  }
  const holder = globalThis as LastHolder;
  holder[lastKey] ??= new Map();
  if (holder[lastKey].get(name) !== result) {
    if (result === 'failed') logger().error({ event: 'not_ready', check: name, error }, `readiness: ${name} failed`);
    else if (holder[lastKey].has(name)) logger().warn({ event: 'ready_again', check: name }, `readiness: ${name} ok again`);
    holder[lastKey].set(name, result);
  }
  return result;
}

async function runChecks(): Promise<Readiness> {
  const configuration = await check('configuration', async () => getEnv());
  if (configuration === 'failed')
    return { isReady: false, checks: { configuration, stateStore: 'failed', auditStore: 'failed' }, detail: { hssBudget: 'local' } };
  // Reads that touch each store and change nothing: the throttle's count of a key nobody uses, and
  // when the trail was last pruned.
  const [stateStore, auditStore] = await Promise.all([
    check('stateStore', () => getStateStore().hits('readiness-probe', Date.now())),
    check('auditStore', () => getAuditStore().lastPrunedAt()),
  ]);
  // With REDIS_URL the state store is Redis: when it does not answer, the budget is this instance's own, whatever the last HSS call found.
  const budgetMode = hssBudgetMode();
  const hssBudget = budgetMode === 'shared' && stateStore === 'failed' ? 'degraded' : budgetMode;
  return { isReady: stateStore === 'ok' && auditStore === 'ok', checks: { configuration, stateStore, auditStore }, detail: { hssBudget } };
}

/** Whether this instance can serve: configuration valid, the state store and the audit trail reachable. */
export function readiness(nowMs = Date.now()): Promise<Readiness> {
  const holder = globalThis as LastHolder;
  const cached = holder[cacheKey];
  if (cached && nowMs - cached.atMs < reuseMs) return cached.result;
  const result = runChecks();
  holder[cacheKey] = { atMs: nowMs, result };
  return result;
}
