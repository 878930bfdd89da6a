import 'server-only';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { AuditFilter } from '@/lib/schemas/audit';
import {
  type AuditCompletion,
  type AuditStore,
  type ChainReport,
  type ChainSource,
  chainOnto,
  completedFields,
  countKeyOf,
  formatAnchor,
  type NewAuditEntry,
  type NewAuditRow,
  newRowColumns,
  orderOf,
  parseAnchor,
  type Row,
  retentionEntry,
  sealWindow,
  toEvent,
  toRow,
  walkChain,
  whereOf,
} from './chain';

export type { AuditCompletion, AuditStore, ChainReport, NewAuditEntry } from './chain';
export { entryHash, genesisHash } from './chain';

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
  // Counted refusals, the hash chain and its anchor; entries written before this are sealed into
  // the chain on the first open after it (they were not chained when written).
  `ALTER TABLE audit_event ADD COLUMN count INTEGER NOT NULL DEFAULT 1;
   ALTER TABLE audit_event ADD COLUMN count_key TEXT;
   ALTER TABLE audit_event ADD COLUMN chain_seq INTEGER;
   ALTER TABLE audit_event ADD COLUMN prev_hash TEXT;
   ALTER TABLE audit_event ADD COLUMN hash TEXT;
   CREATE UNIQUE INDEX audit_event_chain ON audit_event (chain_seq);
   CREATE INDEX audit_event_unsealed ON audit_event (id) WHERE chain_seq IS NULL;
   CREATE INDEX audit_event_count_key ON audit_event (count_key) WHERE chain_seq IS NULL;
   CREATE TABLE audit_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);`,
];

/** The filter's WHERE clause with named parameters, as better-sqlite3 binds them. */
function sqliteWhere(filter: AuditFilter): { where: string; params: Record<string, string | number> } {
  const params: Record<string, string | number> = {};
  const where = whereOf(
    filter,
    (value) => {
      const name = `p${Object.keys(params).length}`;
      params[name] = value;
      return `@${name}`;
    },
    'LIKE',
  );
  return { where, params };
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

/** Opens (creating the directory and file if needed), migrates and seals what is ready. */
export function openAuditStore(file: string): AuditStore {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  // Who did what is for administrators of this host only; SQLite gives its -wal and -shm files the same mode.
  chmodSync(file, 0o600);
  configure(db);
  migrate(db);

  const insert = db.prepare<NewAuditRow>(
    `INSERT INTO audit_event (${newRowColumns.join(', ')}) VALUES (${newRowColumns.map((column) => `@${column}`).join(', ')})`,
  );
  const selectUnsealed = db.prepare<[number], { target: string; chain_seq: number | null }>('SELECT target, chain_seq FROM audit_event WHERE id = ?');
  const update = db.prepare<UpdateRow>(
    `UPDATE audit_event SET target = @target, outcome = @outcome, status = @status, error_code = @error_code,
       upstream_code = @upstream_code, request_ids = @request_ids WHERE id = @id AND chain_seq IS NULL`,
  );
  const openCounted = db.prepare<[string], { id: number }>('SELECT id FROM audit_event WHERE count_key = ? AND chain_seq IS NULL');
  const bumpCount = db.prepare<[number]>('UPDATE audit_event SET count = count + 1 WHERE id = ?');
  const readyToSeal = db.prepare<{ minuteStart: number; pendingBefore: number }, Row>(
    `SELECT * FROM audit_event WHERE chain_seq IS NULL
       AND (outcome != 'pending' OR at_ms < @pendingBefore)
       AND (count_key IS NULL OR at_ms < @minuteStart)
     ORDER BY id`,
  );
  const seal = db.prepare<{ id: number; chain_seq: number; prev_hash: string; hash: string }>(
    'UPDATE audit_event SET chain_seq = @chain_seq, prev_hash = @prev_hash, hash = @hash, count_key = NULL WHERE id = @id',
  );
  const head = db.prepare<[], { chain_seq: number; hash: string }>(
    'SELECT chain_seq, hash FROM audit_event WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1',
  );
  const getMeta = db.prepare<[string], { value: string }>('SELECT value FROM audit_meta WHERE name = ?');
  const putMeta = db.prepare<[string, string]>('INSERT INTO audit_meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value');
  const firstKept = db.prepare<[number], { chain_seq: number }>(
    'SELECT MIN(chain_seq) AS chain_seq FROM audit_event WHERE chain_seq IS NOT NULL AND at_ms >= ?',
  );
  const lastSealedBefore = db.prepare<[number], { chain_seq: number; hash: string }>(
    'SELECT chain_seq, hash FROM audit_event WHERE chain_seq IS NOT NULL AND chain_seq < ? ORDER BY chain_seq DESC LIMIT 1',
  );
  const dropBefore = db.prepare<[number]>('DELETE FROM audit_event WHERE chain_seq IS NOT NULL AND chain_seq < ?');
  const distinctUsers = db.prepare<[], { username: string }>('SELECT DISTINCT username FROM audit_event WHERE username IS NOT NULL ORDER BY username');
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

  /** Chains every entry that is final, in the order they became final. Runs inside each write. */
  const sealReady = (nowMs: number) => {
    const rows = readyToSeal.all(sealWindow(nowMs));
    if (rows.length === 0) return;
    const top = head.get();
    const chained = chainOnto(top ? { seq: top.chain_seq, hash: top.hash } : parseAnchor(getMeta.get('anchor')?.value), rows);
    for (const step of chained.sealed) seal.run(step);
    putMeta.run('head', formatAnchor(chained.head));
  };

  const appendTx = db.transaction((entry: NewAuditEntry, countKey: string | null) => {
    const now = Math.max(Date.now(), entry.atMs);
    sealReady(now);
    if (countKey !== null) {
      const open = openCounted.get(countKey);
      if (open) {
        bumpCount.run(open.id);
        return open.id;
      }
    }
    const id = Number(insert.run(toRow(entry, countKey)).lastInsertRowid);
    sealReady(now);
    return id;
  });
  const completeTx = db.transaction((id: number, completion: AuditCompletion) => {
    const before = selectUnsealed.get(id);
    if (!before) throw new Error(`audit entry ${id} does not exist`);
    if (before.chain_seq !== null) throw new Error(`audit entry ${id} was sealed as pending before its answer came`);
    update.run({ id, ...completedFields(before.target, completion) });
    sealReady(Date.now());
  });
  const pruneTx = db.transaction((beforeMs: number, nowMs: number) => {
    sealReady(nowMs);
    const kept = firstKept.get(beforeMs)?.chain_seq ?? null;
    const cut = kept ?? (head.get()?.chain_seq ?? 0) + 1;
    const anchor = lastSealedBefore.get(cut);
    let removed = 0;
    if (anchor) {
      removed = dropBefore.run(cut).changes;
      putMeta.run('anchor', formatAnchor({ seq: anchor.chain_seq, hash: anchor.hash }));
    }
    putMeta.run('last_prune_ms', String(nowMs));
    // The pruning is itself on the trail (and in the chain), naming the anchor it left.
    const entry = retentionEntry(removed, beforeMs, nowMs, anchor ? { seq: anchor.chain_seq, hash: anchor.hash } : undefined);
    insert.run(toRow(entry, null));
    sealReady(nowMs);
    return { removed };
  });

  // Entries from before the chain existed, and any left final by a previous process, join it now.
  db.transaction(() => sealReady(Date.now())).immediate();

  return {
    location: file,
    async append(entry) {
      return appendTx.immediate(entry, null);
    },
    async appendCounted(entry, key) {
      return appendTx.immediate(entry, countKeyOf(key, entry.atMs));
    },
    async complete(id, completion) {
      completeTx.immediate(id, completion);
    },
    async list(query) {
      const { where, params } = sqliteWhere(query);
      const total = (prepared(`SELECT COUNT(*) AS n FROM audit_event ${where}`).get(params) as { n: number }).n;
      const { column, direction } = orderOf(query);
      const rows = prepared(`SELECT * FROM audit_event ${where} ORDER BY ${column} ${direction}, id ${direction} LIMIT @limit OFFSET @offset`).all({
        ...params,
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      }) as Row[];
      return { items: rows.map(toEvent), total, page: query.page, pageSize: query.pageSize };
    },
    async facets() {
      return {
        users: distinctUsers.all().map((r) => r.username),
        actions: distinctActions.all().map((r) => r.action),
      };
    },
    async *iterate(filter) {
      // A connection of its own, so a slow CSV download never holds the writer's busy.
      const reader = new Database(file, { readonly: true, fileMustExist: true });
      try {
        reader.pragma('busy_timeout = 5000');
        const { where, params } = sqliteWhere(filter);
        const rows = reader.prepare(`SELECT * FROM audit_event ${where} ORDER BY at_ms ASC, id ASC`).iterate(params) as IterableIterator<Row>;
        for (const row of rows) yield toEvent(row);
      } finally {
        reader.close();
      }
    },
    async verify() {
      return verifyAuditFile(file, () => new Promise((resolve) => setImmediate(resolve)));
    },
    async prune(beforeMs, nowMs = Date.now()) {
      return pruneTx.immediate(beforeMs, nowMs);
    },
    async lastPrunedAt() {
      const value = getMeta.get('last_prune_ms')?.value;
      return value === undefined ? null : Number(value);
    },
    async close() {
      db.close();
    },
  };
}

/** What the verification reads, on a reader inside one read transaction (one consistent state while writers go on). */
function chainSource(reader: Database.Database): ChainSource {
  const meta = (name: string) => (reader.prepare('SELECT value FROM audit_meta WHERE name = ?').get(name) as { value: string } | undefined)?.value;
  const page = reader.prepare<[number, number], Row>('SELECT * FROM audit_event WHERE chain_seq > ? ORDER BY chain_seq LIMIT ?');
  return {
    anchor: meta('anchor'),
    head: meta('head'),
    unsealed: (reader.prepare('SELECT COUNT(*) AS n FROM audit_event WHERE chain_seq IS NULL').get() as { n: number }).n,
    page: async (after, limit) => page.all(after, limit),
  };
}

function openReader(file: string): Database.Database {
  const reader = new Database(file, { readonly: true, fileMustExist: true });
  reader.pragma('busy_timeout = 5000');
  reader.exec('BEGIN');
  return reader;
}

/**
 * Checks the chain on a read-only connection of its own and names the first entry that breaks it
 * (`npm run audit:verify` calls this directly, so checking never writes). The server passes a
 * `pause` between batches, so a long trail never stalls other requests.
 */
export async function verifyAuditFile(file: string, pause?: () => Promise<void>): Promise<ChainReport> {
  const reader = openReader(file);
  try {
    return await walkChain(chainSource(reader), pause);
  } finally {
    reader.close();
  }
}

type UpdateRow = Pick<NewAuditRow, 'target' | 'outcome' | 'status' | 'error_code' | 'upstream_code' | 'request_ids'> & { id: number };
