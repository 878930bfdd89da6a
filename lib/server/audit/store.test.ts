import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { listAuditQuery } from '@/lib/schemas/audit';
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
afterEach(() => {
  for (const store of open.splice(0)) {
    try {
      store.close();
    } catch {
      // already closed by the test
    }
  }
});

const query = (q: Record<string, string> = {}) => listAuditQuery.parse(q);

describe('audit store', () => {
  it('creates its directory, runs the migration and uses WAL with synchronous FULL', () => {
    const store = fresh();
    const db = new Database(store.file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    store.append(entry());
    expect(store.list(query()).total).toBe(1);
  });

  it('loses nothing across close and reopen, and the migration does not run twice', () => {
    const first = fresh();
    const id = first.append(entry({ target: { id: '7', name: 'nightly' } }));
    first.complete(id, { target: { uuid: 'U-1' }, outcome: 'refused', status: 404, errorCode: 'not_found', upstreamCode: '147', requestIds: ['a', 'b'] });
    first.close();
    const second = fresh(first.file);
    const [event] = second.list(query()).items;
    expect(event).toEqual({
      id,
      time: '2026-05-01T08:00:00.000Z',
      username: 'ada',
      role: 'admin',
      action: 'DELETE /api/director/scans/{id}',
      target: { id: '7', name: 'nightly', uuid: 'U-1' },
      outcome: 'refused',
      status: 404,
      errorCode: 'not_found',
      upstreamCode: '147',
      requestIds: ['a', 'b'],
      address: '127.0.0.1',
    });
  });

  it('refuses a file written by a newer ScanDeck instead of guessing', () => {
    const store = fresh();
    store.close();
    const db = new Database(store.file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openAuditStore(store.file)).toThrow(/newer than this ScanDeck/);
  });

  it('pages newest first by default and sorts on request', () => {
    const store = fresh();
    for (let i = 0; i < 30; i++) store.append(entry({ atMs: t0 + i * 1000, username: i % 2 ? 'ada' : 'bob', status: 200 + i }));
    const first = store.list(query({ pageSize: '10' }));
    expect(first.total).toBe(30);
    expect(first.items).toHaveLength(10);
    expect(first.items[0]!.time).toBe(new Date(t0 + 29_000).toISOString());
    const third = store.list(query({ pageSize: '10', page: '3' }));
    expect(third.items.at(-1)!.time).toBe(new Date(t0).toISOString());
    const byStatus = store.list(query({ sort: 'status', order: 'asc', pageSize: '10' }));
    expect(byStatus.items.map((e) => e.status)).toEqual([200, 201, 202, 203, 204, 205, 206, 207, 208, 209]);
  });

  it('filters by time range, user, action, outcome and text', () => {
    const store = fresh();
    store.append(entry({ atMs: t0, username: 'ada' }));
    store.append(entry({ atMs: t0 + 60_000, username: 'bob', action: 'POST /api/director/scans', target: { name: 'web_sweep 100%' } }));
    store.append(entry({ atMs: t0 + 120_000, username: 'vic', role: 'viewer', outcome: 'refused', status: 403, errorCode: 'forbidden' }));
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(store.list(query({ from: iso(t0 + 1), to: iso(t0 + 60_000) })).items.map((e) => e.username)).toEqual(['bob']);
    expect(store.list(query({ user: 'vic' })).items.map((e) => e.errorCode)).toEqual(['forbidden']);
    expect(store.list(query({ action: 'POST /api/director/scans' })).total).toBe(1);
    expect(store.list(query({ outcome: 'refused' })).items.map((e) => e.username)).toEqual(['vic']);
    expect(store.list(query({ q: 'SWEEP' })).total).toBe(1);
    // % and _ are searched for literally, not as wildcards.
    expect(store.list(query({ q: '100%' })).total).toBe(1);
    expect(store.list(query({ q: 'we__sweep' })).total).toBe(0);
    expect(store.list(query({ q: 'eb%sweep' })).total).toBe(0);
    expect(store.list(query({ q: '403' })).total).toBe(1);
    expect(store.facets()).toEqual({ users: ['ada', 'bob', 'vic'], actions: ['DELETE /api/director/scans/{id}', 'POST /api/director/scans'] });
  });

  it('treats filter text as data, never as SQL', () => {
    const store = fresh();
    store.append(entry());
    expect(store.list(query({ q: "' OR 1=1 --", user: "ada' OR '1'='1" })).total).toBe(0);
    expect(store.list(query()).total).toBe(1);
  });

  it('iterates oldest first on its own connection while the writer keeps writing', () => {
    const store = fresh();
    for (let i = 0; i < 5; i++) store.append(entry({ atMs: t0 + i, target: { id: String(i) } }));
    const seen: string[] = [];
    for (const event of store.iterate({})) {
      seen.push(event.target.id ?? '');
      // Would throw "connection is busy" if the export shared the writer's connection.
      store.append(entry({ atMs: t0 + 100 }));
    }
    expect(seen).toEqual(['0', '1', '2', '3', '4']);
    const early = store.iterate({ outcome: 'success' });
    expect(early.next().done).toBe(false);
    early.return(undefined);
    expect(store.list(query()).total).toBe(10);
  });

  it('writes an entry in a few milliseconds with a full sync (figure printed)', () => {
    const store = fresh();
    const n = 200;
    const started = performance.now();
    for (let i = 0; i < n; i++) store.append(entry({ atMs: t0 + i }));
    const perEntryMs = (performance.now() - started) / n;
    console.log(`[audit] append with synchronous=FULL: ${perEntryMs.toFixed(3)} ms per entry over ${n}`);
    expect(perEntryMs).toBeLessThan(50);
  });
});
