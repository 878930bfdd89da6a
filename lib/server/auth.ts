import 'server-only';
import { errorMessage, logger } from './log';
import { randomUUID } from 'node:crypto';
import type { AuthOptions, Session, User } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { roles, type Role } from '@/lib/schemas/common';
import { recordSsoSignIn, signInUnrecorded } from './audit/sign-in-audit';
import { clientAddress } from './client-address';
import { AppError } from './errors';
import { getEnv } from './env';
import { currentRequestContext } from './request-context';
import { getStateStore } from './store';
import { getSignInThrottle } from './throttle';
import { dummyHash, verifyPassword } from './password';
import { findUser, type UserRecord } from './users-file';
import { ssoProvider, ssoProviderId, type SsoUser } from './sso';

const credentialsSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(1024),
});

/** What ScanDeck keeps in the session token (next to next-auth's own claims). */
export const sessionClaims = z.object({
  username: z.string().min(1),
  role: z.enum(roles),
  /** set for a sign-in through the organization's provider: who vouched for the user, and as whom */
  sso: z.object({ issuer: z.string().min(1), subject: z.string().min(1) }).optional(),
});
export type SessionClaims = z.infer<typeof sessionClaims>;

/**
 * Whose sessions a revocation ends. A local user is their username; an SSO user is marked apart
 * (`sso:` cannot start a local username), so "sign out everywhere" of either never ends the other's.
 */
export function revocationKey(claims: Pick<SessionClaims, 'username' | 'sso'>): string {
  return claims.sso ? `sso:${claims.username}` : claims.username;
}

/**
 * When the session began (`authTime`, kept across renewals) and its id (`sid`, for sign-out), next
 * to `iat`, which next-auth rewrites each time it encodes the token and so marks the last renewal.
 */
export const sessionTimes = z.object({
  sid: z.string().min(1),
  authTime: z.number().int().positive(),
  /** sign-in time to the millisecond, so "sign out everywhere" spares a sign-in a moment later */
  authTimeMs: z.number().int().positive().optional(),
  iat: z.number().int().positive(),
});
export type SessionTimes = z.infer<typeof sessionTimes>;

export const nowS = (): number => Math.floor(Date.now() / 1000);

/** `__Host-` over https: the browser then insists on Secure, Path=/ and no Domain. */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-next-auth.session-token' : 'next-auth.session-token';
}

export function cookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: 'strict' as const, path: '/', secure };
}

/** Sign-out ends the session on the server too (in the state store), so a copied token dies with it. */
export async function revokeSession(sid: string, untilS: number): Promise<void> {
  await getStateStore().revokeSession(sid, untilS * 1000);
}

/**
 * Ends every session of `key` (see `revocationKey`) now ("sign out everywhere"); a sign-in after this moment
 * is not affected. Kept for a session's maximum age, after which no such session can live anyway.
 */
export async function revokeUserSessions(key: string, atMs = Date.now()): Promise<void> {
  await getStateStore().revokeUser(key, atMs, atMs + getEnv().auth.sessionMaxAgeS * 1000);
}

/** Why a token no longer opens a session, or null while it does. */
export async function sessionEndReason(
  times: SessionTimes & { username: string; sso?: SessionClaims['sso'] },
  auth: { sessionMaxAgeS: number; sessionIdleS: number },
  now = nowS(),
): Promise<string | null> {
  if (now - times.authTime >= auth.sessionMaxAgeS) return 'expired';
  if (now - times.iat >= auth.sessionIdleS) return 'idle';
  const authTimeMs = times.authTimeMs ?? times.authTime * 1000;
  let isRevoked: boolean;
  try {
    isRevoked = await getStateStore().isRevoked({ sid: times.sid, username: revocationKey(times), authTimeMs });
  } catch (err) {
    // Without the store nobody can tell a signed-out session from a live one: refuse, plainly.
    logger().error({ error: errorMessage(err) }, 'state store unreadable');
    throw new AppError(503, 'store_unavailable', 'ScanDeck cannot check sessions right now. Try again later, or tell the operator.');
  }
  return isRevoked ? 'signed out' : null;
}

/**
 * Checks a username and password against the users file. An unknown user is verified against a
 * dummy hash so that both refusals take the same time.
 */
export async function authorizeCredentials(credentials: unknown): Promise<SessionClaims | null> {
  const parsed = credentialsSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const { username, password } = parsed.data;
  let record: UserRecord | undefined;
  try {
    record = await findUser(getEnv().auth.usersFile, username);
  } catch (err) {
    logger().error({ error: errorMessage(err) }, 'sign-in refused: users file unreadable');
    await verifyPassword(password, dummyHash);
    return null;
  }
  const ok = await verifyPassword(password, record?.passwordHash ?? dummyHash);
  if (!record || !ok) return null;
  return { username: record.username, role: record.role };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * next-auth's `authorize`: the one place that checks a password, so the one place that counts.
 * It runs only after next-auth has accepted the CSRF token, and sees exactly the credentials it
 * checks. The guard of /api/auth (auth-route.ts) puts the client's address in the request context
 * and turns the flags set here into 429 (throttled) or 503 (trail or store not writable).
 */
export async function authorizeThrottled(credentials: unknown): Promise<(User & SessionClaims) | null> {
  const state = currentRequestContext()?.signIn ?? { address: clientAddress(undefined) };
  const parsed = credentialsSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const throttle = getSignInThrottle();
  let counted: Awaited<ReturnType<typeof throttle.begin>>;
  try {
    counted = await throttle.begin(parsed.data.username, state.address);
  } catch (err) {
    logger().error({ error: errorMessage(err) }, 'sign-in refused: state store not writable');
    state.unavailable = 'audit_unavailable';
    return null;
  }
  const { verdict, attempt } = counted;
  if (verdict.refused) {
    state.throttledS = verdict.retryAfterS;
    await signInUnrecorded(credentials, 'throttled', state.address);
    return null;
  }
  if (verdict.delayMs > 0) await sleep(verdict.delayMs);
  const claims = await authorizeCredentials(parsed.data);
  // A session opens only once its sign-in is on the audit trail; an attempt that cannot be
  // recorded is not decided either way, so it does not count.
  const unrecorded = await signInUnrecorded(credentials, claims ? 'success' : 'failure', state.address);
  if (unrecorded) {
    state.unavailable = unrecorded;
    await throttle.cancel(attempt);
    return null;
  }
  if (!claims) return null;
  // The password was right and is on the trail: failing to clear the counts must not refuse it.
  await throttle.succeeded(attempt).catch((err: unknown) => {
    logger().error({ error: errorMessage(err) }, 'sign-in counts not cleared');
  });
  return { id: claims.username, name: claims.username, ...claims };
}

/**
 * next-auth's `signIn` callback for the organization's provider: the groups decided the role in
 * `profile()`; here a user without one is refused, and every outcome goes on the trail first.
 * Returning a URL sends the browser to the sign-in page, which says why.
 */
async function ssoSignInAllowed(user: SsoUser): Promise<true | string> {
  const state = currentRequestContext()?.signIn;
  const refusal = user.role === null ? (user.refusal ?? 'SsoNoRole') : null;
  try {
    await recordSsoSignIn({
      outcome: refusal ? 'refused' : 'success',
      username: user.username,
      role: user.role,
      issuer: user.sso.issuer,
      subject: user.sso.subject,
      errorCode: refusal,
      address: state?.address ?? null,
    });
  } catch (err) {
    logger().error({ error: errorMessage(err) }, 'audit: sign-in not recorded, refused');
    if (state) state.ssoRecorded = true;
    return '/login?error=Unavailable';
  }
  if (state) state.ssoRecorded = true;
  return refusal ? `/login?error=${refusal}` : true;
}

/** Keeps what next-auth reported, so the guard of /api/auth can record a failed SSO attempt. */
function noteSsoFailure(code: string, metadata: unknown): void {
  const state = currentRequestContext()?.signIn;
  if (!state || state.ssoFailure !== undefined) return;
  const meta = (metadata ?? {}) as { error?: { message?: unknown }; message?: unknown };
  const message = typeof meta.error?.message === 'string' ? meta.error.message : typeof meta.message === 'string' ? meta.message : '';
  state.ssoFailure = `${code}: ${message}`.slice(0, 300);
}

/** Built on demand so that importing this module (e.g. during `next build`) never needs the env. */
export function getAuthOptions(): AuthOptions {
  const env = getEnv();
  return {
    secret: env.auth.secret,
    session: { strategy: 'jwt', maxAge: env.auth.sessionMaxAgeS },
    jwt: { maxAge: env.auth.sessionMaxAgeS },
    // next-auth's own error page is replaced by the sign-in page, which explains each refusal.
    pages: { signIn: '/login', error: '/login' },
    useSecureCookies: env.auth.secureCookie,
    cookies: {
      sessionToken: { name: sessionCookieName(env.auth.secureCookie), options: cookieOptions(env.auth.secureCookie) },
      // Lax, not Strict: it must come back with the browser from the provider's cross-site redirect,
      // or an SSO sign-in would forget where the person was going. It holds a path, nothing secret.
      callbackUrl: {
        name: env.auth.secureCookie ? '__Host-next-auth.callback-url' : 'next-auth.callback-url',
        options: { ...cookieOptions(env.auth.secureCookie), sameSite: 'lax' as const },
      },
      csrfToken: {
        name: env.auth.secureCookie ? '__Host-next-auth.csrf-token' : 'next-auth.csrf-token',
        options: cookieOptions(env.auth.secureCookie),
      },
    },
    providers: [
      ...(env.oidc ? [ssoProvider(env.oidc)] : []),
      // Break-glass sign-in from the users file; with LOCAL_SIGNIN=off the provider itself is gone,
      // so a hand-made POST to its callback finds nothing to call.
      ...(env.localSignIn
        ? [
            CredentialsProvider({
              name: 'ScanDeck',
              credentials: {
                username: { label: 'Username', type: 'text' },
                password: { label: 'Password', type: 'password' },
              },
              authorize: (credentials) => authorizeThrottled(credentials),
            }),
          ]
        : []),
    ],
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== ssoProviderId) return true;
        return ssoSignInAllowed(user as unknown as SsoUser);
      },
      async jwt({ token, user }) {
        const claims = sessionClaims.safeParse(user);
        if (claims.success) {
          const now = Date.now();
          token.username = claims.data.username;
          token.role = claims.data.role;
          if (claims.data.sso) token.sso = claims.data.sso;
          token.sid = randomUUID();
          token.authTime = Math.floor(now / 1000);
          token.authTimeMs = now;
          return token;
        }
        // next-auth's own /api/auth/session renews the token: it must hold to the same checks as
        // every API route. An idle, expired or signed-out one must not come back to life there
        // (throwing makes next-auth clear the cookie), and the users file decides who and what.
        const times = sessionTimes.safeParse(token);
        const known = sessionClaims.safeParse(token);
        if (!times.success || !known.success) throw new Error('session malformed');
        const reason = await sessionEndReason({ ...times.data, ...known.data }, env.auth);
        if (reason) throw new Error(`session ${reason}`);
        // An SSO user's role is what the groups said at sign-in; a changed group shows at the next
        // one (sign them out everywhere to make it sooner). Without SSO configured, none is let in.
        if (known.data.sso) {
          if (!env.oidc || known.data.sso.issuer !== env.oidc.issuer) throw new Error('session of a provider no longer trusted');
          return token;
        }
        const current = await findUser(env.auth.usersFile, known.data.username);
        if (!current) throw new Error('session of a removed user');
        token.role = current.role;
        return token;
      },
      session({ session, token }) {
        const claims = sessionClaims.safeParse(token);
        if (!claims.success) return session;
        const withRole: Session & { username: string; role: Role } = {
          expires: session.expires,
          user: { name: claims.data.username },
          username: claims.data.username,
          role: claims.data.role,
        };
        return withRole;
      },
    },
    events: {
      async signOut({ token }) {
        const times = sessionTimes.safeParse(token);
        if (!times.success) return;
        try {
          await revokeSession(times.data.sid, times.data.authTime + env.auth.sessionMaxAgeS);
        } catch (err) {
          logger().error({ error: errorMessage(err) }, 'sign-out not persisted');
        }
      },
    },
    // next-auth's default logger prints request metadata; keep only the code.
    logger: {
      error: (code, metadata) => {
        logger().error({ event: 'next_auth_error', code }, `auth error: ${code}`);
        noteSsoFailure(code, metadata);
      },
      warn: (code) => logger().warn({ event: 'next_auth_warning', code }, `auth warning: ${code}`),
      debug: () => undefined,
    },
  };
}
