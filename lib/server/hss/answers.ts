import 'server-only';
import { withSharedInvalidation } from '../cache-bus';
import { getEnv } from '../env';
import { countCacheLookup, registerCache, registerHssBudget } from '../metrics';
import { processSingleton } from '../process-singletons';
import { sharedRedis } from '../redis';
import { errorMessage, logger } from '../log';
import { currentRequestContext } from '../request-context';
import { createMemoryBucketStore, hssApis, isHssThrottling, overBudget, type HssApi } from './budget';
import { createSharedAnswers, type Answer, type SharedAnswers } from './shared-answers';
import { createRedisBucketStore, localBudget, withLocalFallback, type BudgetMode, type CallBudget } from './shared-budget';

/** Answers kept at most: pages are small (≤ 100 rows), and LRU order drops the least recently read first. */
const maxAnswers = 500;
/** How often an instance waiting for another's HSS call looks for its answer. */
const followPollMs = 50;

/**
 * The process's HSS answers and call budget (see process-singletons.ts): every route spends the one
 * budget, and with `REDIS_URL` every instance spends one budget and shares one answer per query.
 */
const state = () =>
  processSingleton('hssAnswers', () => ({
    answers: new Map<string, Answer<unknown>>(),
    inFlight: new Map<string, Promise<Answer<unknown>>>(),
    /** bumped by every change, so an answer fetched across a change is kept only as stale */
    generation: 0,
    budget: undefined as CallBudget | undefined,
    remote: undefined as { answers: SharedAnswers | undefined; bus: { invalidate(prefix: string): void } } | undefined,
  }));

function hssSettings() {
  const hss = getEnv().hss;
  return { budget: hss?.budget ?? { perMinute: 3, burst: 2 }, ttlMs: hss?.cacheTtlMs ?? 5_000, timeoutMs: hss?.timeoutMs ?? 15_000 };
}

export function hssBudget(): CallBudget {
  const s = state();
  if (!s.budget) {
    const { budget: options } = hssSettings();
    const local = createMemoryBucketStore(options);
    const redis = sharedRedis();
    const created = redis ? withLocalFallback(createRedisBucketStore(redis, options), local) : localBudget(local);
    registerHssBudget({
      remaining: async () => Object.fromEntries(await Promise.all(hssApis.map(async (api) => [api, await created.remaining(api)]))),
      mode: () => created.mode(),
    });
    registerCache('hss-answers', () => ({ entries: state().answers.size }));
    s.budget = created;
  }
  return s.budget;
}

/** Where the budget is kept now, for readiness: before any HSS call, where it will be kept. */
export function hssBudgetMode(): BudgetMode {
  return state().budget?.mode() ?? (sharedRedis() ? 'shared' : 'local');
}

/** This process's answers as the cache bus sees them: another instance's change makes them stale here too. */
function markLocalStale(): void {
  const s = state();
  s.generation += 1;
  for (const answer of s.answers.values()) answer.freshUntil = 0;
}

/** The answers other instances share over Redis (undefined without `REDIS_URL`), and the bus that tells them of a change. */
function instances() {
  const s = state();
  if (!s.remote) {
    const redis = sharedRedis();
    const { ttlMs, timeoutMs } = hssSettings();
    s.remote = {
      answers: redis && createSharedAnswers(redis, { ttlMs, keptMs: getEnv().lists.maxAgeMs, lockMs: timeoutMs + 5_000 }),
      bus: withSharedInvalidation('hss-answers', { invalidate: markLocalStale, clear: markLocalStale }),
    };
  }
  return s.remote;
}

function serve<T>(answer: Answer<T>): Answer<T> & { ageMs: number } {
  return { ...answer, ageMs: Math.max(0, Date.now() - answer.fetchedAt) };
}

function keep(key: string, answer: Answer<unknown>): void {
  const { answers } = state();
  answers.delete(key);
  answers.set(key, answer);
  if (answers.size > maxAnswers) answers.delete(answers.keys().next().value!);
}

const newest = (...answers: Array<Answer<unknown> | undefined>) =>
  answers.reduce<Answer<unknown> | undefined>((best, a) => (a && (!best || a.fetchedAt > best.fetchedAt) ? a : best), undefined);

const currentUser = () => currentRequestContext()?.session?.username;

/**
 * Asks HSS once, under the budget: a token from `api`'s bucket (and the user's share of it), else the
 * last answer (`stale`) or 429. HSS's own throttling drains the bucket and ends the same way.
 */
async function callHss<T>(api: HssApi, load: () => Promise<T>, stale: Answer<unknown> | undefined, user: string | undefined): Promise<Answer<T>> {
  const budget = hssBudget();
  const grant = await budget.take(api, user);
  if (!grant.granted) {
    if (stale) return stale as Answer<T>;
    throw overBudget(api, grant.retryAfterS);
  }
  const startedIn = state().generation;
  try {
    const value = await load();
    const fetchedAt = Date.now();
    const answer = { value, fetchedAt, freshUntil: startedIn === state().generation ? fetchedAt + hssSettings().ttlMs : 0 };
    return answer;
  } catch (err) {
    if (!isHssThrottling(err)) throw err;
    await budget.drain(api);
    if (stale) return stale as Answer<T>;
    throw overBudget(api, 60);
  }
}

/**
 * With Redis: the instance that takes the query's lock asks HSS and stores the answer for all; the
 * others wait for it (the lock expires at HSS's deadline plus a margin, so the wait is bounded).
 */
async function viaInstances<T>(
  remote: SharedAnswers,
  api: HssApi,
  key: string,
  load: () => Promise<T>,
  hit: Answer<unknown> | undefined,
  user: string | undefined,
): Promise<Answer<T>> {
  for (;;) {
    const read = await remote.read(key);
    if (read.state === 'unavailable') return callHss(api, load, hit, user);
    if (read.answer && read.isFresh) return { ...read.answer, freshUntil: Date.now() + hssSettings().ttlMs } as Answer<T>;
    const token = await remote.lock(key);
    if (token === 'unavailable') return callHss(api, load, newest(hit, read.answer), user);
    if (token !== undefined) {
      let answer: Answer<T> | undefined;
      try {
        answer = await callHss(api, load, newest(hit, read.answer), user);
      } finally {
        // HSS's answer goes to the others (fresh unless a change came meanwhile); a stale one served instead only frees the lock.
        if (answer && answer !== hit && answer !== read.answer) {
          await remote.store(key, token, answer, read.generation);
        } else await remote.release(key, token);
      }
      return answer;
    }
    await new Promise((resolve) => setTimeout(resolve, followPollMs));
  }
}

/**
 * Shared by every viewer: one identity, few HSS calls a minute per API. A fresh answer is served as
 * is; identical queries share one call (across instances with Redis); a new call needs a token from
 * the API's budget and the user's share of it. Over budget (ScanDeck's or HSS's own), the last
 * answer for the query is served with its age, or the viewer gets 429 with Retry-After: never a 502.
 *
 * `staleFirst` (a page's first rows, drawn on the server): an answer past its freshness window but
 * within a list's maximum age is served at once, with its age, and HSS is asked behind it; the table
 * asks again as it mounts and gets the new answer. Not after a change: an answer a change made stale
 * is never shown as the page its author opens next.
 */
export async function budgeted<T>(
  api: HssApi,
  key: string,
  load: () => Promise<T>,
  opts: { staleFirst?: boolean } = {},
): Promise<Answer<T> & { ageMs: number }> {
  const s = state();
  const { answers, inFlight } = s;
  const t = Date.now();
  const maxAgeMs = getEnv().lists.maxAgeMs;
  for (const [k, a] of answers) if (t - a.fetchedAt >= maxAgeMs) answers.delete(k);
  const hit = answers.get(key) as Answer<T> | undefined;
  countCacheLookup('hss-answers', hit !== undefined && t < hit.freshUntil);
  if (hit) {
    keep(key, hit);
    if (t < hit.freshUntil) return serve(hit);
  }
  const pending = inFlight.get(key) as Promise<Answer<T>> | undefined;
  if (hit && opts.staleFirst && hit.freshUntil > 0) {
    if (!pending) {
      startCall(api, key, load, hit).catch((err: unknown) => {
        logger().warn({ event: 'hss_refresh_failed', api, error: errorMessage(err) }, `asking HSS (${api}) behind a stale answer failed`);
      });
    }
    return serve(hit);
  }
  return serve(await (pending ?? startCall(api, key, load, hit)));
}

/** One call for `key`, which every reader of the key shares while it runs. */
function startCall<T>(api: HssApi, key: string, load: () => Promise<T>, hit: Answer<T> | undefined): Promise<Answer<T>> {
  const { inFlight } = state();
  const user = currentUser();
  const remote = instances().answers;
  const call = (async () => {
    const answer = remote ? await viaInstances(remote, api, key, load, hit, user) : await callHss(api, load, hit, user);
    if (answer !== hit) keep(key, answer);
    return answer;
  })();
  inFlight.set(key, call);
  const done = () => {
    if (inFlight.get(key) === call) inFlight.delete(key);
  };
  call.then(done, done);
  return call;
}

/** After a change every kept answer is stale, on every instance: the next read asks HSS, or shows the old answer with its age when over budget. */
export async function markStale(): Promise<void> {
  const { answers, bus } = instances();
  // The bus marks this process's answers stale and tells the other instances to do the same.
  bus.invalidate('');
  await answers?.markStale();
}

/** A change spends a call of its API's budget (and the user's share) before it reaches HSS. */
export async function takeForChange(api: HssApi): Promise<void> {
  const grant = await hssBudget().take(api, currentUser());
  if (!grant.granted) throw overBudget(api, grant.retryAfterS);
}

/** Calls of `api` the current user may still make now (the lesser of the API's and the user's). */
export function remainingCalls(api: HssApi): Promise<number> {
  return hssBudget().remaining(api, currentUser());
}

/** Test hook: forget cached answers and the budget between cases. */
export function clearHssAnswers(): void {
  const s = state();
  s.answers.clear();
  s.budget = undefined;
  s.remote = undefined;
}
