import 'server-only';
import type pg from 'pg';
import { AppError } from '../errors';
import { errorMessage, logger } from '../log';
import { type Migration, migrations as schema } from './postgres-migrations';

/**
 * Advisory lock keys (one namespace per database): one for applying migrations, one for the
 * audit chain's head. Fixed numbers, so every instance of every version takes the same locks.
 */
export const lockKeys = { migrations: 7_305_001, auditChain: 7_305_002 } as const;

/** Thrown when PostgreSQL cannot be reached: the route wrapper answers it as 503 store_unavailable. */
export class StoreUnavailableError extends AppError {
  constructor(cause: unknown) {
    super(503, 'store_unavailable', 'ScanDeck cannot reach its database right now. Try again in a moment, or tell the operator.', { cause });
    this.name = 'StoreUnavailableError';
  }
}

/**
 * Whether an error means "the database is not there" rather than "this statement is wrong": no
 * answer at all (refused, reset, timed out, terminated), or an answer of SQLSTATE class 08
 * (connection), 57P (shut down, starting up) or 53 (out of connections).
 */
export function isUnreachable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = 'code' in err && typeof err.code === 'string' ? err.code : '';
  // The server's own answer (pg's DatabaseError carries a severity and a SQLSTATE)
  if ('severity' in err && /^[0-9A-Z]{5}$/.test(code)) return /^(08|57P|53)/.test(code);
  if (/^E(CONNREFUSED|CONNRESET|TIMEDOUT|PIPE|HOSTUNREACH|NETUNREACH|NOTFOUND|AI_AGAIN)$/.test(code)) return true;
  // node-postgres's own words for a connection that failed or went away
  return /Connection terminated|timeout exceeded when trying to connect|connection error|not queryable|Connection ended/i.test(err.message);
}

/** The URL without its credentials, for messages and logs. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  return `postgres://${parsed.host}${parsed.pathname}`;
}

// BIGINT (ids, epoch milliseconds, chain positions) as numbers: every value ScanDeck stores is far
// below 2^53, and the hash chain hashes numbers, as SQLite returns them.
const int8Oid = 20;

/**
 * The driver, loaded on first use: a server without DATABASE_URL never loads it. Its CommonJS
 * entry, by path: `import('pg')` resolves to pg's ESM wrapper (esm/index.mjs), which Turbopack
 * makes an async external module, and one async module anywhere in the app puts the async-module
 * runtime into every page's first-load JS (+450 B gzip, /scan-tasks over its 180 KB budget).
 * (types/pg-cjs.d.ts types this path as 'pg'.)
 */
export const loadPg = async (): Promise<typeof pg> => (await import('pg/lib/index.js')).default;

/** How ScanDeck connects: the URL (credentials stay in it, never in a message), BIGINT as numbers, a connect deadline. */
export function clientConfig(driver: typeof pg, url: string): pg.ClientConfig {
  const types: pg.CustomTypesConfig = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === int8Oid && format !== 'binary' ? (v: string) => Number(v) : driver.types.getTypeParser(oid, format)) as typeof driver.types.getTypeParser,
  };
  return { connectionString: url, types, connectionTimeoutMillis: 5_000, keepAlive: true, application_name: 'scandeck' };
}

export interface Postgres {
  /** the database, without credentials */
  readonly location: string;
  /** One statement on any pooled connection. */
  query<R extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<R[]>;
  /**
   * `work` inside one transaction on one connection. With `lock`, the transaction first takes that
   * advisory lock, so writers of every instance take turns. `readOnly` gives one consistent
   * snapshot (repeatable read) for long reads.
   */
  transaction<T>(work: (client: pg.PoolClient) => Promise<T>, options?: { lock?: number; readOnly?: boolean }): Promise<T>;
  /** A pooled connection of the caller's own (e.g. a long export); the caller releases it. */
  connect(): Promise<pg.PoolClient>;
  close(): Promise<void>;
}

/** Applies every migration this database has not run, under an advisory lock so instances starting together take turns. */
export async function migrate(client: pg.ClientBase, steps: readonly Migration[] = schema): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [lockKeys.migrations]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((r) => r.version));
    const newest = Math.max(0, ...done);
    const known = Math.max(0, ...steps.map((s) => s.version));
    if (newest > known) throw new Error(`the database has schema version ${newest}, newer than this ScanDeck (${known})`);
    for (const step of steps) {
      if (done.has(step.version)) continue;
      await client.query(step.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [step.version, step.name]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

/**
 * A pool on `url` whose first use applies the migrations (and then `prepare`, e.g. sealing what a
 * previous process left). Nothing connects before the first call, so a server starts while
 * PostgreSQL is down; a failed start-up is tried again by the next call. While PostgreSQL is
 * unreachable every call fails at once with StoreUnavailableError; the outage is logged once,
 * and once more when it is over.
 */
export function openPostgres(url: string, prepare?: (client: pg.PoolClient) => Promise<void>): Postgres {
  const location = redactUrl(url);
  // Bounded: however many requests arrive, at most 10 connections. A refused connection fails at
  // once; a request waits for a free connection (behind a burst of audit writes, which take
  // turns) or for an unanswered connect up to 10 s, then answers 503.
  let pool: pg.Pool | undefined;
  const poolOf = async () => {
    const driver = await loadPg();
    if (!pool) {
      pool = new driver.Pool({ ...clientConfig(driver, url), max: 10, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 10_000 });
      // An idle connection ended by the server (a restart) must not crash the process; the pool drops it.
      pool.on('error', noteDown);
    }
    return pool;
  };
  let isDown = false;
  const noteDown = (err: unknown) => {
    if (isDown) return;
    isDown = true;
    logger().error(
      { event: 'postgres_error', database: location, error: errorMessage(err) },
      `postgres ${location} unreachable: changes are refused until it is back`,
    );
  };
  let ready: Promise<void> | null = null;
  const whenReady = () => {
    ready ??= (async () => {
      const client = await (await poolOf()).connect();
      try {
        await migrate(client);
        await prepare?.(client);
      } finally {
        client.release();
      }
    })().catch((err: unknown) => {
      ready = null;
      throw err;
    });
    return ready;
  };

  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      await whenReady();
      const result = await work();
      if (isDown) {
        isDown = false;
        logger().warn({ event: 'postgres_ready', database: location }, `postgres ${location}: reachable again`);
      }
      return result;
    } catch (err) {
      if (!isUnreachable(err)) throw err;
      noteDown(err);
      throw new StoreUnavailableError(err);
    }
  };

  return {
    location,
    query: (sql, params) => guarded(async () => (await (await poolOf()).query(sql, params)).rows),
    transaction: (work, options = {}) =>
      guarded(async () => {
        const client = await (await poolOf()).connect();
        let broken: unknown;
        try {
          await client.query(options.readOnly ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
          if (options.lock !== undefined) await client.query('SELECT pg_advisory_xact_lock($1)', [options.lock]);
          const result = await work(client);
          await client.query('COMMIT');
          return result;
        } catch (err) {
          broken = err;
          await client.query('ROLLBACK').catch(() => {});
          throw err;
        } finally {
          // A connection that failed mid-transaction is discarded, not handed to the next caller.
          client.release(broken !== undefined && isUnreachable(broken) ? (broken as Error) : undefined);
        }
      }),
    connect: () => guarded(async () => (await poolOf()).connect()),
    close: async () => {
      await pool?.end();
    },
  };
}
