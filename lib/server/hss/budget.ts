import 'server-only';
import { AppError } from '../errors';

/** The HSS APIs ScanDeck calls; each has its own budget, as Huawei throttles per API. */
export type HssApi = 'ListVulScanTask' | 'ListVulScanTaskHost' | 'CreateVulScanTask' | 'RescanVulScanTask';

export const hssApiLabels: Record<HssApi, string> = {
  ListVulScanTask: 'the scan task list',
  ListVulScanTaskHost: 'the hosts of a scan task',
  CreateVulScanTask: 'starting a scan',
  RescanVulScanTask: 'rescanning hosts',
};

export interface BudgetOptions {
  perMinute: number;
  burst: number;
  now?: () => number;
}

export interface CallBudget {
  /** Takes one call from `api`'s bucket; false (and when a call is next possible) when it is empty. */
  take(api: HssApi): { granted: true } | { granted: false; retryAfterS: number };
  /** HSS itself said it is throttling `api`: nothing more goes there until the bucket refills. */
  drain(api: HssApi): void;
  /** calls left now, for tests and the benchmark */
  remaining(api: HssApi): number;
}

/**
 * One token bucket per HSS API, shared by every viewer of this process: `burst` calls at once, then
 * `perMinute` a minute. Whatever a client varies (offset, time range), it cannot buy more HSS calls.
 */
export function createCallBudget(options: BudgetOptions): CallBudget {
  const now = options.now ?? Date.now;
  const perMs = options.perMinute / 60_000;
  const buckets = new Map<HssApi, { tokens: number; at: number }>();

  function bucket(api: HssApi) {
    const t = now();
    let b = buckets.get(api);
    if (!b) {
      b = { tokens: options.burst, at: t };
      buckets.set(api, b);
    }
    b.tokens = Math.min(options.burst, b.tokens + (t - b.at) * perMs);
    b.at = t;
    return b;
  }

  return {
    take(api) {
      const b = bucket(api);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return { granted: true };
      }
      return { granted: false, retryAfterS: Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000)) };
    },
    drain(api) {
      bucket(api).tokens = 0;
    },
    remaining: (api) => Math.floor(bucket(api).tokens),
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
