import 'server-only';
import { createHash } from 'node:crypto';
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

/** What `verify` found: how far the chain holds, and the first entry where it does not. */
export interface ChainReport {
  /** every sealed entry checked out */
  isIntact: boolean;
  /** sealed entries checked */
  checked: number;
  /** the last entry that checked out (id, time, hash), if any */
  verifiedUpTo: { id: number; time: string; hash: string } | null;
  /** the first entry that does not check out, and why */
  firstBroken: { id: number | null; position: number; reason: string } | null;
  /** entries not yet sealed: a change still waiting for its answer, or this minute's count of refusals */
  unsealed: number;
}

/**
 * The trail. An implementation keeps every entry in a hash chain: once an entry is final (a
 * change's answer is in, a minute of counted refusals is over) it is sealed, taking the next
 * position and a hash over its content and the previous entry's hash, so an edited, removed or
 * reordered entry breaks the chain from there on.
 */
export interface AuditStore {
  /** where the trail lives, for messages (a file, a database name) */
  readonly location: string;
  append(entry: NewAuditEntry): Promise<number>;
  /**
   * One entry per `key` and minute: the first call of a minute appends, later ones add to its
   * count, so a flood of refusals from one source costs one row a minute.
   */
  appendCounted(entry: NewAuditEntry, key: string): Promise<number>;
  complete(id: number, completion: AuditCompletion): Promise<void>;
  list(query: ListAuditQuery): Promise<ListResponse<AuditEvent>>;
  /** distinct users and actions, for the filter choices */
  facets(): Promise<{ users: string[]; actions: string[] }>;
  /** Every matching event, oldest first; returning early releases what the read holds. */
  iterate(filter: AuditFilter): AsyncGenerator<AuditEvent, void, undefined>;
  /** Checks the whole chain from its anchor (the last pruned entry) to its head. */
  verify(): Promise<ChainReport>;
  /**
   * Removes sealed entries older than `beforeMs`, moves the chain's anchor to the last one
   * removed and records the pruning as an entry of its own.
   */
  prune(beforeMs: number, nowMs?: number): Promise<{ removed: number }>;
  /** when `prune` last ran (epoch ms), or null if never */
  lastPrunedAt(): Promise<number | null>;
  close(): Promise<void>;
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
  count: number;
  count_key: string | null;
  chain_seq: number | null;
  prev_hash: string | null;
  hash: string | null;
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
    count: row.count,
  };
}

/** The chain starts from this before anything was pruned. */
export const genesisHash = '0'.repeat(64);
/** A change still without its answer after this long will not get one (the server stopped). */
const pendingSealAfterMs = 10 * 60_000;
const minuteMs = 60_000;

/**
 * The hash of a sealed entry: SHA-256 over the previous entry's hash and every stored field, in a
 * fixed order, as JSON (so no field can bleed into the next).
 */
export function entryHash(prevHash: string, row: Omit<Row, 'prev_hash' | 'hash' | 'count_key'>): string {
  const content = JSON.stringify([
    row.chain_seq,
    row.id,
    row.at_ms,
    row.username,
    row.role,
    row.action,
    row.target,
    row.outcome,
    row.status,
    row.error_code,
    row.upstream_code,
    row.request_ids,
    row.address,
    row.count,
  ]);
  return createHash('sha256').update(`${prevHash}\n${content}`).digest('hex');
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

interface Anchor {
  seq: number;
  hash: string;
}

function parseAnchor(value: string | undefined): Anchor {
  const match = /^([0-9]+):([0-9a-f]{64})$/.exec(value ?? '');
  return match ? { seq: Number(match[1]), hash: match[2]! } : { seq: 0, hash: genesisHash };
}

/** Opens (creating the directory and file if needed), migrates and seals what is ready. */
export function openAuditStore(file: string): AuditStore {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  // Who did what is for administrators of this host only; SQLite gives its -wal and -shm files the same mode.
  chmodSync(file, 0o600);
  configure(db);
  migrate(db);

  const insert = db.prepare<NewAuditRow & { count_key: string | null }>(
    `INSERT INTO audit_event (at_ms, username, role, action, target, outcome, status, error_code, upstream_code, request_ids, address, count_key)
     VALUES (@at_ms, @username, @role, @action, @target, @outcome, @status, @error_code, @upstream_code, @request_ids, @address, @count_key)`,
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
    const rows = readyToSeal.all({ minuteStart: Math.floor(nowMs / minuteMs) * minuteMs, pendingBefore: nowMs - pendingSealAfterMs });
    if (rows.length === 0) return;
    const top = head.get();
    const anchor = parseAnchor(getMeta.get('anchor')?.value);
    let seq = top ? top.chain_seq : anchor.seq;
    let prev = top ? top.hash : anchor.hash;
    for (const row of rows) {
      seq += 1;
      const hash = entryHash(prev, { ...row, chain_seq: seq });
      seal.run({ id: row.id, chain_seq: seq, prev_hash: prev, hash });
      prev = hash;
    }
    putMeta.run('head', `${seq}:${prev}`);
  };

  const toRow = (entry: NewAuditEntry, countKey: string | null) => ({
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
    count_key: countKey,
  });

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
    update.run({
      id,
      target: JSON.stringify({ ...parseTarget(before.target), ...completion.target }),
      outcome: completion.outcome,
      status: completion.status,
      error_code: completion.errorCode,
      upstream_code: completion.upstreamCode,
      request_ids: completion.requestIds.join(' '),
    });
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
      putMeta.run('anchor', `${anchor.chain_seq}:${anchor.hash}`);
    }
    putMeta.run('last_prune_ms', String(nowMs));
    // The pruning is itself on the trail (and in the chain), naming the anchor it left.
    const entry: NewAuditEntry = {
      atMs: nowMs,
      username: null,
      role: null,
      action: 'audit retention',
      target: {
        removed: String(removed),
        olderThan: new Date(beforeMs).toISOString(),
        ...(anchor ? { anchor: `${anchor.chain_seq}:${anchor.hash}` } : {}),
      },
      outcome: 'success',
      status: null,
      errorCode: null,
      upstreamCode: null,
      requestIds: [],
      address: null,
    };
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
      return appendTx.immediate(entry, `${key}\n${Math.floor(entry.atMs / minuteMs)}`);
    },
    async complete(id, completion) {
      completeTx.immediate(id, completion);
    },
    async list(query) {
      const { sql: where, params } = whereOf(query);
      const total = (prepared(`SELECT COUNT(*) AS n FROM audit_event ${where}`).get(params) as { n: number }).n;
      // Newest first unless the reader asks otherwise; id breaks ties between entries of one millisecond.
      const column = query.sort ? sortColumns[query.sort] : 'at_ms';
      const direction = query.sort ? (query.order === 'desc' ? 'DESC' : 'ASC') : 'DESC';
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
        const { sql: where, params } = whereOf(filter);
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

/** Rows hashed between two pauses of the server's verification, so other requests keep being served. */
const verifyBatch = 500;

/**
 * Walks the chain from its anchor in batches, yielding between them, and ends with the report.
 * Runs inside one read transaction, so it sees one consistent state while writers go on.
 */
function* chainSteps(reader: Database.Database): Generator<void, ChainReport, undefined> {
  const meta = (name: string) => (reader.prepare('SELECT value FROM audit_meta WHERE name = ?').get(name) as { value: string } | undefined)?.value;
  const anchor = parseAnchor(meta('anchor'));
  const headValue = meta('head');
  const unsealed = (reader.prepare('SELECT COUNT(*) AS n FROM audit_event WHERE chain_seq IS NULL').get() as { n: number }).n;
  const page = reader.prepare<[number, number], Row>('SELECT * FROM audit_event WHERE chain_seq > ? ORDER BY chain_seq LIMIT ?');
  let expectedSeq = anchor.seq + 1;
  let prev = anchor.hash;
  let checked = 0;
  let verifiedUpTo: ChainReport['verifiedUpTo'] = null;
  const broken = (id: number | null, position: number, reason: string): ChainReport => ({
    isIntact: false,
    checked,
    verifiedUpTo,
    firstBroken: { id, position, reason },
    unsealed,
  });
  let after = anchor.seq;
  for (;;) {
    const rows = page.all(after, verifyBatch);
    for (const row of rows) {
      if (row.chain_seq !== expectedSeq) {
        return broken(row.id, expectedSeq, `entry at chain position ${expectedSeq} is missing (the next one found is #${row.id} at ${row.chain_seq})`);
      }
      if (row.prev_hash !== prev) return broken(row.id, expectedSeq, `entry #${row.id} does not follow the entry before it (removed, replaced or reordered)`);
      if (entryHash(prev, row) !== row.hash) return broken(row.id, expectedSeq, `entry #${row.id} was changed after it was written`);
      prev = row.hash!;
      checked += 1;
      verifiedUpTo = { id: row.id, time: new Date(row.at_ms).toISOString(), hash: row.hash! };
      expectedSeq += 1;
      after = row.chain_seq;
    }
    if (rows.length < verifyBatch) break;
    yield;
  }
  const recordedHead = parseAnchor(headValue);
  if (headValue && recordedHead.seq >= expectedSeq) {
    return broken(null, expectedSeq, `entries after #${verifiedUpTo?.id ?? 'the anchor'} are missing (the chain's head was at position ${recordedHead.seq})`);
  }
  return { isIntact: true, checked, verifiedUpTo, firstBroken: null, unsealed };
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
    const steps = chainSteps(reader);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      await pause?.();
    }
  } finally {
    reader.close();
  }
}

/** A row as written: what the store assigns (id, count, chain) comes later. */
type NewAuditRow = Omit<Row, 'id' | 'count' | 'count_key' | 'chain_seq' | 'prev_hash' | 'hash'>;
type UpdateRow = Pick<NewAuditRow, 'target' | 'outcome' | 'status' | 'error_code' | 'upstream_code' | 'request_ids'> & { id: number };
