import { probeAnswer } from '@/lib/server/probe';
import { readiness } from '@/lib/server/readiness';

export const dynamic = 'force-dynamic';

/**
 * Readiness for the load balancer: configuration valid, state store and audit trail reachable. No
 * session: it names what failed and nothing more (the server's log says why).
 */
export async function GET(): Promise<Response> {
  const { isReady, checks, detail } = await readiness();
  return probeAnswer({ status: isReady ? 'ready' : 'not_ready', checks, detail }, isReady ? 200 : 503);
}
