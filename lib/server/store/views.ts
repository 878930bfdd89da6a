import 'server-only';
import { join } from 'node:path';
import { getEnv } from '../env';
import { dropProcessSingleton, processSingletonOf } from '../process-singletons';
import type { ViewsStore } from './saved-view';
import { openSqliteViewsStore } from './sqlite-views-store';

export { maxViewsPerPage, ViewNotFoundError, ViewsLimitError } from './views-bounds';

export type { SavedView, ViewsStore } from './saved-view';

/**
 * The process's views store, one per process like the state store: the embedded SQLite file
 * `views.sqlite` under SCANDECK_DATA_DIR. (A PostgreSQL store, chosen by DATABASE_URL, plugs in here.)
 */
export function viewsStore(): ViewsStore {
  const where = join(getEnv().dataDir, 'views.sqlite');
  return processSingletonOf('viewsStore', where, openSqliteViewsStore, (store) => store.close());
}

/** Closes the process's views store, so the next call opens it afresh (as a restarted server would). */
export function closeViewsStore(): void {
  dropProcessSingleton<ReturnType<typeof openSqliteViewsStore>>('viewsStore')?.close();
}
