import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { getEnv } from '@/lib/server/env';

/**
 * Sends page requests without a session to the sign-in page. This is a convenience for people:
 * every API handler and page checks the session itself, so nothing relies on this file for security.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { auth } = getEnv();
  const token = await getToken({ req: request, secret: auth.secret, secureCookie: auth.secureCookie });
  if (token) return NextResponse.next();
  const login = new URL('/login', request.nextUrl.origin);
  // Only a path of this site, never a full or protocol-relative URL, so sign-in cannot send anyone away.
  const callback = `${request.nextUrl.pathname}${request.nextUrl.search}`.replace(/^[/\\]+/, '/');
  if (callback !== '/') login.searchParams.set('callbackUrl', callback);
  return NextResponse.redirect(login);
}

export const config = {
  // Everything except sign-in, the API (handlers answer 401 themselves), Next's assets and files with an extension.
  matcher: ['/((?!login|api/|_next/|favicon.ico|.*\\..*).*)'],
};
