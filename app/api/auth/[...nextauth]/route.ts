import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { getAuthOptions } from '@/lib/server/auth';

export const dynamic = 'force-dynamic';

type AuthContext = { params: Promise<{ nextauth: string[] }> };

// Options are built per request so `next build` can import this module without the runtime env.
function handler(req: NextRequest, context: AuthContext): Promise<Response> {
  return NextAuth(req, context, getAuthOptions()) as Promise<Response>;
}

export { handler as GET, handler as POST };
