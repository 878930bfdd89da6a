import 'server-only';
import { errorMessage, logger } from './log';
import { createHash } from 'node:crypto';
import { NextRequest } from 'next/server';
import { recordSsoSignIn, signInUnrecorded } from './audit/sign-in-audit';
import { sessionCookieName } from './auth';
import { readLimitedBody } from './body';
import { clientAddress } from './client-address';
import { getEnv } from './env';
import { AppError, toErrorBody } from './errors';
import { runWithRequestContext, type SignInState } from './request-context';
import { withSecurityHeaders } from './security-headers';
import { getSignInThrottle } from './throttle';
import { classifySsoFailure, ssoFailedCheck, ssoProviderId, type SsoFailure } from './sso';
import { getStateStore } from './store';

/** Sign-in takes a username, a password and a CSRF token: a few hundred bytes. */
export const authBodyLimit = 16 * 1024;

export type AuthContext = { params: Promise<{ nextauth: string[] }> };
type AuthHandler = (req: NextRequest, context: AuthContext) => Promise<Response>;

const formType = 'application/x-www-form-urlencoded';

/**
 * The credentials callback takes one shape only: a urlencoded form with each field once. next-auth
 * itself would also take JSON, and of a repeated field it keeps the last; the form handed on is
 * rebuilt from what was parsed here, so the username next-auth checks is the one counted.
 */
export function singleValuedForm(contentType: string | null, body: Buffer | null): URLSearchParams {
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== formType) throw new AppError(415, 'unsupported_media_type', `Send the sign-in as ${formType}.`);
  const sent = new URLSearchParams(body?.toString('utf8') ?? '');
  const form = new URLSearchParams();
  for (const [name, value] of sent) {
    if (form.has(name)) throw new AppError(400, 'bad_request', `The field "${name.slice(0, 40)}" was sent more than once.`);
    form.set(name, value);
  }
  for (const name of ['username', 'password', 'csrfToken']) {
    if (!form.get(name)) throw new AppError(400, 'bad_request', `The field "${name}" is missing.`);
  }
  return form;
}

/** An answer next-auth's `signIn()` can read (it needs `url`), with ScanDeck's error envelope. */
function callbackRefusal(req: NextRequest, err: AppError, loginError: string): Response {
  const { status, body, headers } = toErrorBody(err);
  const login = new URL('/login', getEnv().auth.url ?? req.nextUrl.origin);
  login.searchParams.set('error', loginError);
  return Response.json({ url: login.toString(), ...body }, { status, headers: { ...headers, 'Cache-Control': 'no-store' } });
}

const tooMany = (retryAfterS: number) => new AppError(429, 'too_many_requests', `Too many sign-in attempts. Try again in ${retryAfterS} s.`, { retryAfterS });
const unavailable = (code: NonNullable<SignInState['unavailable']> = 'audit_unavailable') =>
  new AppError(
    503,
    code,
    code === 'store_unavailable'
      ? 'Sign-in is temporarily unavailable: ScanDeck cannot reach its database to record it. Try again later, or tell the operator.'
      : 'Sign-in is temporarily unavailable: ScanDeck cannot write its audit trail or its session store. Try again later, or tell the operator.',
  );

async function credentialsCallback(req: NextRequest, body: Buffer | null, context: AuthContext, inner: AuthHandler): Promise<Response> {
  let form: URLSearchParams;
  try {
    form = singleValuedForm(req.headers.get('content-type'), body);
  } catch (err) {
    return callbackRefusal(req, err as AppError, 'BadRequest');
  }
  const address = clientAddress(req.headers);
  const username = form.get('username')!.slice(0, 256);
  // Already refused: answered without next-auth and without counting, so a lock is never renewed.
  let waitS: number | null;
  try {
    waitS = await getSignInThrottle().refusal(username, address);
  } catch (err) {
    logger().error({ error: errorMessage(err) }, 'sign-in refused: state store unreadable');
    return callbackRefusal(req, unavailable(), 'Unavailable');
  }
  if (waitS !== null) {
    await signInUnrecorded({ username }, 'throttled', address);
    return callbackRefusal(req, tooMany(waitS), 'TooManyAttempts');
  }
  const headers = new Headers(req.headers);
  headers.set('content-type', formType);
  headers.delete('content-length');
  const rebuilt = new NextRequest(req.url, { method: 'POST', headers, body: form.toString() });
  return runWithRequestContext(async (requestContext) => {
    const state: SignInState = { address };
    requestContext.signIn = state;
    const res = await inner(rebuilt, context);
    if (state.throttledS !== undefined) return callbackRefusal(req, tooMany(state.throttledS), 'TooManyAttempts');
    if (state.unavailable) return callbackRefusal(req, unavailable(state.unavailable), 'Unavailable');
    return res;
  });
}

/** How long next-auth's state cookie lives (its default): a used state is remembered as long. */
const stateLifetimeMs = 15 * 60_000;
const stateKey = (state: string) => `sso-state\n${createHash('sha256').update(state).digest('hex')}`;

/** A redirect to the sign-in page, which explains `error`; the cookies next-auth set or cleared go along. */
function toLogin(req: NextRequest, error: string, from?: Response): Response {
  const login = new URL('/login', getEnv().auth.url ?? req.nextUrl.origin);
  login.searchParams.set('error', error);
  const headers = new Headers({ Location: login.toString(), 'Cache-Control': 'no-store' });
  for (const cookie of from?.headers.getSetCookie() ?? []) headers.append('Set-Cookie', cookie);
  return new Response(null, { status: 302, headers });
}

/** Records a failed SSO attempt that named nobody; a trail that cannot be written is logged, the attempt fails anyway. */
async function recordSsoFailure(error: SsoFailure, reason: string, address: string): Promise<void> {
  const oidc = getEnv().oidc;
  try {
    await recordSsoSignIn({
      outcome: 'failed',
      username: null,
      role: null,
      issuer: oidc?.issuer ?? '(not configured)',
      subject: null,
      errorCode: error,
      reason,
      check: ssoFailedCheck(reason),
      address,
    });
  } catch (err) {
    logger().error({ error: errorMessage(err) }, 'audit: failed SSO sign-in not recorded');
  }
}

const htmlEscape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The provider sent the browser here, so this request and any redirect it answers with are
 * cross-site: the browser would hold back the new SameSite=Strict session cookie on the next page
 * and show the sign-in page again. A page that moves on by itself starts a same-site navigation.
 */
function sameSiteHop(req: NextRequest, res: Response): Response {
  const origin = new URL(getEnv().auth.url ?? req.nextUrl.origin).origin;
  const target = new URL(res.headers.get('location') ?? '/', origin);
  const next = target.origin === origin ? `${target.pathname}${target.search}` : '/';
  const headers = new Headers({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
  for (const cookie of res.headers.getSetCookie()) headers.append('Set-Cookie', cookie);
  const href = htmlEscape(next);
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${href}"><title>Signing in…</title></head><body><p>Signed in. <a href="${href}">Continue to ScanDeck</a></p></body></html>`;
  return new Response(body, { status: 200, headers });
}

/**
 * Sign-in through the organization's provider, both legs: the start (`signin/oidc`, which fetches
 * the provider's discovery document) and the return (`callback/oidc`). next-auth and openid-client
 * check PKCE, state, nonce, and the ID token's signature, issuer, audience and lifetime; here a
 * state already used is refused before any of that (a replayed callback never reaches the
 * provider), and whatever failed is recorded and explained on the sign-in page rather than on
 * next-auth's generic error page.
 */
async function ssoLeg(req: NextRequest, forwarded: NextRequest, context: AuthContext, inner: AuthHandler, isCallback: boolean): Promise<Response> {
  const address = clientAddress(req.headers);
  const returnedState = isCallback ? (req.nextUrl.searchParams.get('state') ?? '').slice(0, 1024) : '';
  if (returnedState) {
    let used: number[];
    try {
      used = await getStateStore().hits(stateKey(returnedState), Date.now() - stateLifetimeMs);
    } catch (err) {
      logger().error({ error: errorMessage(err) }, 'sign-in refused: state store unreadable');
      return toLogin(req, 'Unavailable');
    }
    if (used.length > 0) {
      await recordSsoFailure('SsoExpired', 'state already used (a replayed callback)', address);
      return toLogin(req, 'SsoExpired');
    }
  }
  return runWithRequestContext(async (requestContext) => {
    const state: SignInState = { address };
    requestContext.signIn = state;
    const res = await inner(forwarded, context);
    const cookieName = `${sessionCookieName(getEnv().auth.secureCookie)}=`;
    const opened = res.headers.getSetCookie().some((c) => c.startsWith(cookieName) && !c.startsWith(`${cookieName};`));
    if (opened) {
      try {
        await getStateStore().hit(stateKey(returnedState), Date.now(), stateLifetimeMs);
      } catch (err) {
        // The provider refuses a second use of the code anyway; the session stands.
        logger().error({ error: errorMessage(err) }, 'used SSO state not remembered');
      }
      return sameSiteHop(req, res);
    }
    // The signIn callback recorded its own decision (a refusal by groups) and chose the page.
    if (state.ssoRecorded) return res;
    const location = res.headers.get('location') ?? '';
    if (state.ssoFailure === undefined && !/[?&]error=/.test(location)) return res;
    const reason = state.ssoFailure ?? new URL(location, req.nextUrl.origin).searchParams.get('error') ?? 'unknown';
    const failure = isCallback ? classifySsoFailure(reason) : 'SsoUnreachable';
    await recordSsoFailure(failure, reason, address);
    return toLogin(req, failure, res);
  });
}

/**
 * Wraps every /api/auth/* answer of next-auth: the body is capped before anything reads it, and
 * the credentials callback takes only a single-valued form (see `singleValuedForm`) from a client
 * the throttle has not refused.
 */
export function guardAuthRoute(inner: AuthHandler): AuthHandler {
  return async (req, context) => {
    let body: Buffer | null;
    try {
      body = await readLimitedBody(req, authBodyLimit);
    } catch (err) {
      const { status, body: envelope, headers } = toErrorBody(err);
      return withSecurityHeaders(Response.json(envelope, { status, headers: { ...headers, 'Cache-Control': 'no-store' } }));
    }
    const action = ((await context.params).nextauth ?? []).join('/');
    if (req.method === 'POST' && action === 'callback/credentials') {
      return withSecurityHeaders(await credentialsCallback(req, body, context, inner));
    }
    const forwarded = new NextRequest(req.url, { method: req.method, headers: req.headers, body: body && body.byteLength > 0 ? new Uint8Array(body) : null });
    if (getEnv().oidc && (action === `callback/${ssoProviderId}` || (req.method === 'POST' && action === `signin/${ssoProviderId}`))) {
      return withSecurityHeaders(await ssoLeg(req, forwarded, context, inner, action.startsWith('callback/')));
    }
    return withSecurityHeaders(await inner(forwarded, context));
  };
}
