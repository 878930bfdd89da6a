import 'server-only';
import { withSecurityHeaders } from './security-headers';

/** The answer of a health probe (no session): JSON, never cached, with the usual security headers. */
export function probeAnswer(body: object, status: number): Response {
  return withSecurityHeaders(Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } }));
}
