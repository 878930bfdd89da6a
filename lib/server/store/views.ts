import 'server-only';
import { join } from 'node:path';
import { getEnv } from '../env';
import { openPostgresViewsStore } from './postgres-views-store';
import { openSqliteViewsStore } from './sqlite-views-store';

export { maxViewsPerPage, ViewNotFoundError, ViewsLimitError } from './views-bounds';

/** A table's filters, sort and columns saved under a name by one user, for one list page. */
export interface SavedView {
  id: string;
  user: string;
  page: string;
  name: string;
  state: Record<string, string>;
  isDefault: boolean;
  createdAt: string;
  updatedAt: string;
}

/**
 * Saved views and column choices, per user and list page. Every implementation keeps the bounds
 * below itself (the routes check shapes and allowlists before calling, the store the counts), so a
 * user cannot grow it without bound whichever store holds it.
 */
export interface ViewsStore {
  list(user: string, page: string): Promise<SavedView[]>;
  save(user: string, page: string, name: string, state: Record<string, string>, isDefault?: boolean): Promise<SavedView>; // upsert by (user,page,name)
  remove(user: string, id: string): Promise<boolean>;
  setDefault(user: string, page: string, id: string | null): Promise<void>;
  getColumns(user: string, page: string): Promise<string[] | null>;
  setColumns(user: string, page: string, columns: string[]): Promise<void>;
}

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
