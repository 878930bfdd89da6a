import 'server-only';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The PostgreSQL schema, one step per version; `schema_migrations` records which have run. Append
 * only: a released step never changes (a fix is a new step). The audit tables match the SQLite
 * trail's columns one for one, so the same hash chain verifies over either.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'audit trail with hash chain',
    sql: `CREATE TABLE audit_event (
       id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       at_ms BIGINT NOT NULL,
       username TEXT,
       role TEXT,
       action TEXT NOT NULL,
       target TEXT NOT NULL DEFAULT '{}',
       outcome TEXT NOT NULL,
       status INTEGER,
       error_code TEXT,
       upstream_code TEXT,
       request_ids TEXT NOT NULL DEFAULT '',
       address TEXT,
       count INTEGER NOT NULL DEFAULT 1,
       count_key TEXT,
       chain_seq BIGINT,
       prev_hash TEXT,
       hash TEXT
     );
     CREATE INDEX audit_event_at ON audit_event (at_ms);
     CREATE INDEX audit_event_user ON audit_event (username, at_ms);
     CREATE INDEX audit_event_action ON audit_event (action, at_ms);
     CREATE UNIQUE INDEX audit_event_chain ON audit_event (chain_seq);
     CREATE INDEX audit_event_unsealed ON audit_event (id) WHERE chain_seq IS NULL;
     CREATE INDEX audit_event_count_key ON audit_event (count_key) WHERE chain_seq IS NULL;
     CREATE TABLE audit_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  },
  {
    version: 2,
    name: 'saved views and column choices',
    sql: `CREATE TABLE saved_view (
       id TEXT PRIMARY KEY,
       username TEXT NOT NULL,
       page TEXT NOT NULL,
       name TEXT NOT NULL,
       state JSONB NOT NULL,
       is_default BOOLEAN NOT NULL DEFAULT false,
       created_at TIMESTAMPTZ NOT NULL,
       updated_at TIMESTAMPTZ NOT NULL,
       UNIQUE (username, page, name)
     );
     CREATE UNIQUE INDEX saved_view_one_default ON saved_view (username, page) WHERE is_default;
     CREATE TABLE saved_columns (
       username TEXT NOT NULL,
       page TEXT NOT NULL,
       columns JSONB NOT NULL,
       PRIMARY KEY (username, page)
     );`,
  },
];
