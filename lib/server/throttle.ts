import 'server-only';
import { getEnv } from './env';
import { getStateStore, type StateStore } from './store';
import { processSingletonOf } from './process-singletons';

export interface ThrottleLimits {
  /** failures of one username from one address before that pair is refused */
  maxFailuresPerUser: number;
  /** failures from one address, whatever the usernames, before it is refused */
  maxFailuresPerAddress: number;
  windowS: number;
  /** failures of a username (from anywhere) after which each of its attempts waits a little longer */
  slowAfter: number;
}

export type Verdict = { refused: true; retryAfterS: number } | { refused: false; delayMs: number };

/** One counted password check, so that it can be taken back or settled. */
export interface Attempt {
  username: string;
  address: string;
  hits: Array<{ key: string; id: string }>;
}

const stepDelayMs = 500;
const maxDelayMs = 3_000;

const normalUser = (username: string) => username.trim().toLowerCase();
const pairKey = (username: string, address: string) => `p:${normalUser(username)}\n${address}`;
const userKey = (username: string) => `u:${normalUser(username)}`;
const addressKey = (address: string) => `a:${address}`;

/** Seconds until the oldest failure that keeps `times` at its limit leaves the window. */
function retryAfter(times: number[], max: number, windowMs: number, now: number): number {
  if (times.length < max) return 0;
  return Math.max(1, Math.ceil((times[times.length - max]! + windowMs - now) / 1000));
}

/**
 * The sign-in policy. Only password checks count (next-auth's `authorize` calls `begin` once it
 * has accepted the CSRF token), and a refused attempt is never counted, so a lock cannot be
 * renewed by hammering it. Three counts, so that nobody can lock the owner out from elsewhere:
 * - one username from one address: refused after `maxFailuresPerUser` (a guesser at one account);
 * - one address: refused after `maxFailuresPerAddress` (a guesser spraying usernames);
 * - one username from anywhere: never refused, only slowed (0.5 s more per failure past
 *   `slowAfter`, up to 3 s), so guessing from many addresses gets slow while the owner still
 *   gets in from their own.
 * The counts live in the state store, so they hold across restarts and instances.
 */
export class SignInThrottle {
  private lastPruneMs = 0;

  constructor(
    private readonly limits: ThrottleLimits,
    private readonly store: () => StateStore = getStateStore,
  ) {}

  private get windowMs(): number {
    return this.limits.windowS * 1000;
  }

  /** Whether this username and address are refused right now, without counting anything. */
  async refusal(username: string, address: string, now = Date.now()): Promise<number | null> {
    const since = now - this.windowMs;
    const [pair, byAddress] = await Promise.all([this.store().hits(pairKey(username, address), since), this.store().hits(addressKey(address), since)]);
    const wait = Math.max(
      retryAfter(pair, this.limits.maxFailuresPerUser, this.windowMs, now),
      retryAfter(byAddress, this.limits.maxFailuresPerAddress, this.windowMs, now),
    );
    return wait > 0 ? wait : null;
  }

  /**
   * Counts a password check as a failure from the moment it starts, so parallel guesses see each
   * other; `succeeded` takes it back. A refused attempt is taken back at once.
   */
  async begin(username: string, address: string, now = Date.now()): Promise<{ verdict: Verdict; attempt: Attempt }> {
    const store = this.store();
    // Old failures and expired revocations go at most once a minute, so the store stays small.
    if (now - this.lastPruneMs > 60_000) {
      this.lastPruneMs = now;
      await store.prune(now, this.windowMs);
    }
    const keys = [pairKey(username, address), addressKey(address), userKey(username)] as const;
    const counted = await Promise.all(keys.map((key) => store.hit(key, now, this.windowMs)));
    const attempt: Attempt = { username, address, hits: counted.map((c, i) => ({ key: keys[i]!, id: c.id })) };
    const [pair, byAddress, byUser] = counted.map((c) => c.times) as [number[], number[], number[]];
    // Each list includes this attempt, so "over the limit" is one more than the limit.
    const wait = Math.max(
      pair.length > this.limits.maxFailuresPerUser ? retryAfter(pair.slice(0, -1), this.limits.maxFailuresPerUser, this.windowMs, now) : 0,
      byAddress.length > this.limits.maxFailuresPerAddress ? retryAfter(byAddress.slice(0, -1), this.limits.maxFailuresPerAddress, this.windowMs, now) : 0,
    );
    if (wait > 0) {
      await this.cancel(attempt);
      return { verdict: { refused: true, retryAfterS: wait }, attempt };
    }
    const over = byUser.length - this.limits.slowAfter;
    return { verdict: { refused: false, delayMs: over > 0 ? Math.min(maxDelayMs, over * stepDelayMs) : 0 }, attempt };
  }

  /** The right password: the username's counts start afresh; the address keeps its other failures. */
  async succeeded(attempt: Attempt): Promise<void> {
    const store = this.store();
    await Promise.all([
      store.clear(pairKey(attempt.username, attempt.address)),
      store.clear(userKey(attempt.username)),
      store.unhit(addressKey(attempt.address), attempt.hits.find((h) => h.key === addressKey(attempt.address))?.id ?? ''),
    ]);
  }

  /** Takes the attempt back, e.g. when it could not be recorded and so was not decided. */
  async cancel(attempt: Attempt): Promise<void> {
    const store = this.store();
    await Promise.all(attempt.hits.map((h) => store.unhit(h.key, h.id)));
  }
}

export function getSignInThrottle(): SignInThrottle {
  return processSingletonOf('signInThrottle', getEnv().signIn, (limits) => new SignInThrottle(limits));
}
