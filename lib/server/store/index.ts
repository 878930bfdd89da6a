import 'server-only';
import { join } from 'node:path';
import { getEnv } from '../env';
import { openRedisStateStore } from './redis-state-store';
import { openSqliteStateStore } from './sqlite-state-store';
import type { StateStore } from './state-store';

export type { StateStore } from './state-store';

const storeKey = Symbol.for('scandeck.stateStore');
type Holder = { [storeKey]?: { where: string; store: StateStore } };

/**
 * The process's state store, shared through globalThis because proxy.ts and the route bundles may
 * each load this module. With REDIS_URL set it is Redis, shared by every instance; otherwise the
 * embedded SQLite file under SCANDECK_DATA_DIR.
 */
export function getStateStore(): StateStore {
  const env = getEnv();
  const where = env.redisUrl ?? join(env.dataDir, 'state.sqlite');
  const holder = globalThis as Holder;
  if (holder[storeKey]?.where !== where) {
    void holder[storeKey]?.store.close();
    holder[storeKey] = { where, store: env.redisUrl ? openRedisStateStore(env.redisUrl) : openSqliteStateStore(where) };
  }
  return holder[storeKey].store;
}

/** Closes the process's store, so that the next call opens it afresh (as a restarted server would). */
export async function closeStateStore(): Promise<void> {
  const holder = globalThis as Holder;
  const current = holder[storeKey];
  delete holder[storeKey];
  await current?.store.close();
}
