import 'server-only';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** consecutive failed calls that open the circuit */
  threshold: number;
  /** how long an open circuit refuses calls before it lets one probe through */
  openMs: number;
  now?: () => number;
  onChange?: (state: CircuitState) => void;
}

export type Admission = { allowed: true; isProbe: boolean } | { allowed: false; retryAfterMs: number };

/**
 * One circuit per upstream. While open, calls fail at once instead of each waiting out a deadline
 * against a host that is down; after `openMs` a single probe decides whether it closes again.
 */
export function createBreaker(options: BreakerOptions) {
  const now = options.now ?? Date.now;
  let state: CircuitState = 'closed';
  let failures = 0;
  let openedAt = 0;
  let isProbing = false;

  const moveTo = (next: CircuitState) => {
    if (next === state) return;
    state = next;
    options.onChange?.(next);
  };

  return {
    get state(): CircuitState {
      return state;
    },
    admit(): Admission {
      if (state === 'closed') return { allowed: true, isProbe: false };
      const remaining = openedAt + options.openMs - now();
      if (state === 'open' && remaining > 0) return { allowed: false, retryAfterMs: remaining };
      if (isProbing) return { allowed: false, retryAfterMs: Math.max(remaining, 1_000) };
      moveTo('half-open');
      isProbing = true;
      return { allowed: true, isProbe: true };
    },
    success(): void {
      failures = 0;
      isProbing = false;
      moveTo('closed');
    },
    failure(): void {
      failures += 1;
      if (state === 'half-open' || failures >= options.threshold) {
        isProbing = false;
        openedAt = now();
        moveTo('open');
      }
    },
    /** a call that ended without telling anything about the upstream (e.g. a bad certificate) */
    release(isProbe: boolean): void {
      if (isProbe && state === 'half-open') {
        isProbing = false;
        openedAt = now();
        moveTo('open');
      }
    },
  };
}
export type Breaker = ReturnType<typeof createBreaker>;
