import 'server-only';
import { AppError } from '../errors';

/** The HSS APIs ScanDeck calls; each has its own budget, as Huawei throttles per API. */
export type HssApi = 'ListVulScanTask' | 'ListVulScanTaskHost' | 'ListHostStatus' | 'CreateVulScanTask' | 'RescanVulScanTask';

export const hssApis: readonly HssApi[] = ['ListVulScanTask', 'ListVulScanTaskHost', 'ListHostStatus', 'CreateVulScanTask', 'RescanVulScanTask'];

export const hssApiLabels: Record<HssApi, string> = {
  ListVulScanTask: 'the scan task list',
  ListVulScanTaskHost: 'the hosts of a scan task',
  ListHostStatus: 'the host list',
  CreateVulScanTask: 'starting a scan',
  RescanVulScanTask: 'rescanning hosts',
};

export interface BudgetOptions {
  perMinute: number;
  burst: number;
}

/**
 * The part of an API's budget one console user may spend: enough for a page and its refreshes, never
 * the whole bucket, so whatever one user varies, another still gets answers.
 */
export const userShare = 2 / 3;

/** A user's own bucket inside the API's: `userShare` of the rate, and of the burst (at least one call). */
export function userBucket(options: BudgetOptions): BudgetOptions {
  return { perMinute: options.perMinute * userShare, burst: Math.max(1, Math.floor(options.burst * userShare)) };
}

export type Grant = { granted: true } | { granted: false; retryAfterS: number };

/**
 * Where the token buckets live: in this process, or in Redis for every instance together. A call is
 * granted only when both the API's bucket and the user's share of it hold a token, and then takes
 * one from each.
 */
export interface BucketStore {
  /** Takes one call of `api` for `user` (undefined: no user, e.g. a background refresh): both buckets or neither. */
  take(api: HssApi, user: string | undefined): Promise<Grant>;
  /** HSS itself said it is throttling `api`: nothing more goes there until the bucket refills. */
  drain(api: HssApi): Promise<void>;
  /** Calls left now for `api`, and for `user` within it when given. */
  remaining(api: HssApi, user?: string): Promise<number>;
}

type Bucket = { tokens: number; at: number };

/** Seconds until a bucket at `tokens` holds one whole token again. */
function secondsToNextToken(tokens: number, perMinute: number): number {
  return Math.max(1, Math.ceil(((1 - tokens) * 60) / perMinute));
}

/**
 * One token bucket per HSS API, shared by every viewer of this process: `burst` calls at once, then
 * `perMinute` a minute; inside it, one smaller bucket per user. Users' buckets are dropped once full
 * again, so their number stays with the users active within a refill.
 */
export function createMemoryBucketStore(options: BudgetOptions & { now?: () => number }): BucketStore {
  const now = options.now ?? Date.now;
  const share = userBucket(options);
  const apis = new Map<HssApi, Bucket>();
  const users = new Map<string, Bucket>();

  function level(bucket: Bucket | undefined, rule: BudgetOptions, t: number): number {
    if (!bucket) return rule.burst;
    return Math.min(rule.burst, bucket.tokens + ((t - bucket.at) * rule.perMinute) / 60_000);
  }
  function forgetFullUsers(t: number) {
    for (const [key, bucket] of users) if (level(bucket, share, t) >= share.burst) users.delete(key);
  }

  return {
    async take(api, user) {
      const t = now();
      forgetFullUsers(t);
      const userKey = user === undefined ? undefined : `${api}\u0000${user}`;
      const left = level(apis.get(api), options, t);
      const userLeft = userKey === undefined ? Number.POSITIVE_INFINITY : level(users.get(userKey), share, t);
      if (left < 1 || userLeft < 1) {
        const waitS = Math.max(left < 1 ? secondsToNextToken(left, options.perMinute) : 0, userLeft < 1 ? secondsToNextToken(userLeft, share.perMinute) : 0);
        return { granted: false, retryAfterS: waitS };
      }
      apis.set(api, { tokens: left - 1, at: t });
      if (userKey !== undefined) users.set(userKey, { tokens: userLeft - 1, at: t });
      return { granted: true };
    },
    async drain(api) {
      apis.set(api, { tokens: 0, at: now() });
    },
    async remaining(api, user) {
      const t = now();
      const left = level(apis.get(api), options, t);
      const userLeft = user === undefined ? left : level(users.get(`${api}\u0000${user}`), share, t);
      return Math.floor(Math.min(left, userLeft));
    },
  };
}

/** The refusal a viewer gets when the budget is spent and there is no earlier answer to show. */
export function overBudget(api: HssApi, retryAfterS: number): AppError {
  return new AppError(
    429,
    'too_many_requests',
    `HSS allows only a few calls a minute for ${hssApiLabels[api]}, and ScanDeck has used them. Try again in ${retryAfterS} s.`,
    { retryAfterS },
  );
}

/** HSS's own throttling answer (HTTP 429 or APIG's flow-control code), however the transport classed it. */
export function isHssThrottling(err: unknown): boolean {
  return err instanceof AppError && err.upstream?.vendor === 'hss' && (err.upstream.status === 429 || err.upstream.code === 'APIGW.0308');
}
