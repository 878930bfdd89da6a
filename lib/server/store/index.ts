import 'server-only';
import { join } from 'node:path';
import { getEnv } from '../env';
import { openRedisStateStore } from './redis-state-store';
import { openSqliteStateStore } from './sqlite-state-store';
import type { StateStore } from './state-store';
import { processSingletonOf } from '../process-singletons';

export type { StateStore } from './state-store';

/**
 * The process's state store, one for proxy.ts and every route bundle (see process-singletons.ts).
 * With REDIS_URL set it is Redis, shared by every instance; otherwise the embedded SQLite file
 * under SCANDECK_DATA_DIR.
 */
export function getStateStore(): StateStore {
  const env = getEnv();
  const where = env.redisUrl ?? join(env.dataDir, 'state.sqlite');
  return processSingletonOf(
    'stateStore',
    where,
    () => (env.redisUrl ? openRedisStateStore(env.redisUrl) : openSqliteStateStore(where)),
    (old) => old.close(),
  );
}
