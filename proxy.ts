import type { NextRequest, NextResponse } from 'next/server';
import { guardPage } from '@/lib/server/page-guard';

export function proxy(request: NextRequest): Promise<NextResponse> {
  return guardPage(request);
}

export const config = {
  // Every page, sign-in included (it needs its CSP nonce), whatever its path holds (a dot too: an
  // id such as `a.b` is still a page); not the API (handlers answer 401 themselves, and the health
  // probes need no session), Next's own files, the icons in public/ (favicon.ico, icon.svg), which
  // the sign-in page shows too, or /metrics (a scraper's bearer token, checked by its handler).
  matcher: ['/((?!api/|_next/|metrics$|favicon\\.ico$|icon\\.svg$).*)'],
};
