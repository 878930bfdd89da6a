import type { NextRequest } from 'next/server';
import { metricsText } from '@/lib/server/metrics';
import { metricsAccess } from '@/lib/server/metrics-auth';
import { probeAnswer } from '@/lib/server/probe';
import { withSecurityHeaders } from '@/lib/server/security-headers';

// prom-client and the process metrics need Node, and every scrape must be counted afresh.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Prometheus metrics, for a scraper holding METRICS_TOKEN (no session: scrapers have none). Without
 * the token configured, the route does not exist (404), so nothing tells a visitor it could.
 */
export async function GET(req: NextRequest): Promise<Response> {
  const access = metricsAccess(req.headers.get('authorization'));
  if (access === 'off') return probeAnswer({ error: { code: 'not_found', message: 'Not found.' } }, 404);
  if (access === 'refused') {
    const res = probeAnswer({ error: { code: 'unauthenticated', message: 'Send Authorization: Bearer <METRICS_TOKEN>.' } }, 401);
    res.headers.set('WWW-Authenticate', 'Bearer realm="metrics"');
    return res;
  }
  const { text, contentType } = await metricsText();
  return withSecurityHeaders(new Response(text, { status: 200, headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' } }));
}
