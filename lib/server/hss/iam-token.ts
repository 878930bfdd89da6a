import 'server-only';
import { z } from 'zod';
import type { HssAuth } from '../env';
import { AppError } from '../errors';
import { exchange } from './exchange';

type IamAuth = Extract<HssAuth, { mode: 'iam' }>;

export interface TokenSourceOptions {
  auth: IamAuth;
  timeoutMs: number;
  now?: () => number;
  /** a token is replaced this long before IAM says it expires (default 10 minutes) */
  refreshMarginMs?: number;
}

export interface TokenSource {
  /** a valid token; concurrent callers share one IAM call */
  get(): Promise<string>;
  /** drops `token` if it is still the current one (HSS said it expired), so the next get() refreshes */
  invalidate(token: string): void;
}

const tokenBody = z.object({ token: z.object({ expires_at: z.string() }) });
const iamErrorBody = z.object({
  error: z.object({ code: z.union([z.string(), z.number()]).optional(), message: z.string().optional() }),
});

interface Held {
  token: string;
  refreshAt: number;
}

export function createTokenSource(options: TokenSourceOptions): TokenSource {
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? 10 * 60_000;
  let held: Held | undefined;
  let pending: Promise<Held> | undefined;

  async function issue(): Promise<Held> {
    const { auth } = options;
    const res = await exchange({
      vendor: 'iam',
      url: new URL(`${auth.endpoint}/v3/auth/tokens`),
      method: 'POST',
      headers: { 'content-type': 'application/json;charset=utf8', accept: 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name: auth.username, password: auth.password, domain: { name: auth.domain } } },
          },
          scope: { project: { name: auth.projectName } },
        },
      }),
      timeoutMs: options.timeoutMs,
    });
    let json: unknown;
    try {
      json = JSON.parse(res.text);
    } catch {
      json = undefined;
    }
    if (res.status !== 201 && res.status !== 200) {
      const refusal = iamErrorBody.safeParse(json);
      const upstream = {
        vendor: 'iam' as const,
        status: res.status,
        code: refusal.success && refusal.data.error.code !== undefined ? String(refusal.data.error.code) : undefined,
        message: refusal.success ? refusal.data.error.message : undefined,
        requestId: res.requestId,
      };
      const why =
        res.status === 401 || res.status === 403
          ? "IAM refused the server's credentials; check IAM_DOMAIN, IAM_USERNAME, IAM_PASSWORD and IAM_PROJECT_NAME."
          : `IAM refused the token request (HTTP ${res.status}).`;
      throw new AppError(502, 'upstream_error', why, { upstream });
    }
    const token = res.headers.get('x-subject-token');
    const body = tokenBody.safeParse(json);
    const expiresAt = body.success ? Date.parse(body.data.token.expires_at) : Number.NaN;
    if (!token || Number.isNaN(expiresAt)) {
      throw new AppError(502, 'upstream_error', 'IAM answered without a token or its expiry.', {
        upstream: { vendor: 'iam', status: res.status, requestId: res.requestId },
      });
    }
    const issuedAt = now();
    // A short-lived token is refreshed half-way, a day-long one `margin` before it ends.
    const lifetime = Math.max(0, expiresAt - issuedAt);
    return { token, refreshAt: issuedAt + Math.max(lifetime / 2, lifetime - margin) };
  }

  return {
    async get() {
      if (held && now() < held.refreshAt) return held.token;
      pending ??= issue().finally(() => {
        pending = undefined;
      });
      const fresh = await pending;
      held = fresh;
      return fresh.token;
    },
    invalidate(token) {
      if (held?.token === token) held = undefined;
    },
  };
}
