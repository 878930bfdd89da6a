import 'server-only';
import { createHash } from 'node:crypto';
import type { AuditEvent, AuditFilter, AuditOutcome, AuditSortField, ListAuditQuery } from '@/lib/schemas/audit';
import type { ListResponse, Role } from '@/lib/schemas/common';
import { describeAuditEntry } from './describe';

// What every audit store shares, whichever database holds the trail: the entry and store types,
// the row shape, the hash chain (hashing, sealing order, verification walk), the filters and the
// retention record. Each store only runs the SQL, so a trail moved from SQLite to PostgreSQL
// verifies with the same rules and reads back the same events.

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

/** A stored entry, as both databases hold it (ids and times as numbers). */
export interface Row {
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

/** The columns a new entry is written with (the store adds the id, the count and, once sealed, the chain). */
export const newRowColumns = [
  'at_ms',
  'username',
  'role',
  'action',
  'target',
  'outcome',
  'status',
  'error_code',
  'upstream_code',
  'request_ids',
  'address',
  'count_key',
] as const satisfies readonly (keyof Row)[];

export type NewAuditRow = Pick<Row, (typeof newRowColumns)[number]>;

export function parseTarget(text: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

export function toEvent(row: Row): AuditEvent {
  const target = parseTarget(row.target);
  const outcome = (['success', 'refused', 'failed', 'pending'] as const).find((o) => o === row.outcome) ?? 'failed';
  return {
    id: row.id,
    time: new Date(row.at_ms).toISOString(),
    username: row.username,
    role: row.role === 'admin' || row.role === 'viewer' ? row.role : null,
    action: row.action,
    summary: describeAuditEntry({ action: row.action, target, outcome }),
    target,
    outcome,
    status: row.status,
    errorCode: row.error_code,
    upstreamCode: row.upstream_code,
    requestIds: row.request_ids ? row.request_ids.split(' ') : [],
    address: row.address,
    count: row.count,
  };
}

export function toRow(entry: NewAuditEntry, countKey: string | null): NewAuditRow {
  return {
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
  };
}

/** The row's fields a completion rewrites (the target merged with what was written pending). */
export function completedFields(beforeTarget: string, completion: AuditCompletion) {
  return {
    target: JSON.stringify({ ...parseTarget(beforeTarget), ...completion.target }),
    outcome: completion.outcome,
    status: completion.status,
    error_code: completion.errorCode,
    upstream_code: completion.upstreamCode,
    request_ids: completion.requestIds.join(' '),
  };
}

/** The chain starts from this before anything was pruned. */
export const genesisHash = '0'.repeat(64);
/** A change still without its answer after this long will not get one (the server stopped). */
export const pendingSealAfterMs = 10 * 60_000;
export const minuteMs = 60_000;

/** The key of a counted entry: one row per caller's key and minute. */
export const countKeyOf = (key: string, atMs: number) => `${key}\n${Math.floor(atMs / minuteMs)}`;

/** What may be sealed at `nowMs`: answered changes (or abandoned ones), and counted rows of a minute that is over. */
export const sealWindow = (nowMs: number) => ({ minuteStart: Math.floor(nowMs / minuteMs) * minuteMs, pendingBefore: nowMs - pendingSealAfterMs });

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

export interface Anchor {
  seq: number;
  hash: string;
}

/** "seq:hash" as audit_meta keeps the chain's anchor and head. */
export function parseAnchor(value: string | undefined): Anchor {
  const match = /^([0-9]+):([0-9a-f]{64})$/.exec(value ?? '');
  return match ? { seq: Number(match[1]), hash: match[2]! } : { seq: 0, hash: genesisHash };
}

export const formatAnchor = (anchor: Anchor) => `${anchor.seq}:${anchor.hash}`;

/**
 * Seals `rows` (final entries, in the order they became final) onto the chain after `from` (the
 * head, or the anchor when nothing is sealed): each takes the next position and its hash.
 */
export function chainOnto(from: Anchor, rows: Row[]): { sealed: { id: number; chain_seq: number; prev_hash: string; hash: string }[]; head: Anchor } {
  let seq = from.seq;
  let prev = from.hash;
  const sealed = rows.map((row) => {
    seq += 1;
    const hash = entryHash(prev, { ...row, chain_seq: seq });
    const step = { id: row.id, chain_seq: seq, prev_hash: prev, hash };
    prev = hash;
    return step;
  });
  return { sealed, head: { seq, hash: prev } };
}

/** The entry that records a pruning, naming the anchor it left. */
export function retentionEntry(removed: number, beforeMs: number, nowMs: number, anchor: Anchor | undefined): NewAuditEntry {
  return {
    atMs: nowMs,
    username: null,
    role: null,
    action: 'audit retention',
    target: {
      removed: String(removed),
      olderThan: new Date(beforeMs).toISOString(),
      ...(anchor ? { anchor: formatAnchor(anchor) } : {}),
    },
    outcome: 'success',
    status: null,
    errorCode: null,
    upstreamCode: null,
    requestIds: [],
    address: null,
  };
}

export const sortColumns: Record<AuditSortField, string> = {
  time: 'at_ms',
  username: 'username',
  action: 'action',
  outcome: 'outcome',
  status: 'status',
};

/** The ORDER BY of a page: newest first unless the reader asks otherwise; id breaks ties between entries of one millisecond. */
export function orderOf(query: Pick<ListAuditQuery, 'sort' | 'order'>): { column: string; direction: 'ASC' | 'DESC' } {
  return {
    column: query.sort ? sortColumns[query.sort] : 'at_ms',
    direction: query.sort ? (query.order === 'desc' ? 'DESC' : 'ASC') : 'DESC',
  };
}

/** LIKE treats % and _ as wildcards; a search for "a_b" means those characters. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The WHERE clause, built from fixed fragments only; every value goes in through `bind`, which
 * answers the placeholder the database uses for it. `like` is the case-insensitive match.
 */
export function whereOf(filter: AuditFilter, bind: (value: string | number) => string, like: 'LIKE' | 'ILIKE'): string {
  const clauses: string[] = [];
  if (filter.from !== undefined) clauses.push(`at_ms >= ${bind(filter.from)}`);
  if (filter.to !== undefined) clauses.push(`at_ms <= ${bind(filter.to)}`);
  if (filter.user) clauses.push(`username = ${bind(filter.user)}`);
  if (filter.action) clauses.push(`action = ${bind(filter.action)}`);
  if (filter.outcome) clauses.push(`outcome = ${bind(filter.outcome)}`);
  if (filter.q) {
    const q = bind(likePattern(filter.q));
    const fields = ['username', 'action', 'target', 'outcome', 'error_code', 'upstream_code', 'request_ids', 'address', 'CAST(status AS TEXT)'];
    clauses.push(`(${fields.map((f) => `${f} ${like} ${q} ESCAPE '\\'`).join(' OR ')})`);
  }
  return clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
}

/** Rows hashed between two pauses of the server's verification, so other requests keep being served. */
export const verifyBatch = 500;

/** What a verification reads, from one consistent snapshot of the trail. */
export interface ChainSource {
  /** audit_meta's anchor and head values */
  anchor: string | undefined;
  head: string | undefined;
  unsealed: number;
  /** up to `limit` sealed rows after chain position `after`, in chain order */
  page(after: number, limit: number): Promise<Row[]>;
}

/**
 * Walks the chain from its anchor in batches, pausing between them, and ends with the report:
 * how far the chain holds and the first entry where it does not.
 */
export async function walkChain(source: ChainSource, pause?: () => Promise<void>): Promise<ChainReport> {
  const anchor = parseAnchor(source.anchor);
  const { unsealed } = source;
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
    const rows = await source.page(after, verifyBatch);
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
    await pause?.();
  }
  const recordedHead = parseAnchor(source.head);
  if (source.head && recordedHead.seq >= expectedSeq) {
    return broken(null, expectedSeq, `entries after #${verifiedUpTo?.id ?? 'the anchor'} are missing (the chain's head was at position ${recordedHead.seq})`);
  }
  return { isIntact: true, checked, verifiedUpTo, firstBroken: null, unsealed };
}
