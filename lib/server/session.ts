import 'server-only';
import { hkdfSync } from 'node:crypto';
import { jwtDecrypt } from 'jose';
import { encode, type JWT } from 'next-auth/jwt';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { NextRequest } from 'next/server';
import { cache } from 'react';
import type { ConsoleSession } from '@/lib/schemas/session';
import { cookieOptions, nowS, type SessionClaims, sessionClaims, sessionCookieName, sessionEndReason, type SessionTimes, sessionTimes } from './auth';
import { getEnv } from './env';
import { findUser } from './users-file';

/** next-auth's name for the key it derives from the secret (`next-auth/jwt`, getDerivedEncryptionKey, no salt). */
const encryptionKeyInfo = 'NextAuth.js Generated Encryption Key';
let derived: { secret: string | Buffer; key: Uint8Array } | undefined;

/** next-auth's session key for `secret`, derived once per secret instead of once per request. */
function encryptionKey(secret: string | Buffer): Uint8Array {
  if (derived?.secret !== secret) {
    derived = { secret, key: new Uint8Array(hkdfSync('sha256', secret, '', encryptionKeyInfo, 32)) };
  }
  return derived.key;
}

/**
 * The session cookie's value as next-auth's getToken reads it: every cookie whose name starts with
 * `name` (next-auth splits a long token into `name.0`, `name.1`, ...), joined in suffix order, values
 * URI-decoded as Next's cookie parser decodes them (a repeated name keeps its last value).
 */
export function sessionCookieValue(cookieHeader: string, name: string): string {
  const chunks = new Map<string, string>();
  for (const pair of cookieHeader.split(/; */)) {
    if (!pair.startsWith(name)) continue;
    const splitAt = pair.indexOf('=');
    if (splitAt === -1) {
      chunks.set(pair, 'true');
      continue;
    }
    try {
      chunks.set(pair.slice(0, splitAt), decodeURIComponent(pair.slice(splitAt + 1)));
    } catch {
      // A malformed escape is left out, as Next's parser leaves it out.
    }
  }
  if (chunks.size === 1) return chunks.values().next().value!;
  const suffix = (key: string) => Number.parseInt(key.split('.').pop() ?? '0', 10);
  return [...chunks.keys()]
    .sort((a, b) => suffix(a) - suffix(b))
    .map((key) => chunks.get(key))
    .join('');
}

/**
 * A session token read from the cookie alone, with next-auth's key derived once. next-auth's
 * getToken built a request of its own (a NextRequest copy, its cookie map, its SessionStore) and its
 * `decode` derives the key (HKDF) again for every token: together about half a millisecond of the
 * main thread per signed-in request (CPU profile under 16 concurrent list pages). The token is
 * checked exactly as next-auth checks it: `dir` + A256GCM JWE, 15 s clock tolerance; one that does
 * not decrypt is no session. Only the cookie is read: getToken would also take
 * `Authorization: Bearer`, a way in that skips the cookie's HttpOnly and SameSite protections.
 */
async function decodeSessionToken(text: string): Promise<JWT | null> {
  try {
    const { payload } = await jwtDecrypt(text, encryptionKey(getEnv().auth.secret), { clockTolerance: clockToleranceS });
    return payload as JWT;
  } catch {
    return null;
  }
}

const clockToleranceS = 15;

/** A token this process decrypted and read, with the claims read from it. */
interface ReadToken {
  token: JWT;
  times: SessionTimes;
  claims: SessionClaims;
}

/**
 * Tokens already decrypted and read, by their exact text, most recently used last. Decrypting the
 * JWE and reading its claims with zod was about a quarter of what a signed-in list page cost beyond
 * a refused one (CPU profile, 16 concurrent pages), for the same few tokens again and again. Only a
 * token that decrypted is kept (text a client makes up never is), at most `readTokensMax` of them,
 * each with its expiry checked again on every use as jose checks it. Whether its session is still
 * live (idle and absolute limits, sign-out, revocation, the user and role) is asked on every
 * request, never kept.
 */
const readTokens = new Map<string, ReadToken>();
const readTokensMax = 1_000;

/** `exp` and `nbf` as jwtDecrypt judges them, with the same tolerance. */
function isWithinTimes(token: JWT, now: number): boolean {
  const { exp, nbf } = token as { exp?: unknown; nbf?: unknown };
  if (typeof exp === 'number' && exp <= now - clockToleranceS) return false;
  return !(typeof nbf === 'number' && nbf > now + clockToleranceS);
}

async function readSessionCookie(cookieHeader: string): Promise<ReadToken | null> {
  const text = sessionCookieValue(cookieHeader, sessionCookieName(getEnv().auth.secureCookie));
  if (!text) return null;
  const hit = readTokens.get(text);
  if (hit) {
    readTokens.delete(text);
    if (!isWithinTimes(hit.token, nowS())) return null;
    readTokens.set(text, hit);
    return hit;
  }
  const token = await decodeSessionToken(text);
  if (!token) return null;
  const times = sessionTimes.safeParse(token);
  const claims = sessionClaims.safeParse(token);
  if (!times.success || !claims.success) return null;
  const read: ReadToken = { token: Object.freeze(token), times: times.data, claims: claims.data };
  readTokens.set(text, read);
  if (readTokens.size > readTokensMax) readTokens.delete(readTokens.keys().next().value!);
  return read;
}

/** The decoded token of a live session, kept so that it can be renewed. */
export async function readSessionToken(req: NextRequest): Promise<JWT | null> {
  return (await readLiveSession(req))?.token ?? null;
}

/** A live session's token and its claims, each parsed once. */
async function readLiveSession(req: NextRequest): Promise<{ token: JWT; claims: SessionClaims } | null> {
  const read = await readSessionCookie(req.headers.get('cookie') ?? '');
  if (!read) return null;
  const { token, times, claims } = read;
  if (await sessionEndReason({ ...times, ...claims }, getEnv().auth)) return null;
  return { token, claims };
}

/**
 * The signed-in user of a request: a token within its idle timeout and absolute lifetime, not
 * signed out, and (for a local user) re-checked against the users file so that removing a user or
 * changing their role takes effect on the next request, not when the token expires. An SSO user's
 * role holds until the session ends; a changed group shows at their next sign-in.
 */
export async function getRequestSession(req: NextRequest): Promise<ConsoleSession | null> {
  return (await resolveSession(req))?.session ?? null;
}

/** The session and the token it came from (for renewing the cookie), or null. */
export async function resolveSession(req: NextRequest): Promise<{ session: ConsoleSession; token: JWT } | null> {
  const live = await readLiveSession(req);
  if (!live) return null;
  const { token, claims } = live;
  // An SSO user is in no users file: their role is what the groups said at sign-in (see auth.ts).
  if (claims.sso) {
    const oidc = getEnv().oidc;
    if (!oidc || oidc.issuer !== claims.sso.issuer) return null;
    return { session: { username: claims.username, role: claims.role, sso: claims.sso }, token };
  }
  const user = await findUser(getEnv().auth.usersFile, claims.username);
  if (!user) return null;
  return { session: { username: user.username, role: user.role }, token };
}

export interface SessionCookie {
  name: string;
  value: string;
  options: ReturnType<typeof cookieOptions> & { maxAge: number };
}

/**
 * A fresh session cookie (new `iat`, so the idle clock restarts), or null when the token was
 * renewed less than a minute ago. The cookie never outlives the absolute lifetime.
 */
export async function renewedSessionCookie(token: JWT): Promise<SessionCookie | null> {
  const { auth } = getEnv();
  const times = sessionTimes.safeParse(token);
  if (!times.success) return null;
  const now = nowS();
  if (now - times.data.iat < Math.min(60, Math.floor(auth.sessionIdleS / 4))) return null;
  const remaining = times.data.authTime + auth.sessionMaxAgeS - now;
  if (remaining <= 0) return null;
  const claims: JWT = { ...token };
  // encode() stamps its own issue time, expiry and id.
  delete claims.iat;
  delete claims.exp;
  delete claims.jti;
  const value = await encode({ token: claims, secret: auth.secret, maxAge: remaining });
  return {
    name: sessionCookieName(auth.secureCookie),
    value,
    options: { ...cookieOptions(auth.secureCookie), maxAge: Math.min(remaining, auth.sessionIdleS) },
  };
}

/**
 * The one cookie writer: a renewed session cookie, when due (see renewedSessionCookie), added to an
 * answer, whether an API handler's or the page guard's, with the attributes next-auth gives it at
 * sign-in (`cookieOptions`: HttpOnly, SameSite=Strict, Path=/, Secure over https).
 */
export async function renewSessionCookie(token: JWT, res: Response): Promise<void> {
  const cookie = await renewedSessionCookie(token);
  if (!cookie) return;
  const { options } = cookie;
  const attributes = [`Path=${options.path}`, `Max-Age=${options.maxAge}`, 'HttpOnly', 'SameSite=Strict', ...(options.secure ? ['Secure'] : [])];
  res.headers.append('set-cookie', [`${cookie.name}=${cookie.value}`, ...attributes].join('; '));
}

/**
 * The session for a server component (page or layout), or null. Read once per page render: the
 * layout, the list's opening, its first page and the page itself each ask for it.
 */
export const getPageSession = cache(async (): Promise<ConsoleSession | null> => {
  const incoming = await headers();
  const req = new NextRequest('http://scandeck.invalid/', { headers: { cookie: incoming.get('cookie') ?? '' } });
  return getRequestSession(req);
});

/** The session for a server component; sends the browser to /login when there is none. */
export async function requirePageSession(): Promise<ConsoleSession> {
  const session = await getPageSession();
  if (!session) redirect('/login');
  return session;
}
