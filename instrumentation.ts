/**
 * Runs once when the Next.js server starts: a bad configuration stops start-up with one message
 * naming every problem, instead of failing on the first request.
 */
export async function register(): Promise<void> {
  // NEXT_RUNTIME is set by Next itself (not configuration); the edge runtime has no process.exit.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getEnv, describeConfig } = await import('./lib/server/env');
  try {
    getEnv();
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
  console.log(`[scandeck] configuration ok: ${describeConfig()}`);
}
