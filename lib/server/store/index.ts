import 'server-only';
import { join } from 'node:path';
import { getEnv } from '../env';
import { openSqliteStateStore } from './sqlite-state-store';
import type { StateStore } from './state-store';

export type { StateStore } from './state-store';

const storeKey = Symbol.for('scandeck.stateStore');
type Holder = { [storeKey]?: { file: string; store: StateStore } };

/**
 * The process's state store, shared through globalThis because proxy.ts and the route bundles may
 * each load this module. The embedded SQLite file under SCANDECK_DATA_DIR is the default.
 */
export function getStateStore(): StateStore {
  const file = join(getEnv().dataDir, 'state.sqlite');
  const holder = globalThis as Holder;
  if (holder[storeKey]?.file !== file) {
    void holder[storeKey]?.store.close();
    holder[storeKey] = { file, store: openSqliteStateStore(file) };
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
