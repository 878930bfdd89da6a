import 'server-only';
import { getToken } from 'next-auth/jwt';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { NextRequest } from 'next/server';
import type { Role } from '@/lib/schemas/common';
import { sessionClaims } from './auth';
import { getEnv } from './env';
import { findUser } from './users-file';

export interface ConsoleSession {
  username: string;
  role: Role;
}

/**
 * The signed-in user of a request, re-checked against the users file so that removing a user or
 * changing their role takes effect on the next request, not when the token expires.
 */
export async function getRequestSession(req: NextRequest): Promise<ConsoleSession | null> {
  const env = getEnv();
  const token = await getToken({ req, secret: env.auth.secret, secureCookie: env.auth.secureCookie });
  const claims = sessionClaims.safeParse(token);
  if (!claims.success) return null;
  const user = await findUser(env.auth.usersFile, claims.data.username);
  if (!user) return null;
  return { username: user.username, role: user.role };
}

/** The session for a server component (page or layout), or null. */
export async function getPageSession(): Promise<ConsoleSession | null> {
  const incoming = await headers();
  const req = new NextRequest('http://scandeck.invalid/', { headers: { cookie: incoming.get('cookie') ?? '' } });
  return getRequestSession(req);
}

/** The session for a server component; sends the browser to /login when there is none. */
export async function requirePageSession(): Promise<ConsoleSession> {
  const session = await getPageSession();
  if (!session) redirect('/login');
  return session;
}
