import type { NextRequest, NextResponse } from 'next/server';
import { guardPage } from '@/lib/server/page-guard';

export function proxy(request: NextRequest): Promise<NextResponse> {
  return guardPage(request);
}

export const config = {
  // Everything except sign-in, the API (handlers answer 401 themselves), Next's assets and files with an extension.
  matcher: ['/((?!login|api/|_next/|favicon.ico|.*\\..*).*)'],
};
