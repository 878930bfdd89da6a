import 'server-only';
import { describeConfig, getEnv } from './env';

/** A bad configuration stops the server at start with one message naming every problem. */
export function checkConfigurationAtStartup(): void {
  try {
    getEnv();
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
  console.log(`[scandeck] configuration ok: ${describeConfig()}`);
}
