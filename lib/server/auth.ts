import 'server-only';
import type { AuthOptions, Session, User } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { roles, type Role } from '@/lib/schemas/common';
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
    providers: [
      CredentialsProvider({
        name: 'ScanDeck',
        credentials: {
          username: { label: 'Username', type: 'text' },
          password: { label: 'Password', type: 'password' },
        },
        async authorize(credentials) {
          const claims = await authorizeCredentials(credentials);
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
        }
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
    // next-auth's default logger prints request metadata; keep only the code.
    logger: {
      error: (code) => console.error(`[scandeck] auth error: ${code}`),
      warn: (code) => console.warn(`[scandeck] auth warning: ${code}`),
      debug: () => undefined,
    },
  };
}
