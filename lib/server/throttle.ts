import 'server-only';
import { getEnv, type Env } from './env';
import { signInRecorded } from './audit/recorder';

export interface ThrottleLimits {
  maxFailuresPerUser: number;
  maxFailuresPerAddress: number;
  windowS: number;
  /** failures after which each attempt waits a little longer */
  slowAfter: number;
}

export type Verdict = { refused: true; retryAfterS: number } | { refused: false; delayMs: number };

/** Most keys kept at once, so a flood of made-up usernames cannot grow memory without bound. */
const maxKeys = 50_000;
const stepDelayMs = 500;
const maxDelayMs = 3_000;

/**
 * Sign-in failures per username and per client address in a sliding window. An attempt counts as
 * a failure from the moment it starts (parallel guesses cannot slip past the count) and is taken
 * back when it succeeds. Usernames are counted whether or not they exist, so the answers for an
 * unknown user and a wrong password are the same.
 */
export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly limits: ThrottleLimits) {}

  /** Whether an attempt may go ahead (and after what delay); an allowed attempt is counted. */
  begin(username: string, address: string, now = Date.now()): Verdict {
    const keys = [userKey(username), addressKey(address)] as const;
    const limits = [this.limits.maxFailuresPerUser, this.limits.maxFailuresPerAddress];
    let retryAfterS = 0;
    let over = 0;
    keys.forEach((key, i) => {
      const recent = this.recent(key, now);
      const max = limits[i]!;
      if (recent.length >= max) {
        const freesAt = recent[recent.length - max]! + this.limits.windowS * 1000;
        retryAfterS = Math.max(retryAfterS, Math.ceil((freesAt - now) / 1000));
      }
      over = Math.max(over, recent.length - this.limits.slowAfter + 1);
    });
    if (retryAfterS > 0) return { refused: true, retryAfterS };
    for (const key of keys) this.push(key, now);
    return { refused: false, delayMs: over > 0 ? Math.min(maxDelayMs, over * stepDelayMs) : 0 };
  }

  /** A right password clears that user's count; the address keeps its other failures. */
  succeeded(username: string, address: string): void {
    this.failures.delete(userKey(username));
    this.failures.get(addressKey(address))?.pop();
  }

  private recent(key: string, now: number): number[] {
    const since = now - this.limits.windowS * 1000;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }

  private push(key: string, now: number): void {
    const list = this.failures.get(key) ?? [];
    list.push(now);
    // Re-inserting keeps the Map in last-used order, so the oldest key is the first to go.
    this.failures.delete(key);
    this.failures.set(key, list);
    if (this.failures.size > maxKeys) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
  }
}

const userKey = (username: string) => `u:${username.trim().toLowerCase()}`;
const addressKey = (address: string) => `a:${address}`;

/**
 * The client's address as the nearest proxy saw it: the last X-Forwarded-For entry (Next sets the
 * header from the socket when no proxy did). Without a reverse proxy a client can name any address
 * there, so the per-username limit is the one that always holds.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for');
  const last = forwarded?.split(',').at(-1)?.trim();
  return last || 'unknown';
}

let shared: SignInThrottle | undefined;
function throttleFor(env: Env): SignInThrottle {
  shared ??= new SignInThrottle(env.signIn);
  return shared;
}

type Handler<R extends Request, C> = (req: R, context: C) => Promise<Response>;

/**
 * Wraps next-auth's credentials callback: a refused attempt gets 429 with Retry-After and a body
 * next-auth's `signIn()` can read (it needs `url`), a throttled one waits before the password is
 * checked, and next-auth's 401 stays the one answer for every failed sign-in.
 */
export function withSignInThrottle<R extends Request, C>(inner: Handler<R, C>, throttle?: SignInThrottle): Handler<R, C> {
  return async (req, context) => {
    const env = getEnv();
    const limiter = throttle ?? throttleFor(env);
    const form = await req
      .clone()
      .formData()
      .catch(() => null);
    const field = form?.get('username');
    const username = typeof field === 'string' ? field : '';
    const address = clientAddress(req.headers);
    const verdict = limiter.begin(username, address);
    if (verdict.refused) {
      // Refused either way; recording is best effort here (signInRecorded logs when it cannot).
      await signInRecorded({ username }, 'throttled', req.headers);
      const login = new URL('/login', env.auth.url ?? new URL(req.url).origin);
      login.searchParams.set('error', 'TooManyAttempts');
      return Response.json(
        {
          url: login.toString(),
          error: { code: 'too_many_requests', message: `Too many sign-in attempts. Try again in ${verdict.retryAfterS} s.` },
        },
        { status: 429, headers: { 'Retry-After': String(verdict.retryAfterS), 'Cache-Control': 'no-store' } },
      );
    }
    if (verdict.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, verdict.delayMs));
    const res = await inner(req, context);
    if (res.ok && /session-token=/.test(res.headers.get('set-cookie') ?? '')) limiter.succeeded(username, address);
    return res;
  };
}
