import 'server-only';
import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { getEnv } from './env';

/** `/login?callbackUrl=<path+query>`; only a path of this site, never a full or protocol-relative URL. */
export function loginUrl(request: NextRequest): URL {
  const login = new URL('/login', request.nextUrl.origin);
  const callback = `${request.nextUrl.pathname}${request.nextUrl.search}`.replace(/^[/\\]+/, '/');
  if (callback !== '/') login.searchParams.set('callbackUrl', callback);
  return login;
}

/**
 * What proxy.ts does for a page request: carry on with a session token, otherwise go to sign-in.
 * A convenience for people only: API handlers and pages check the session themselves.
 */
export async function guardPage(request: NextRequest): Promise<NextResponse> {
  const { auth } = getEnv();
  const token = await getToken({ req: request, secret: auth.secret, secureCookie: auth.secureCookie });
  if (token) return NextResponse.next();
  return NextResponse.redirect(loginUrl(request));
}
