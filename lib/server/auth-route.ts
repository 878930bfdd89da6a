import 'server-only';
import { NextRequest } from 'next/server';
import { signInRecorded } from './audit/recorder';
import { readLimitedBody } from './body';
import { clientAddress } from './client-address';
import { getEnv } from './env';
import { AppError, toErrorBody } from './errors';
import { runWithRequestContext, type SignInState } from './request-context';
import { withSecurityHeaders } from './security-headers';
import { getSignInThrottle } from './throttle';

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
const unavailable = () =>
  new AppError(
    503,
    'audit_unavailable',
    'Sign-in is temporarily unavailable: ScanDeck cannot write its audit trail or its session store. Try again later, or tell the operator.',
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
    console.error(`[scandeck] sign-in refused: state store unreadable (${err instanceof Error ? err.message : 'unknown error'})`);
    return callbackRefusal(req, unavailable(), 'Unavailable');
  }
  if (waitS !== null) {
    await signInRecorded({ username }, 'throttled', address);
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
    if (state.isUnavailable) return callbackRefusal(req, unavailable(), 'Unavailable');
    return res;
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
    return withSecurityHeaders(await inner(forwarded, context));
  };
}
