/**
 * Runs once when the Next.js server starts, so a bad configuration fails start-up instead of the
 * first request. NEXT_RUNTIME is set by Next itself (not configuration); the check is Node-only and
 * imported only there, so the edge bundle never sees process.exit.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { checkConfigurationAtStartup } = await import('./lib/server/startup');
    checkConfigurationAtStartup();
    // Before the first request: the sign-in throttle and the audit trail need each request's socket peer.
    const { installPeerStamp } = await import('./lib/server/client-address');
    await installPeerStamp();
    // One JSON log line and one metrics sample per request, with its route pattern and user.
    const { installRequestLog } = await import('./lib/server/request-log');
    await installRequestLog();
  }
}
