import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { getAuthOptions } from '@/lib/server/auth';
import { guardAuthRoute, type AuthContext } from '@/lib/server/auth-route';

export const dynamic = 'force-dynamic';

// Options are built per request so `next build` can import this module without the runtime env.
function handler(req: NextRequest, context: AuthContext): Promise<Response> {
  return NextAuth(req, context, getAuthOptions()) as Promise<Response>;
}

/** Every next-auth answer goes through the guard: a capped body, and sign-in in one shape only. */
const guarded = guardAuthRoute(handler);

export { guarded as GET, guarded as POST };
