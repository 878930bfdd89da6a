import 'server-only';
import type pg from 'pg';
import type { AuditFilter, ListAuditQuery } from '@/lib/schemas/audit';
import { clientConfig, loadPg, lockKeys, openPostgres, redactUrl, type Postgres } from '../store/postgres';
import {
  type Anchor,
  type AuditCompletion,
  type AuditStore,
  type ChainReport,
  chainOnto,
  completedFields,
  countKeyOf,
  formatAnchor,
  type NewAuditEntry,
  newRowColumns,
  orderOf,
  parseAnchor,
  type Row,
  retentionEntry,
  sealWindow,
  toEvent,
  toRow,
  verifyBatch,
  walkChain,
  whereOf,
} from './chain';

// The audit trail in PostgreSQL, for several instances writing one trail. Same rows, same chain
// and same rules as the SQLite store (chain.ts); what differs is how writers take turns: every
// write is one transaction that first takes an advisory lock on the chain's head, so entries from
// every instance are sealed one after the other into a single chain.

/** The filter with $n placeholders; `params` receives the values. */
function pgWhere(filter: AuditFilter, params: unknown[]): string {
  return whereOf(
    filter,
    (value) => {
      params.push(value);
      return `$${params.length}`;
    },
    'ILIKE',
  );
}

/** Sorted as SQLite sorts: text by code point (C collation), NULL before any value. */
function pgOrder(query: Pick<ListAuditQuery, 'sort' | 'order'>): string {
  const { column, direction } = orderOf(query);
  const expression = column === 'at_ms' || column === 'status' ? column : `${column} COLLATE "C"`;
  const nulls = direction === 'ASC' ? 'NULLS FIRST' : 'NULLS LAST';
  return `${expression} ${direction} ${nulls}, id ${direction}`;
}

async function getMeta(client: pg.ClientBase, name: string): Promise<string | undefined> {
  return (await client.query<{ value: string }>('SELECT value FROM audit_meta WHERE name = $1', [name])).rows[0]?.value;
}

async function putMeta(client: pg.ClientBase, name: string, value: string): Promise<void> {
  await client.query('INSERT INTO audit_meta (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value', [name, value]);
}

async function headOf(client: pg.ClientBase): Promise<Anchor | undefined> {
  const top = (
    await client.query<{ chain_seq: number; hash: string }>(
      'SELECT chain_seq, hash FROM audit_event WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1',
    )
  ).rows[0];
  return top ? { seq: top.chain_seq, hash: top.hash } : undefined;
}

/** Chains every entry that is final, in the order they became final. Runs inside each write, holding the chain lock. */
async function sealReady(client: pg.ClientBase, nowMs: number): Promise<void> {
  const { minuteStart, pendingBefore } = sealWindow(nowMs);
  const rows = (
    await client.query<Row>(
      `SELECT * FROM audit_event WHERE chain_seq IS NULL
         AND (outcome <> 'pending' OR at_ms < $1)
         AND (count_key IS NULL OR at_ms < $2)
       ORDER BY id`,
      [pendingBefore, minuteStart],
    )
  ).rows;
  if (rows.length === 0) return;
  const chained = chainOnto((await headOf(client)) ?? parseAnchor(await getMeta(client, 'anchor')), rows);
  await client.query(
    `UPDATE audit_event AS e SET chain_seq = s.chain_seq, prev_hash = s.prev_hash, hash = s.hash, count_key = NULL
       FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS s (id, chain_seq, prev_hash, hash)
      WHERE e.id = s.id`,
    [chained.sealed.map((s) => s.id), chained.sealed.map((s) => s.chain_seq), chained.sealed.map((s) => s.prev_hash), chained.sealed.map((s) => s.hash)],
  );
  await putMeta(client, 'head', formatAnchor(chained.head));
}

const insertSql = `INSERT INTO audit_event (${newRowColumns.join(', ')}) VALUES (${newRowColumns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`;

async function insertEntry(client: pg.ClientBase, entry: NewAuditEntry, countKey: string | null): Promise<number> {
  const row = toRow(entry, countKey);
  const { rows } = await client.query<{ id: number }>(
    insertSql,
    newRowColumns.map((column) => row[column]),
  );
  return rows[0]!.id;
}

/** Walks the chain inside the caller's read-only (snapshot) transaction. */
async function verifyOn(client: pg.ClientBase, pause?: () => Promise<void>): Promise<ChainReport> {
  const unsealed = (await client.query<{ n: number }>('SELECT COUNT(*) AS n FROM audit_event WHERE chain_seq IS NULL')).rows[0]!.n;
  return walkChain(
    {
      anchor: await getMeta(client, 'anchor'),
      head: await getMeta(client, 'head'),
      unsealed,
      page: async (after, limit) =>
        (await client.query<Row>('SELECT * FROM audit_event WHERE chain_seq > $1 ORDER BY chain_seq LIMIT $2', [after, limit])).rows,
    },
    pause,
  );
}

/**
 * The trail in the PostgreSQL database at `url`. Nothing connects until the first call, which
 * applies the migrations and seals what a previous process left final.
 */
export function openPostgresAuditStore(url: string): AuditStore {
  const db: Postgres = openPostgres(url, async (client) => {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [lockKeys.auditChain]);
      await sealReady(client, Date.now());
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    }
  });
  const write = <T>(work: (client: pg.PoolClient) => Promise<T>) => db.transaction(work, { lock: lockKeys.auditChain });

  const appendWith = (entry: NewAuditEntry, countKey: string | null) =>
    write(async (client) => {
      const now = Math.max(Date.now(), entry.atMs);
      await sealReady(client, now);
      if (countKey !== null) {
        const open = (await client.query<{ id: number }>('SELECT id FROM audit_event WHERE count_key = $1 AND chain_seq IS NULL', [countKey])).rows[0];
        if (open) {
          await client.query('UPDATE audit_event SET count = count + 1 WHERE id = $1', [open.id]);
          return open.id;
        }
      }
      const id = await insertEntry(client, entry, countKey);
      await sealReady(client, now);
      return id;
    });

  return {
    location: db.location,
    append: (entry) => appendWith(entry, null),
    appendCounted: (entry, key) => appendWith(entry, countKeyOf(key, entry.atMs)),
    complete: (id: number, completion: AuditCompletion) =>
      write(async (client) => {
        const before = (await client.query<{ target: string; chain_seq: number | null }>('SELECT target, chain_seq FROM audit_event WHERE id = $1', [id]))
          .rows[0];
        if (!before) throw new Error(`audit entry ${id} does not exist`);
        if (before.chain_seq !== null) throw new Error(`audit entry ${id} was sealed as pending before its answer came`);
        const f = completedFields(before.target, completion);
        await client.query(
          `UPDATE audit_event SET target = $2, outcome = $3, status = $4, error_code = $5, upstream_code = $6, request_ids = $7
            WHERE id = $1 AND chain_seq IS NULL`,
          [id, f.target, f.outcome, f.status, f.error_code, f.upstream_code, f.request_ids],
        );
        await sealReady(client, Date.now());
      }),
    async list(query) {
      const params: unknown[] = [];
      const where = pgWhere(query, params);
      const [{ n: total }] = (await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM audit_event ${where}`, params)) as [{ n: number }];
      const rows = await db.query<Row>(
        `SELECT * FROM audit_event ${where} ORDER BY ${pgOrder(query)} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, query.pageSize, (query.page - 1) * query.pageSize],
      );
      return { items: rows.map(toEvent), total, page: query.page, pageSize: query.pageSize };
    },
    async facets() {
      const [users, actions] = await Promise.all([
        db.query<{ username: string }>('SELECT DISTINCT username COLLATE "C" AS username FROM audit_event WHERE username IS NOT NULL ORDER BY 1'),
        db.query<{ action: string }>('SELECT DISTINCT action COLLATE "C" AS action FROM audit_event ORDER BY 1'),
      ]);
      return { users: users.map((r) => r.username), actions: actions.map((r) => r.action) };
    },
    async *iterate(filter) {
      // One snapshot on a connection of its own, read a batch at a time (never the whole trail in
      // memory); the generator's end, or an early return, ends it and gives the connection back.
      const client = await db.connect();
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const params: unknown[] = [];
        const where = pgWhere(filter, params);
        const next = `${where ? `${where} AND` : 'WHERE'} (at_ms, id) > ($${params.length + 1}, $${params.length + 2})`;
        let after: Row | undefined;
        for (;;) {
          const rows = after
            ? (await client.query<Row>(`SELECT * FROM audit_event ${next} ORDER BY at_ms, id LIMIT ${verifyBatch}`, [...params, after.at_ms, after.id])).rows
            : (await client.query<Row>(`SELECT * FROM audit_event ${where} ORDER BY at_ms, id LIMIT ${verifyBatch}`, params)).rows;
          for (const row of rows) yield toEvent(row);
          if (rows.length < verifyBatch) break;
          after = rows.at(-1);
        }
      } finally {
        await client.query('ROLLBACK').catch(() => {});
        client.release();
      }
    },
    verify: () => db.transaction((client) => verifyOn(client, () => new Promise((resolve) => setImmediate(resolve))), { readOnly: true }),
    prune: (beforeMs, nowMs = Date.now()) =>
      write(async (client) => {
        await sealReady(client, nowMs);
        const kept = (
          await client.query<{ chain_seq: number | null }>('SELECT MIN(chain_seq) AS chain_seq FROM audit_event WHERE chain_seq IS NOT NULL AND at_ms >= $1', [
            beforeMs,
          ])
        ).rows[0]?.chain_seq;
        const cut = kept ?? ((await headOf(client))?.seq ?? 0) + 1;
        const last = (
          await client.query<{ chain_seq: number; hash: string }>(
            'SELECT chain_seq, hash FROM audit_event WHERE chain_seq IS NOT NULL AND chain_seq < $1 ORDER BY chain_seq DESC LIMIT 1',
            [cut],
          )
        ).rows[0];
        const anchor = last ? { seq: last.chain_seq, hash: last.hash } : undefined;
        let removed = 0;
        if (anchor) {
          removed = (await client.query('DELETE FROM audit_event WHERE chain_seq IS NOT NULL AND chain_seq < $1', [cut])).rowCount ?? 0;
          await putMeta(client, 'anchor', formatAnchor(anchor));
        }
        await putMeta(client, 'last_prune_ms', String(nowMs));
        // The pruning is itself on the trail (and in the chain), naming the anchor it left.
        await insertEntry(client, retentionEntry(removed, beforeMs, nowMs, anchor), null);
        await sealReady(client, nowMs);
        return { removed };
      }),
    async lastPrunedAt() {
      const value = (await db.query<{ value: string }>("SELECT value FROM audit_meta WHERE name = 'last_prune_ms'"))[0]?.value;
      return value === undefined ? null : Number(value);
    },
    close: () => db.close(),
  };
}

/**
 * Checks the chain in the database at `url` without changing anything (no migration, no
 * sealing), for `npm run audit:verify`.
 */
export async function verifyPostgresAudit(url: string): Promise<{ location: string; report: ChainReport }> {
  const driver = await loadPg();
  const client = new driver.Client(clientConfig(driver, url));
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const report = await verifyOn(client);
    await client.query('COMMIT');
    return { location: redactUrl(url), report };
  } finally {
    await client.end();
  }
}
