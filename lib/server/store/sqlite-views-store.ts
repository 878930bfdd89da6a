import 'server-only';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrateSqlite } from './sqlite-migrate';
import type { SavedView, ViewsStore } from './saved-view';
import { maxViewsPerPage, ViewNotFoundError, ViewsLimitError } from './views-bounds';

/** Append only: `PRAGMA user_version` counts the steps that have run. */
const migrations: string[] = [
  `CREATE TABLE saved_view (
     id TEXT PRIMARY KEY,
     user TEXT NOT NULL,
     page TEXT NOT NULL,
     name TEXT NOT NULL,
     state TEXT NOT NULL,
     is_default INTEGER NOT NULL DEFAULT 0,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     UNIQUE (user, page, name)
   );
   CREATE UNIQUE INDEX saved_view_one_default ON saved_view (user, page) WHERE is_default = 1;
   CREATE TABLE column_choice (
     user TEXT NOT NULL,
     page TEXT NOT NULL,
     columns TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (user, page)
   );`,
];

interface ViewRow {
  id: string;
  user: string;
  page: string;
  name: string;
  state: string;
  is_default: number;
  created_at: string;
  updated_at: string;
}

function toView(row: ViewRow): SavedView {
  return {
    id: row.id,
    user: row.user,
    page: row.page,
    name: row.name,
    state: JSON.parse(row.state) as Record<string, string>,
    isDefault: row.is_default === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * The embedded views store: one SQLite file beside the state store. Views are preferences, not
 * evidence, so writes use synchronous=NORMAL (WAL keeps them consistent; a crash may lose the last).
 */
export function openSqliteViewsStore(file: string, now: () => Date = () => new Date()): ViewsStore & { close(): void } {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  chmodSync(file, 0o600);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  migrateSqlite(db, migrations, 'views store');

  const selectViews = db.prepare<[string, string], ViewRow>('SELECT * FROM saved_view WHERE user = ? AND page = ? ORDER BY name COLLATE NOCASE, name');
  const selectByName = db.prepare<[string, string, string], ViewRow>('SELECT * FROM saved_view WHERE user = ? AND page = ? AND name = ?');
  const selectById = db.prepare<[string, string], ViewRow>('SELECT * FROM saved_view WHERE user = ? AND id = ?');
  const countViews = db.prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM saved_view WHERE user = ? AND page = ?');
  const insertView = db.prepare<[string, string, string, string, string, string, string]>(
    'INSERT INTO saved_view (id, user, page, name, state, is_default, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?)',
  );
  const updateState = db.prepare<[string, string, string]>('UPDATE saved_view SET state = ?, updated_at = ? WHERE id = ?');
  const clearDefault = db.prepare<[string, string]>('UPDATE saved_view SET is_default = 0 WHERE user = ? AND page = ? AND is_default = 1');
  const markDefault = db.prepare<[string]>('UPDATE saved_view SET is_default = 1 WHERE id = ?');
  const deleteView = db.prepare<[string, string]>('DELETE FROM saved_view WHERE user = ? AND id = ?');
  const selectColumns = db.prepare<[string, string], { columns: string }>('SELECT columns FROM column_choice WHERE user = ? AND page = ?');
  const putColumns = db.prepare<[string, string, string, string]>(
    `INSERT INTO column_choice (user, page, columns, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (user, page) DO UPDATE SET columns = excluded.columns, updated_at = excluded.updated_at`,
  );

  const saveTx = db.transaction((user: string, page: string, name: string, state: Record<string, string>, isDefault: boolean | undefined): SavedView => {
    const at = now().toISOString();
    const existing = selectByName.get(user, page, name);
    let id: string;
    if (existing) {
      id = existing.id;
      updateState.run(JSON.stringify(state), at, id);
    } else {
      if ((countViews.get(user, page)?.n ?? 0) >= maxViewsPerPage) throw new ViewsLimitError();
      id = randomUUID();
      insertView.run(id, user, page, name, JSON.stringify(state), at, at);
    }
    if (isDefault === true) {
      clearDefault.run(user, page);
      markDefault.run(id);
    } else if (isDefault === false && existing?.is_default === 1) {
      clearDefault.run(user, page);
    }
    return toView(selectById.get(user, id)!);
  });

  const setDefaultTx = db.transaction((user: string, page: string, id: string | null) => {
    if (id !== null) {
      const view = selectById.get(user, id);
      if (!view || view.page !== page) throw new ViewNotFoundError();
    }
    clearDefault.run(user, page);
    if (id !== null) markDefault.run(id);
  });

  return {
    async list(user, page) {
      return selectViews.all(user, page).map(toView);
    },
    async save(user, page, name, state, isDefault) {
      return saveTx.immediate(user, page, name, state, isDefault);
    },
    async remove(user, id) {
      return deleteView.run(user, id).changes > 0;
    },
    async setDefault(user, page, id) {
      setDefaultTx.immediate(user, page, id);
    },
    async getColumns(user, page) {
      const row = selectColumns.get(user, page);
      return row ? (JSON.parse(row.columns) as string[]) : null;
    },
    async setColumns(user, page, columns) {
      putColumns.run(user, page, JSON.stringify(columns), now().toISOString());
    },
    close() {
      if (db.open) db.close();
    },
  };
}
