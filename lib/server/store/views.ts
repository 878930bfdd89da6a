import 'server-only';
import { join } from 'node:path';
import { getEnv } from '../env';
import { openPostgresViewsStore } from './postgres-views-store';
import { openSqliteViewsStore } from './sqlite-views-store';
import type { ViewsStore } from './views-types';

export { maxViewsPerPage, ViewNotFoundError, ViewsLimitError } from './views-bounds';

export type { SavedView, ViewsStore } from './views-types';

const storeKey = Symbol.for('scandeck.viewsStore');
type Holder = { [storeKey]?: { where: string; store: ViewsStore & { close(): unknown } } };

/**
 * The process's views store, shared through globalThis like the state store: PostgreSQL with
 * DATABASE_URL (shared by every instance), otherwise the embedded SQLite file `views.sqlite` under
 * SCANDECK_DATA_DIR.
 */
export function viewsStore(): ViewsStore {
  const env = getEnv();
  const where = env.databaseUrl ?? join(env.dataDir, 'views.sqlite');
  const holder = globalThis as Holder;
  if (holder[storeKey]?.where !== where) {
    void holder[storeKey]?.store.close();
    holder[storeKey] = { where, store: env.databaseUrl ? openPostgresViewsStore(env.databaseUrl) : openSqliteViewsStore(where) };
  }
  return holder[storeKey].store;
}

/** Closes the process's views store, so the next call opens it afresh (as a restarted server would). */
export function closeViewsStore(): void {
  const holder = globalThis as Holder;
  void holder[storeKey]?.store.close();
  delete holder[storeKey];
}
