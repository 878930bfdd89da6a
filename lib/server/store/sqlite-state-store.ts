import 'server-only';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrateSqlite } from './sqlite-migrate';
import type { StateStore } from './state-store';

/** Append only, like the audit store's: `PRAGMA user_version` counts the steps that have run. */
const migrations: string[] = [
  `CREATE TABLE revoked_session (sid TEXT PRIMARY KEY, expires_at_ms INTEGER NOT NULL);
   CREATE TABLE revoked_user (username TEXT PRIMARY KEY, revoked_at_ms INTEGER NOT NULL, expires_at_ms INTEGER NOT NULL);
   CREATE TABLE hit (id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL, at_ms INTEGER NOT NULL);
   CREATE INDEX hit_key_at ON hit (key, at_ms);
   CREATE INDEX hit_at ON hit (at_ms);`,
];

/**
 * The embedded store: one SQLite file beside the audit trail. A revocation must survive a crash
 * (a signed-out cookie must stay dead), so writes are synchronous=FULL like the trail's; the
 * statements are tiny and run in microseconds, so the async interface costs nothing here.
 */
export function openSqliteStateStore(file: string): StateStore {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  chmodSync(file, 0o600);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  migrateSqlite(db, migrations, 'state store');

  const putSession = db.prepare<[string, number]>(
    `INSERT INTO revoked_session (sid, expires_at_ms) VALUES (?, ?)
     ON CONFLICT (sid) DO UPDATE SET expires_at_ms = MAX(expires_at_ms, excluded.expires_at_ms)`,
  );
  const putUser = db.prepare<[string, number, number]>(
    `INSERT INTO revoked_user (username, revoked_at_ms, expires_at_ms) VALUES (?, ?, ?)
     ON CONFLICT (username) DO UPDATE SET revoked_at_ms = MAX(revoked_at_ms, excluded.revoked_at_ms),
       expires_at_ms = MAX(expires_at_ms, excluded.expires_at_ms)`,
  );
  const getSession = db.prepare<[string], { n: number }>('SELECT 1 AS n FROM revoked_session WHERE sid = ?');
  const getUser = db.prepare<[string], { revoked_at_ms: number }>('SELECT revoked_at_ms FROM revoked_user WHERE username = ?');
  const insertHit = db.prepare<[string, number]>('INSERT INTO hit (key, at_ms) VALUES (?, ?)');
  const selectHits = db.prepare<[string, number], { at_ms: number }>('SELECT at_ms FROM hit WHERE key = ? AND at_ms > ? ORDER BY at_ms, id');
  const deleteHit = db.prepare<[string, number]>('DELETE FROM hit WHERE key = ? AND id = ?');
  const deleteKey = db.prepare<[string]>('DELETE FROM hit WHERE key = ?');
  const deleteOldKeyHits = db.prepare<[string, number]>('DELETE FROM hit WHERE key = ? AND at_ms <= ?');
  const pruneSessions = db.prepare<[number]>('DELETE FROM revoked_session WHERE expires_at_ms <= ?');
  const pruneUsers = db.prepare<[number]>('DELETE FROM revoked_user WHERE expires_at_ms <= ?');
  const pruneHits = db.prepare<[number]>('DELETE FROM hit WHERE at_ms <= ?');

  const hitTx = db.transaction((key: string, atMs: number, windowMs: number) => {
    deleteOldKeyHits.run(key, atMs - windowMs);
    const id = Number(insertHit.run(key, atMs).lastInsertRowid);
    return { id: String(id), times: selectHits.all(key, atMs - windowMs).map((r) => r.at_ms) };
  });
  const pruneTx = db.transaction((nowMs: number, maxWindowMs: number) => {
    pruneSessions.run(nowMs);
    pruneUsers.run(nowMs);
    pruneHits.run(nowMs - maxWindowMs);
  });

  return {
    async revokeSession(sid, expiresAtMs) {
      putSession.run(sid, expiresAtMs);
    },
    async revokeUser(username, atMs, expiresAtMs) {
      putUser.run(username, atMs, expiresAtMs);
    },
    async isRevoked({ sid, username, authTimeMs }) {
      if (getSession.get(sid)) return true;
      const user = getUser.get(username);
      return user !== undefined && authTimeMs <= user.revoked_at_ms;
    },
    async hit(key, atMs, windowMs) {
      return hitTx(key, atMs, windowMs);
    },
    async hits(key, sinceMs) {
      return selectHits.all(key, sinceMs).map((r) => r.at_ms);
    },
    async unhit(key, id) {
      if (/^[0-9]+$/.test(id)) deleteHit.run(key, Number(id));
    },
    async clear(key) {
      deleteKey.run(key);
    },
    async prune(nowMs, maxWindowMs) {
      pruneTx(nowMs, maxWindowMs);
    },
    async close() {
      db.close();
    },
  };
}
