import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { listAuditQuery } from '@/lib/schemas/audit';
import { startPostgres, type TestPostgres } from '@/lib/testing/postgres';
import { openPostgresAuditStore } from './postgres-store';
import { openAuditStore, type AuditStore, type NewAuditEntry } from './store';

const t0 = Date.parse('2026-05-01T08:00:00Z');

function entry(over: Partial<NewAuditEntry> = {}): NewAuditEntry {
  return {
    atMs: t0,
    username: 'ada',
    role: 'admin',
    action: 'DELETE /api/director/scans/{id}',
    target: { id: '12' },
    outcome: 'success',
    status: 204,
    errorCode: null,
    upstreamCode: null,
    requestIds: ['r-1'],
    address: '127.0.0.1',
    ...over,
  };
}

const open: AuditStore[] = [];
function fresh(file = join(mkdtempSync(join(tmpdir(), 'scandeck-audit-')), 'nested', 'audit.sqlite')): AuditStore {
  const store = openAuditStore(file);
  open.push(store);
  return store;
}

/**
 * One database behind the AuditStore contract: a new empty trail, the same trail opened again (a
 * restarted server), and SQL run beside the store as someone with write access to the database
 * would (`?` placeholders).
 */
interface Backend {
  name: string;
  fresh(): Promise<AuditStore>;
  reopen(store: AuditStore): Promise<AuditStore>;
  tamper(store: AuditStore, sql: string, ...params: unknown[]): Promise<void>;
}

const sqlite: Backend = {
  name: 'SQLite',
  fresh: async () => fresh(),
  reopen: async (store) => fresh(store.location),
  tamper: async (store, sql, ...params) => {
    const db = new Database(store.location);
    db.prepare(sql).run(...params);
    db.close();
  },
};

let server: TestPostgres | undefined;
/** One PostgreSQL for the file, started on first use; a database of its own for each trail. */
const postgresServer = async () => {
  server ??= await startPostgres();
  return server;
};
afterAll(async () => {
  await server?.dispose();
});
const urls = new Map<AuditStore, string>();
function openOnPostgres(url: string): AuditStore {
  const store = openPostgresAuditStore(url);
  urls.set(store, url);
  open.push(store);
  return store;
}
/** Runs SQL on the trail's database beside the store. */
async function onDatabase<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    let n = 0;
    return (
      await client.query<T>(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      )
    ).rows;
  } finally {
    await client.end();
  }
}
const postgres: Backend = {
  name: 'PostgreSQL',
  fresh: async () => openOnPostgres(await (await postgresServer()).createDatabase()),
  reopen: async (store) => openOnPostgres(urls.get(store)!),
  tamper: async (store, sql, ...params) => {
    await onDatabase(urls.get(store)!, sql, params);
  },
};

afterEach(async () => {
  for (const store of open.splice(0)) {
    try {
      await store.close();
    } catch {
      // already closed by the test
    }
  }
});

const query = (q: Record<string, string> = {}) => listAuditQuery.parse(q);

describe('audit store (SQLite)', () => {
  it('creates its directory, runs the migration and uses WAL with synchronous FULL', async () => {
    const store = fresh();
    const db = new Database(store.location, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect(statSync(store.location).mode & 0o777).toBe(0o600);
    await store.append(entry());
    expect((await store.list(query())).total).toBe(1);
  });

  it('refuses a file written by a newer ScanDeck instead of guessing', async () => {
    const store = fresh();
    await store.close();
    const db = new Database(store.location);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openAuditStore(store.location)).toThrow(/newer than this ScanDeck/);
  });
});

describe.each([sqlite, postgres])('audit store ($name)', (backend) => {
  it('loses nothing across close and reopen, and the migration does not run twice', async () => {
    const first = await backend.fresh();
    const now = Date.now();
    const id = await first.append(entry({ atMs: now, outcome: 'pending', status: null, target: { id: '7', name: 'nightly' } }));
    await first.complete(id, { target: { uuid: 'U-1' }, outcome: 'refused', status: 404, errorCode: 'not_found', upstreamCode: '147', requestIds: ['a', 'b'] });
    await first.close();
    const second = await backend.reopen(first);
    const [event] = (await second.list(query())).items;
    expect(event).toEqual({
      id,
      time: new Date(now).toISOString(),
      username: 'ada',
      role: 'admin',
      action: 'DELETE /api/director/scans/{id}',
      summary: "Tried to delete scan 'nightly'",
      target: { id: '7', name: 'nightly', uuid: 'U-1' },
      outcome: 'refused',
      status: 404,
      errorCode: 'not_found',
      upstreamCode: '147',
      requestIds: ['a', 'b'],
      address: '127.0.0.1',
      count: 1,
    });
  });

  it('pages newest first by default and sorts on request', async () => {
    const store = await backend.fresh();
    for (let i = 0; i < 30; i++) await store.append(entry({ atMs: t0 + i * 1000, username: i % 2 ? 'ada' : 'bob', status: 200 + i }));
    const first = await store.list(query({ pageSize: '10' }));
    expect(first.total).toBe(30);
    expect(first.items).toHaveLength(10);
    expect(first.items[0]!.time).toBe(new Date(t0 + 29_000).toISOString());
    const third = await store.list(query({ pageSize: '10', page: '3' }));
    expect(third.items.at(-1)!.time).toBe(new Date(t0).toISOString());
    const byStatus = await store.list(query({ sort: 'status', order: 'asc', pageSize: '10' }));
    expect(byStatus.items.map((e) => e.status)).toEqual([200, 201, 202, 203, 204, 205, 206, 207, 208, 209]);
  });

  it('filters by time range, user, action, outcome and text', async () => {
    const store = await backend.fresh();
    await store.append(entry({ atMs: t0, username: 'ada' }));
    await store.append(entry({ atMs: t0 + 60_000, username: 'bob', action: 'POST /api/director/scans', target: { name: 'web_sweep 100%' } }));
    await store.append(entry({ atMs: t0 + 120_000, username: 'vic', role: 'viewer', outcome: 'refused', status: 403, errorCode: 'forbidden' }));
    const iso = (ms: number) => new Date(ms).toISOString();
    expect((await store.list(query({ from: iso(t0 + 1), to: iso(t0 + 60_000) }))).items.map((e) => e.username)).toEqual(['bob']);
    expect((await store.list(query({ user: 'vic' }))).items.map((e) => e.errorCode)).toEqual(['forbidden']);
    expect((await store.list(query({ action: 'POST /api/director/scans' }))).total).toBe(1);
    expect((await store.list(query({ outcome: 'refused' }))).items.map((e) => e.username)).toEqual(['vic']);
    expect((await store.list(query({ q: 'SWEEP' }))).total).toBe(1);
    // % and _ are searched for literally, not as wildcards.
    expect((await store.list(query({ q: '100%' }))).total).toBe(1);
    expect((await store.list(query({ q: 'we__sweep' }))).total).toBe(0);
    expect((await store.list(query({ q: 'eb%sweep' }))).total).toBe(0);
    expect((await store.list(query({ q: '403' }))).total).toBe(1);
    expect(await store.facets()).toEqual({ users: ['ada', 'bob', 'vic'], actions: ['DELETE /api/director/scans/{id}', 'POST /api/director/scans'] });
  });

  it('treats filter text as data, never as SQL', async () => {
    const store = await backend.fresh();
    await store.append(entry());
    expect((await store.list(query({ q: "' OR 1=1 --", user: "ada' OR '1'='1" }))).total).toBe(0);
    expect((await store.list(query())).total).toBe(1);
  });

  it('iterates oldest first on its own connection while the writer keeps writing', async () => {
    const store = await backend.fresh();
    for (let i = 0; i < 5; i++) await store.append(entry({ atMs: t0 + i, target: { id: String(i) } }));
    const seen: string[] = [];
    for await (const event of store.iterate({})) {
      seen.push(event.target.id ?? '');
      // Would throw "connection is busy" if the export shared the writer's connection.
      await store.append(entry({ atMs: t0 + 100 }));
    }
    expect(seen).toEqual(['0', '1', '2', '3', '4']);
    const early = store.iterate({ outcome: 'success' });
    expect((await early.next()).done).toBe(false);
    await early.return(undefined);
    expect((await store.list(query())).total).toBe(10);
  });

  it('writes one durable entry per append, each sealed (figure printed, not asserted)', async () => {
    const store = await backend.fresh();
    const n = 200;
    const started = performance.now();
    for (let i = 0; i < n; i++) await store.append(entry({ atMs: t0 + i }));
    const perEntryMs = (performance.now() - started) / n;
    console.log(`[audit] ${backend.name} append (synced commit, chain sealed): ${perEntryMs.toFixed(3)} ms per entry over ${n}`);
    // The figure is printed, not asserted: a shared machine under load must not fail a test by the clock.
    expect((await store.list(query())).total).toBe(n);
    expect(await store.verify()).toMatchObject({ isIntact: true, checked: n, unsealed: 0 });
  });
});

describe.each([sqlite, postgres])('audit chain ($name)', (backend) => {
  it('seals each final entry with a hash chaining it to the one before, and verifies up to the newest', async () => {
    const store = await backend.fresh();
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(await store.append(entry({ atMs: t0 + i, target: { id: String(i) } })));
    const report = await store.verify();
    expect(report).toMatchObject({ isIntact: true, checked: 5, firstBroken: null, unsealed: 0 });
    expect(report.verifiedUpTo).toMatchObject({ id: ids[4], time: new Date(t0 + 4).toISOString() });
    expect(report.verifiedUpTo!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names the first entry whose content was changed', async () => {
    const store = await backend.fresh();
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(await store.append(entry({ atMs: t0 + i, target: { id: String(i) } })));
    await backend.tamper(store, 'UPDATE audit_event SET username = ? WHERE id = ?', 'mallory', ids[2]);
    await backend.tamper(store, 'UPDATE audit_event SET outcome = ? WHERE id = ?', 'failed', ids[3]);
    const report = await store.verify();
    expect(report.isIntact).toBe(false);
    expect(report.firstBroken).toMatchObject({ id: ids[2], reason: `entry #${ids[2]} was changed after it was written` });
    expect(report.verifiedUpTo?.id).toBe(ids[1]);
  });

  it('notices a removed entry, in the middle or at the end', async () => {
    const store = await backend.fresh();
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(await store.append(entry({ atMs: t0 + i })));
    await backend.tamper(store, 'DELETE FROM audit_event WHERE id = ?', ids[1]);
    expect((await store.verify()).firstBroken?.reason).toMatch(/chain position 2 is missing/);
    const other = await backend.fresh();
    for (let i = 0; i < 3; i++) await other.append(entry({ atMs: t0 + i }));
    await backend.tamper(other, 'DELETE FROM audit_event WHERE chain_seq = 3');
    expect((await other.verify()).firstBroken?.reason).toMatch(/are missing/);
  });

  it('checks a chain longer than one batch, and names a changed entry in a later batch', async () => {
    // Written straight into the database and sealed on the next open, as an upgraded trail is:
    // 4,500 appends of their own would cost 4,500 synced commits.
    const first = await backend.fresh();
    await first.list(query());
    await first.close();
    const values = Array.from({ length: 4_500 }, (_, i) => `(${t0 + i}, 'ada', 'admin', 'x', '{"id":"${i}"}', 'success', 204, '', NULL)`);
    await backend.tamper(
      first,
      `INSERT INTO audit_event (at_ms, username, role, action, target, outcome, status, request_ids, address) VALUES ${values.join(', ')}`,
    );
    const store = await backend.reopen(first);
    const ids = (await store.list(query({ pageSize: '100', sort: 'time', order: 'asc' }))).items.map((e) => e.id);
    for (let page = 2; page <= 45; page++) {
      ids.push(...(await store.list(query({ pageSize: '100', page: String(page), sort: 'time', order: 'asc' }))).items.map((e) => e.id));
    }
    expect(await store.verify()).toMatchObject({ isIntact: true, checked: 4_500 });
    await backend.tamper(store, 'UPDATE audit_event SET status = 200 WHERE id = ?', ids[3_000]);
    const report = await store.verify();
    expect(report.firstBroken?.id).toBe(ids[3_000]);
    expect(report.verifiedUpTo?.id).toBe(ids[2_999]);
  });

  it('notices a recomputed hash that no longer matches the next entry', async () => {
    const store = await backend.fresh();
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push(await store.append(entry({ atMs: t0 + i })));
    await backend.tamper(store, 'UPDATE audit_event SET hash = ? WHERE id = ?', 'f'.repeat(64), ids[0]);
    expect((await store.verify()).firstBroken?.id).toBe(ids[0]);
  });

  it('seals a change only once its answer is in, so completing it keeps the chain whole', async () => {
    const store = await backend.fresh();
    const now = Date.now();
    const pending = await store.append(entry({ atMs: now, outcome: 'pending', status: null }));
    await store.append(entry({ atMs: now + 1 }));
    expect((await store.verify()).unsealed).toBe(1);
    await store.complete(pending, { target: {}, outcome: 'success', status: 204, errorCode: null, upstreamCode: null, requestIds: [] });
    expect(await store.verify()).toMatchObject({ isIntact: true, checked: 2, unsealed: 0 });
  });

  it('counts repeated refusals of one source in one row per minute', async () => {
    const store = await backend.fresh();
    // A minute ahead of the clock, so the test never straddles a minute boundary.
    const minute = Math.floor(Date.now() / 60_000) * 60_000 + 120_000;
    const refusal = (atMs: number) => entry({ atMs, username: null, role: null, action: 'sign-in', outcome: 'refused', status: 429 });
    for (let i = 0; i < 300; i++) await store.appendCounted(refusal(minute + (i % 50)), 'sign-in throttled\n192.0.2.9');
    expect((await store.list(query())).total).toBe(1);
    await store.appendCounted(refusal(minute + 1), 'sign-in throttled\n192.0.2.10');
    const rows = (await store.list(query({ action: 'sign-in' }))).items;
    expect(rows.map((r) => r.count).sort((a, b) => a - b)).toEqual([1, 300]);
    // The open minute's row is sealed by the first write after the minute is over.
    expect((await store.verify()).unsealed).toBe(2);
    await store.append(entry({ atMs: minute + 61_000 }));
    expect(await store.verify()).toMatchObject({ isIntact: true, unsealed: 0, checked: 3 });
  });

  it('prunes entries older than the retention, records the pruning and still verifies from the new anchor', async () => {
    const store = await backend.fresh();
    const day = 86_400_000;
    for (let i = 0; i < 10; i++) await store.append(entry({ atMs: t0 + i * day, target: { id: String(i) } }));
    const { removed } = await store.prune(t0 + 4 * day, t0 + 20 * day);
    expect(removed).toBe(4);
    const rows = (await store.list(query({ pageSize: '100' }))).items;
    expect(rows).toHaveLength(7);
    const record = rows.find((r) => r.action === 'audit retention');
    expect(record?.target).toMatchObject({ removed: '4', olderThan: new Date(t0 + 4 * day).toISOString() });
    expect(record?.target.anchor).toMatch(/^4:[0-9a-f]{64}$/);
    expect(await store.verify()).toMatchObject({ isIntact: true, checked: 7 });
    expect(await store.lastPrunedAt()).toBe(t0 + 20 * day);
  });
});

describe('audit store (PostgreSQL)', () => {
  const admin = (store: AuditStore, sql: string, params: unknown[] = []) => onDatabase(urls.get(store)!, sql, params);

  it('applies its migrations once, even when two instances start together, and records them', async () => {
    const a = await postgres.fresh();
    const b = await postgres.reopen(a);
    await Promise.all([a.list(query()), b.list(query()), a.append(entry()), b.append(entry())]);
    const applied = await admin(a, 'SELECT version, name FROM schema_migrations ORDER BY version');
    expect(applied.map((r) => r.version)).toEqual([1, 2]);
    expect(await a.verify()).toMatchObject({ isIntact: true, checked: 2 });
  });

  it('refuses a database migrated by a newer ScanDeck instead of guessing', async () => {
    const store = await postgres.fresh();
    await store.list(query());
    await admin(store, "INSERT INTO schema_migrations (version, name) VALUES (99, 'from the future')");
    const later = await postgres.reopen(store);
    await expect(later.list(query())).rejects.toThrow(/newer than this ScanDeck/);
  });

  it('two instances appending at once write one chain that verifies, counted rows included', async () => {
    const a = await postgres.fresh();
    const b = await postgres.reopen(a);
    // A counted row is sealed by the first write after its minute: writes that ran across a minute's
    // end would rightly start a new row each (the one flake in a suite run), so they start well inside one.
    const leftInMinute = 60_000 - (Date.now() % 60_000);
    if (leftInMinute < 10_000) await new Promise((resolve) => setTimeout(resolve, leftInMinute + 100));
    const now = Date.now();
    const pending = await a.append(entry({ atMs: now, outcome: 'pending', status: null }));
    const writes: Promise<number>[] = [];
    for (let i = 0; i < 60; i++) {
      writes.push(a.append(entry({ atMs: now + i, target: { id: `a${i}` } })));
      writes.push(b.append(entry({ atMs: now + i, target: { id: `b${i}` } })));
      // Both instances count refusals of one source into one row of the minute.
      writes.push((i % 2 ? a : b).appendCounted(entry({ atMs: now, outcome: 'refused', status: 403 }), 'viewer\n403'));
    }
    const ids = await Promise.all(writes);
    expect(new Set(ids.filter((_, i) => i % 3 === 2)).size).toBe(1);
    await b.complete(pending, { target: {}, outcome: 'success', status: 204, errorCode: null, upstreamCode: null, requestIds: [] });
    const counted = (await a.list(query({ outcome: 'refused' }))).items;
    expect(counted.map((e) => e.count)).toEqual([60]);
    // The counted row is sealed by the first write after its minute; everything else is in the chain.
    expect(await b.verify()).toMatchObject({ isIntact: true, checked: 121, unsealed: 1 });
    const seqs = await admin(a, 'SELECT chain_seq FROM audit_event WHERE chain_seq IS NOT NULL ORDER BY chain_seq');
    expect(seqs.map((r) => Number(r.chain_seq))).toEqual(Array.from({ length: 121 }, (_, i) => i + 1));
  });

  it('with PostgreSQL down, calls fail at once with 503 store_unavailable, and the same store recovers when it is back', async () => {
    const pgServer = await postgresServer();
    const store = await postgres.fresh();
    await store.append(entry());
    await pgServer.stop();
    try {
      await expect(store.append(entry())).rejects.toMatchObject({ status: 503, code: 'store_unavailable' });
      await expect(store.list(query())).rejects.toMatchObject({ status: 503, code: 'store_unavailable' });
    } finally {
      await pgServer.start();
    }
    await store.append(entry({ target: { id: 'after' } }));
    expect(await store.verify()).toMatchObject({ isIntact: true, checked: 2 });
  });

  it('keeps the credentials of its URL out of its location', async () => {
    const store = openOnPostgres('postgres://scandeck:hunter2-secret@127.0.0.1:1/audit');
    expect(store.location).toBe('postgres://127.0.0.1:1/audit');
  });
});
