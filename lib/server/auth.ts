import 'server-only';
import { randomUUID } from 'node:crypto';
import type { AuthOptions, Session, User } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { roles, type Role } from '@/lib/schemas/common';
import { signInRecorded } from './audit/recorder';
import { getEnv } from './env';
import { dummyHash, verifyPassword } from './password';
import { findUser } from './users-file';

const credentialsSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(1024),
});

/** What ScanDeck keeps in the session token (next to next-auth's own claims). */
export const sessionClaims = z.object({ username: z.string().min(1), role: z.enum(roles) });
export type SessionClaims = z.infer<typeof sessionClaims>;

/**
 * When the session began (`authTime`, kept across renewals) and its id (`sid`, for sign-out), next
 * to `iat`, which next-auth rewrites each time it encodes the token and so marks the last renewal.
 */
export const sessionTimes = z.object({
  sid: z.string().min(1),
  authTime: z.number().int().positive(),
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

type RevokedSessions = Map<string, number>;
const revokedKey = Symbol.for('scandeck.revokedSessions');
/** Shared through globalThis because proxy.ts and the handlers may load this module separately. */
function revokedSessions(): RevokedSessions {
  const holder = globalThis as { [revokedKey]?: RevokedSessions };
  holder[revokedKey] ??= new Map();
  return holder[revokedKey];
}

/** Sign-out ends the session on the server too, so a copied token dies with it. */
export function revokeSession(sid: string, untilS: number): void {
  const revoked = revokedSessions();
  const now = nowS();
  for (const [id, until] of revoked) if (until <= now) revoked.delete(id);
  revoked.set(sid, untilS);
}

/** Why a token no longer opens a session, or null while it does. */
export function sessionEndReason(times: SessionTimes, auth: { sessionMaxAgeS: number; sessionIdleS: number }, now = nowS()): string | null {
  if (now - times.authTime >= auth.sessionMaxAgeS) return 'expired';
  if (now - times.iat >= auth.sessionIdleS) return 'idle';
  if (revokedSessions().has(times.sid)) return 'signed out';
  return null;
}

/**
 * Checks a username and password against the users file. An unknown user is verified against a
 * dummy hash so that both refusals take the same time.
 */
export async function authorizeCredentials(credentials: unknown): Promise<SessionClaims | null> {
  const parsed = credentialsSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const { username, password } = parsed.data;
  let record;
  try {
    record = await findUser(getEnv().auth.usersFile, username);
  } catch (err) {
    console.error(`[scandeck] sign-in refused: users file unreadable (${err instanceof Error ? err.message : 'unknown error'})`);
    await verifyPassword(password, dummyHash);
    return null;
  }
  const ok = await verifyPassword(password, record?.passwordHash ?? dummyHash);
  if (!record || !ok) return null;
  return { username: record.username, role: record.role };
}

/** Built on demand so that importing this module (e.g. during `next build`) never needs the env. */
export function getAuthOptions(): AuthOptions {
  const env = getEnv();
  return {
    secret: env.auth.secret,
    session: { strategy: 'jwt', maxAge: env.auth.sessionMaxAgeS },
    jwt: { maxAge: env.auth.sessionMaxAgeS },
    pages: { signIn: '/login' },
    useSecureCookies: env.auth.secureCookie,
    cookies: {
      sessionToken: { name: sessionCookieName(env.auth.secureCookie), options: cookieOptions(env.auth.secureCookie) },
      callbackUrl: {
        name: env.auth.secureCookie ? '__Host-next-auth.callback-url' : 'next-auth.callback-url',
        options: cookieOptions(env.auth.secureCookie),
      },
      csrfToken: {
        name: env.auth.secureCookie ? '__Host-next-auth.csrf-token' : 'next-auth.csrf-token',
        options: cookieOptions(env.auth.secureCookie),
      },
    },
    providers: [
      CredentialsProvider({
        name: 'ScanDeck',
        credentials: {
          username: { label: 'Username', type: 'text' },
          password: { label: 'Password', type: 'password' },
        },
        async authorize(credentials, req) {
          const claims = await authorizeCredentials(credentials);
          // A session opens only once its sign-in is on the audit trail.
          if (!(await signInRecorded(credentials, claims ? 'success' : 'failure', req?.headers))) return null;
          if (!claims) return null;
          const user: User & SessionClaims = { id: claims.username, name: claims.username, ...claims };
          return user;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        const claims = sessionClaims.safeParse(user);
        if (claims.success) {
          token.username = claims.data.username;
          token.role = claims.data.role;
          token.sid = randomUUID();
          token.authTime = nowS();
          return token;
        }
        // next-auth's own /api/auth/session renews the token: an idle, expired or signed-out one
        // must not come back to life there. Throwing makes next-auth clear the cookie.
        const times = sessionTimes.safeParse(token);
        const reason = times.success ? sessionEndReason(times.data, env.auth) : 'malformed';
        if (reason) throw new Error(`session ${reason}`);
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
      signOut({ token }) {
        const times = sessionTimes.safeParse(token);
        if (times.success) revokeSession(times.data.sid, times.data.authTime + env.auth.sessionMaxAgeS);
      },
    },
    // next-auth's default logger prints request metadata; keep only the code.
    logger: {
      error: (code) => console.error(`[scandeck] auth error: ${code}`),
      warn: (code) => console.warn(`[scandeck] auth warning: ${code}`),
      debug: () => undefined,
    },
  };
}
