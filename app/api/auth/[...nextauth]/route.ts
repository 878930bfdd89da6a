import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { getAuthOptions } from '@/lib/server/auth';
import { withSignInThrottle } from '@/lib/server/throttle';

export const dynamic = 'force-dynamic';

type AuthContext = { params: Promise<{ nextauth: string[] }> };

// Options are built per request so `next build` can import this module without the runtime env.
function handler(req: NextRequest, context: AuthContext): Promise<Response> {
  return NextAuth(req, context, getAuthOptions()) as Promise<Response>;
}

const throttledSignIn = withSignInThrottle(handler);

/** Only the credentials callback checks a password; the other next-auth POSTs are not throttled. */
async function post(req: NextRequest, context: AuthContext): Promise<Response> {
  const { nextauth } = await context.params;
  if (nextauth.join('/') === 'callback/credentials') return throttledSignIn(req, context);
  return handler(req, context);
}

export { handler as GET, post as POST };
