import 'server-only';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { openPostgres } from './postgres';
import type { SavedView, ViewsStore } from './saved-view';
import { maxViewsPerPage, ViewNotFoundError, ViewsLimitError } from './views-bounds';

/** Advisory lock class for one user's views of one page (the second key is a hash of user and page). */
const viewsLockClass = 7_305;

interface ViewRow {
  id: string;
  username: string;
  page: string;
  name: string;
  state: unknown;
  is_default: boolean;
  created_at: Date;
  updated_at: Date;
}

/** Only string values come back, whatever the column holds. */
function stateOf(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function toView(row: ViewRow): SavedView {
  return {
    id: row.id,
    user: row.username,
    page: row.page,
    name: row.name,
    state: stateOf(row.state),
    isDefault: row.is_default,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * Saved views in PostgreSQL (tables from migration 2), shared by every instance. Changes to one
 * user's views of one page take turns on an advisory lock, so "one default per page" holds
 * however many instances answer that user at once, and so does the count of views per page
 * (views-bounds.ts). Sizes and allowed keys are checked by the caller before anything reaches a store.
 */
export function openPostgresViewsStore(url: string): ViewsStore & { readonly location: string; close(): Promise<void> } {
  const db = openPostgres(url);
  const turn = (user: string, page: string) => (client: pg.ClientBase) =>
    client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [viewsLockClass, `${user}\n${page}`]);

  return {
    location: db.location,
    async list(user, page) {
      const rows = await db.query<ViewRow>('SELECT * FROM saved_view WHERE username = $1 AND page = $2 ORDER BY lower(name) COLLATE "C", name COLLATE "C"', [
        user,
        page,
      ]);
      return rows.map(toView);
    },
    save: (user, page, name, state, isDefault) =>
      db.transaction(async (client) => {
        await turn(user, page)(client);
        const existing = await client.query('SELECT 1 FROM saved_view WHERE username = $1 AND page = $2 AND name = $3', [user, page, name]);
        if (existing.rowCount === 0) {
          const { rows: counted } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM saved_view WHERE username = $1 AND page = $2', [
            user,
            page,
          ]);
          if ((counted[0]?.n ?? 0) >= maxViewsPerPage) throw new ViewsLimitError();
        }
        if (isDefault)
          await client.query('UPDATE saved_view SET is_default = false WHERE username = $1 AND page = $2 AND name <> $3 AND is_default', [user, page, name]);
        const now = new Date();
        const { rows } = await client.query<ViewRow>(
          `INSERT INTO saved_view (id, username, page, name, state, is_default, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, COALESCE($6, false), $7, $7)
           ON CONFLICT (username, page, name) DO UPDATE
             SET state = excluded.state, is_default = COALESCE($6, saved_view.is_default), updated_at = excluded.updated_at
           RETURNING *`,
          [randomUUID(), user, page, name, JSON.stringify(state), isDefault ?? null, now],
        );
        return toView(rows[0]!);
      }),
    async remove(user, id) {
      return (await db.query<{ id: string }>('DELETE FROM saved_view WHERE id = $1 AND username = $2 RETURNING id', [id, user])).length > 0;
    },
    setDefault: (user, page, id) =>
      db.transaction(async (client) => {
        await turn(user, page)(client);
        // An id that is not this user's view of this page is not found, and changes nothing (not even the current default).
        if (id !== null) {
          const owned = await client.query('SELECT 1 FROM saved_view WHERE id = $1 AND username = $2 AND page = $3', [id, user, page]);
          if (owned.rowCount === 0) throw new ViewNotFoundError();
        }
        await client.query('UPDATE saved_view SET is_default = false WHERE username = $1 AND page = $2 AND is_default', [user, page]);
        if (id !== null) await client.query('UPDATE saved_view SET is_default = true, updated_at = now() WHERE id = $1', [id]);
      }),
    async getColumns(user, page) {
      const row = (await db.query<{ columns: unknown }>('SELECT columns FROM saved_columns WHERE username = $1 AND page = $2', [user, page]))[0];
      if (!row || !Array.isArray(row.columns)) return null;
      return row.columns.filter((c): c is string => typeof c === 'string');
    },
    async setColumns(user, page, columns) {
      await db.query(
        `INSERT INTO saved_columns (username, page, columns) VALUES ($1, $2, $3)
         ON CONFLICT (username, page) DO UPDATE SET columns = excluded.columns`,
        [user, page, JSON.stringify(columns)],
      );
    },
    close: () => db.close(),
  };
}
