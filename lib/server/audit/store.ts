import 'server-only';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Role } from '@/lib/schemas/common';
import type { AuditEvent, AuditFilter, AuditOutcome, AuditSortField, ListAuditQuery } from '@/lib/schemas/audit';
import type { ListResponse } from '@/lib/schemas/common';

/** One entry as the recorder writes it; the store adds the id. */
export interface NewAuditEntry {
  atMs: number;
  username: string | null;
  role: Role | null;
  action: string;
  target: Record<string, string>;
  outcome: AuditOutcome;
  status: number | null;
  errorCode: string | null;
  upstreamCode: string | null;
  requestIds: string[];
  address: string | null;
}

export type AuditCompletion = Pick<NewAuditEntry, 'outcome' | 'status' | 'errorCode' | 'upstreamCode' | 'requestIds'> & {
  /** merged into the target written with the pending row (e.g. the id of what was created) */
  target: Record<string, string>;
};

export interface AuditStore {
  readonly file: string;
  append(entry: NewAuditEntry): number;
  complete(id: number, completion: AuditCompletion): void;
  list(query: ListAuditQuery): ListResponse<AuditEvent>;
  /** distinct users and actions, for the filter choices */
  facets(): { users: string[]; actions: string[] };
  /**
   * Every matching event, oldest first, read on a connection of its own so a slow CSV download
   * never holds the writer's connection busy. Returning early closes it.
   */
  iterate(filter: AuditFilter): Generator<AuditEvent, void, undefined>;
  close(): void;
}

/**
 * Each entry is one step from the previous schema; `PRAGMA user_version` says how many have run.
 * Append only: a released step never changes.
 */
const migrations: string[] = [
  `CREATE TABLE audit_event (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at_ms INTEGER NOT NULL,
     username TEXT,
     role TEXT,
     action TEXT NOT NULL,
     target TEXT NOT NULL DEFAULT '{}',
     outcome TEXT NOT NULL,
     status INTEGER,
     error_code TEXT,
     upstream_code TEXT,
     request_ids TEXT NOT NULL DEFAULT '',
     address TEXT
   );
   CREATE INDEX audit_event_at ON audit_event (at_ms);
   CREATE INDEX audit_event_user ON audit_event (username, at_ms);
   CREATE INDEX audit_event_action ON audit_event (action, at_ms);`,
];

interface Row {
  id: number;
  at_ms: number;
  username: string | null;
  role: string | null;
  action: string;
  target: string;
  outcome: string;
  status: number | null;
  error_code: string | null;
  upstream_code: string | null;
  request_ids: string;
  address: string | null;
}

function parseTarget(text: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

function toEvent(row: Row): AuditEvent {
  return {
    id: row.id,
    time: new Date(row.at_ms).toISOString(),
    username: row.username,
    role: row.role === 'admin' || row.role === 'viewer' ? row.role : null,
    action: row.action,
    target: parseTarget(row.target),
    outcome: (['success', 'refused', 'failed', 'pending'] as const).find((o) => o === row.outcome) ?? 'failed',
    status: row.status,
    errorCode: row.error_code,
    upstreamCode: row.upstream_code,
    requestIds: row.request_ids ? row.request_ids.split(' ') : [],
    address: row.address,
  };
}

const sortColumns: Record<AuditSortField, string> = {
  time: 'at_ms',
  username: 'username',
  action: 'action',
  outcome: 'outcome',
  status: 'status',
};

/** LIKE treats % and _ as wildcards; a search for "a_b" means those characters. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The WHERE clause is built from fixed fragments only; every value goes in as a bound parameter. */
function whereOf(filter: AuditFilter): { sql: string; params: Record<string, string | number> } {
  const clauses: string[] = [];
  const params: Record<string, string | number> = {};
  if (filter.from !== undefined) {
    clauses.push('at_ms >= @from');
    params.from = filter.from;
  }
  if (filter.to !== undefined) {
    clauses.push('at_ms <= @to');
    params.to = filter.to;
  }
  if (filter.user) {
    clauses.push('username = @user');
    params.user = filter.user;
  }
  if (filter.action) {
    clauses.push('action = @action');
    params.action = filter.action;
  }
  if (filter.outcome) {
    clauses.push('outcome = @outcome');
    params.outcome = filter.outcome;
  }
  if (filter.q) {
    const fields = ['username', 'action', 'target', 'outcome', 'error_code', 'upstream_code', 'request_ids', 'address', 'CAST(status AS TEXT)'];
    clauses.push(`(${fields.map((f) => `${f} LIKE @q ESCAPE '\\'`).join(' OR ')})`);
    params.q = likePattern(filter.q);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // FULL: in WAL mode NORMAL may drop the last commits on a power cut or OS crash, and an entry
  // must be on disk before the answer it records is sent. Entries are few (mutations, sign-ins),
  // so one fsync each is cheap.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
}

function migrate(db: Database.Database): void {
  const current = Number(db.pragma('user_version', { simple: true }));
  if (current > migrations.length) {
    throw new Error(`audit store ${db.name} has schema version ${current}, newer than this ScanDeck (${migrations.length})`);
  }
  const run = db.transaction(() => {
    for (let version = current; version < migrations.length; version++) {
      db.exec(migrations[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }
  });
  run.immediate();
}

/** Opens (creating the directory and file if needed) and migrates the store. */
export function openAuditStore(file: string): AuditStore {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  // Who did what is for administrators of this host only; SQLite gives its -wal and -shm files the same mode.
  chmodSync(file, 0o600);
  configure(db);
  migrate(db);

  const insert = db.prepare<NewAuditRow>(
    `INSERT INTO audit_event (at_ms, username, role, action, target, outcome, status, error_code, upstream_code, request_ids, address)
     VALUES (@at_ms, @username, @role, @action, @target, @outcome, @status, @error_code, @upstream_code, @request_ids, @address)`,
  );
  const selectTarget = db.prepare<[number], { target: string }>('SELECT target FROM audit_event WHERE id = ?');
  const update = db.prepare<UpdateRow>(
    `UPDATE audit_event SET target = @target, outcome = @outcome, status = @status, error_code = @error_code,
       upstream_code = @upstream_code, request_ids = @request_ids WHERE id = @id`,
  );
  const distinctUsers = db.prepare<[], { username: string }>(
    'SELECT DISTINCT username FROM audit_event WHERE username IS NOT NULL ORDER BY username',
  );
  const distinctActions = db.prepare<[], { action: string }>('SELECT DISTINCT action FROM audit_event ORDER BY action');
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const completeTx = db.transaction((id: number, completion: AuditCompletion) => {
    const before = selectTarget.get(id);
    if (!before) throw new Error(`audit entry ${id} does not exist`);
    update.run({
      id,
      target: JSON.stringify({ ...parseTarget(before.target), ...completion.target }),
      outcome: completion.outcome,
      status: completion.status,
      error_code: completion.errorCode,
      upstream_code: completion.upstreamCode,
      request_ids: completion.requestIds.join(' '),
    });
  });

  return {
    file,
    append(entry) {
      const result = insert.run({
        at_ms: entry.atMs,
        username: entry.username,
        role: entry.role,
        action: entry.action,
        target: JSON.stringify(entry.target),
        outcome: entry.outcome,
        status: entry.status,
        error_code: entry.errorCode,
        upstream_code: entry.upstreamCode,
        request_ids: entry.requestIds.join(' '),
        address: entry.address,
      });
      return Number(result.lastInsertRowid);
    },
    complete(id, completion) {
      completeTx(id, completion);
    },
    list(query) {
      const { sql: where, params } = whereOf(query);
      const total = (prepared(`SELECT COUNT(*) AS n FROM audit_event ${where}`).get(params) as { n: number }).n;
      // Newest first unless the reader asks otherwise; id breaks ties between entries of one millisecond.
      const column = query.sort ? sortColumns[query.sort] : 'at_ms';
      const direction = query.sort ? (query.order === 'desc' ? 'DESC' : 'ASC') : 'DESC';
      const rows = prepared(
        `SELECT * FROM audit_event ${where} ORDER BY ${column} ${direction}, id ${direction} LIMIT @limit OFFSET @offset`,
      ).all({ ...params, limit: query.pageSize, offset: (query.page - 1) * query.pageSize }) as Row[];
      return { items: rows.map(toEvent), total, page: query.page, pageSize: query.pageSize };
    },
    facets() {
      return {
        users: distinctUsers.all().map((r) => r.username),
        actions: distinctActions.all().map((r) => r.action),
      };
    },
    *iterate(filter) {
      const reader = new Database(file, { readonly: true, fileMustExist: true });
      try {
        reader.pragma('busy_timeout = 5000');
        const { sql: where, params } = whereOf(filter);
        const rows = reader.prepare(`SELECT * FROM audit_event ${where} ORDER BY at_ms ASC, id ASC`).iterate(params) as IterableIterator<Row>;
        for (const row of rows) yield toEvent(row);
      } finally {
        reader.close();
      }
    },
    close() {
      db.close();
    },
  };
}

type NewAuditRow = {
  at_ms: number;
  username: string | null;
  role: string | null;
  action: string;
  target: string;
  outcome: string;
  status: number | null;
  error_code: string | null;
  upstream_code: string | null;
  request_ids: string;
  address: string | null;
};
type UpdateRow = Pick<NewAuditRow, 'target' | 'outcome' | 'status' | 'error_code' | 'upstream_code' | 'request_ids'> & { id: number };
