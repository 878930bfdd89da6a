import type { NextRequest, NextResponse } from 'next/server';
import { guardPage } from '@/lib/server/page-guard';

export function proxy(request: NextRequest): Promise<NextResponse> {
  return guardPage(request);
}

export const config = {
  // Every page, sign-in included (it needs its CSP nonce); not the API (handlers answer 401
  // themselves), Next's assets or files with an extension.
  matcher: ['/((?!api/|_next/|favicon.ico|.*\\..*).*)'],
};
