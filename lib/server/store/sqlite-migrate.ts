import 'server-only';
import type Database from 'better-sqlite3';

/**
 * Runs the steps of an append-only migration list that a file has not run yet, in one transaction;
 * `PRAGMA user_version` counts the steps that have run. A file from a newer ScanDeck is refused.
 */
export function migrateSqlite(db: Database.Database, migrations: readonly string[], what: string): void {
  const current = Number(db.pragma('user_version', { simple: true }));
  if (current > migrations.length) {
    throw new Error(`${what} ${db.name} has schema version ${current}, newer than this ScanDeck (${migrations.length})`);
  }
  db.transaction(() => {
    for (let version = current; version < migrations.length; version++) {
      db.exec(migrations[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }
  }).immediate();
}
