import 'server-only';
import { describeConfig, getEnv, secretValuesOf } from './env';
import { errorMessage, logger, setLogLevel, setLogSecrets } from './log';

/** A bad configuration stops the server at start with one message naming every problem. */
export function checkConfigurationAtStartup(): void {
  let env: ReturnType<typeof getEnv>;
  try {
    env = getEnv();
  } catch (err) {
    // The message names variables and what is wrong with them, never a value.
    logger().fatal({ event: 'config_invalid' }, errorMessage(err));
    process.exit(1);
  }
  setLogSecrets(secretValuesOf(env));
  setLogLevel(env.ops.logLevel);
  logger().info({ event: 'config_ok', config: describeConfig(env) }, `[scandeck] configuration ok: ${describeConfig(env)}`);
}
