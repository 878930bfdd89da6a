import 'server-only';
import { join } from 'node:path';
import { getEnv } from '../env';
import { dropProcessSingleton, processSingletonOf } from '../process-singletons';
import type { ViewsStore } from './saved-view';
import { openPostgresViewsStore } from './postgres-views-store';
import { openSqliteViewsStore } from './sqlite-views-store';

export { maxViewsPerPage, ViewNotFoundError, ViewsLimitError } from './views-bounds';

export type { SavedView, ViewsStore } from './saved-view';

/**
 * The process's views store, one per process like the state store: PostgreSQL with DATABASE_URL
 * (shared by every instance), otherwise the embedded SQLite file `views.sqlite` under SCANDECK_DATA_DIR.
 */
export function viewsStore(): ViewsStore {
  const env = getEnv();
  const where = env.databaseUrl ?? join(env.dataDir, 'views.sqlite');
  const open = (at: string): ViewsStore & { close(): unknown } => (env.databaseUrl ? openPostgresViewsStore(at) : openSqliteViewsStore(at));
  return processSingletonOf('viewsStore', where, open, (store) => store.close());
}

/** Closes the process's views store, so the next call opens it afresh (as a restarted server would). */
export function closeViewsStore(): void {
  void dropProcessSingleton<ViewsStore & { close(): unknown }>('viewsStore')?.close();
}
