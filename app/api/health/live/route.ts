import { probeAnswer } from '@/lib/server/probe';

export const dynamic = 'force-dynamic';

/** Liveness for the container and the load balancer: the process answers. No session, no store, no upstream. */
export function GET(): Response {
  return probeAnswer({ status: 'live' }, 200);
}
