import type { NextRequest, NextResponse } from 'next/server';
import { guardPage } from '@/lib/server/page-guard';

export function proxy(request: NextRequest): Promise<NextResponse> {
  return guardPage(request);
}

export const config = {
  // Every page, sign-in included (it needs its CSP nonce), whatever its path holds (a dot too: an
  // id such as `a.b` is still a page); not the API (handlers answer 401 themselves), Next's own
  // files, or the favicon (the app has no other public files).
  matcher: ['/((?!api/|_next/|favicon\\.ico$).*)'],
};
