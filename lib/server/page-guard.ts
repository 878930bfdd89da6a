import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { getEnv, isDevelopment } from './env';
import { withSecurityHeaders } from './security-headers';
import { noteRequestUser } from './request-id';
import { readSessionToken, renewSessionCookie } from './session';

/** `/login?callbackUrl=<path+query>`; only a path of this site, never a full or protocol-relative URL. */
export function loginUrl(request: NextRequest): URL {
  const login = new URL('/login', request.nextUrl.origin);
  const callback = `${request.nextUrl.pathname}${request.nextUrl.search}`.replace(/^[/\\]+/, '/');
  if (callback !== '/') login.searchParams.set('callbackUrl', callback);
  return login;
}

/**
 * A policy with this request's nonce: Next reads the nonce from the request's CSP header and puts
 * it on its own scripts, so no inline script runs without it. Styles stay 'unsafe-inline' because
 * React writes style attributes, and a nonce in style-src would switch that allowance off.
 */
export function contentSecurityPolicy(nonce: string, options: { https: boolean; dev: boolean; formTargets?: string[] }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    // The SSO button posts to next-auth, which redirects to the provider: browsers hold the
    // redirect of a form post to form-action too, so the provider's origin is named.
    `form-action 'self'${(options.formTargets ?? []).map((origin) => ` ${origin}`).join('')}`,
    "frame-ancestors 'none'",
    ...(options.https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

const publicPaths = new Set(['/login']);

/**
 * What proxy.ts does for a page request: a fresh CSP nonce; without a live session, the way to
 * sign-in; with one, a renewed cookie so that the idle timeout counts from the last page used.
 * A convenience for people only: API handlers and pages check the session themselves.
 */
export async function guardPage(request: NextRequest): Promise<NextResponse> {
  const { auth, oidc } = getEnv();
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const formTargets = oidc ? [new URL(oidc.issuer).origin] : [];
  const csp = contentSecurityPolicy(nonce, { https: auth.secureCookie, dev: isDevelopment(), formTargets });
  const token = await readSessionToken(request);
  if (typeof token?.username === 'string') noteRequestUser(request.headers, token.username);
  let res: NextResponse;
  if (token || publicPaths.has(request.nextUrl.pathname)) {
    const forwarded = new Headers(request.headers);
    forwarded.set('content-security-policy', csp);
    forwarded.set('x-nonce', nonce);
    res = NextResponse.next({ request: { headers: forwarded } });
    if (token) await renewSessionCookie(token, res);
  } else {
    res = NextResponse.redirect(loginUrl(request));
  }
  res.headers.set('content-security-policy', csp);
  return withSecurityHeaders(res);
}
