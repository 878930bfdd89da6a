import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresAuditStore } from '@/lib/server/audit/postgres-store';
import { openAuditStore, type AuditStore } from '@/lib/server/audit/store';
import { startPostgres, type TestPostgres } from '@/lib/testing/postgres';

const root = join(import.meta.dirname, '..');

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), ['--conditions=react-server', join(root, 'scripts', 'audit-verify.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', ...env },
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}
const verify = (dataDir: string) => run(['--data-dir', dataDir]);

/** Four entries of a deleted scan each, as the recorder writes them. */
async function writeFour(store: AuditStore): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < 4; i++) {
    ids.push(
      await store.append({
        atMs: Date.parse('2026-05-01T08:00:00Z') + i,
        username: 'ada',
        role: 'admin',
        action: 'DELETE /api/director/scans/{id}',
        target: { id: String(i) },
        outcome: 'success',
        status: 204,
        errorCode: null,
        upstreamCode: null,
        requestIds: [],
        address: '127.0.0.1',
      }),
    );
  }
  return ids;
}

let postgres: TestPostgres | undefined;
afterAll(async () => {
  await postgres?.dispose();
});

describe('npm run audit:verify', () => {
  it('says the chain holds, then names the first entry someone changed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scandeck-verify-'));
    const store = openAuditStore(join(dir, 'audit.sqlite'));
    const ids = await writeFour(store);
    await store.close();
    const intact = verify(dir);
    expect(intact.status, intact.out).toBe(0);
    expect(intact.out).toContain(`audit chain verified: 4 entries, up to #${ids[3]}`);

    const db = new Database(join(dir, 'audit.sqlite'));
    db.prepare('UPDATE audit_event SET target = \'{"id":"99"}\' WHERE id = ?').run(ids[1]);
    db.close();
    const broken = verify(dir);
    expect(broken.status).toBe(1);
    expect(broken.out).toContain(`audit chain BROKEN at entry #${ids[1]}: entry #${ids[1]} was changed after it was written`);
    expect(broken.out).toContain(`up to #${ids[0]}`);
  });

  it('exits 2 when there is no trail to read', () => {
    expect(verify(join(tmpdir(), 'scandeck-no-such-dir')).status).toBe(2);
  });

  it('checks the PostgreSQL trail named by DATABASE_URL, as the server writes it, and names a changed entry', async () => {
    postgres = await startPostgres();
    const store = openPostgresAuditStore(postgres.url);
    const ids = await writeFour(store);
    await store.close();
    const intact = run([], { DATABASE_URL: postgres.url });
    expect(intact.status, intact.out).toBe(0);
    expect(intact.out).toContain(`audit chain verified: 4 entries, up to #${ids[3]}`);
    const client = new pg.Client(postgres.url);
    await client.connect();
    await client.query('UPDATE audit_event SET target = \'{"id":"99"}\' WHERE id = $1', [ids[2]]);
    await client.end();
    const broken = run(['--database-url', postgres.url]);
    expect(broken.status).toBe(1);
    expect(broken.out).toContain(`audit chain BROKEN at entry #${ids[2]}`);
    expect(broken.out).toContain(`up to #${ids[1]}`);
    // A PostgreSQL of its own and two runs of the script: allowed the time a loaded machine needs.
  }, 120_000);
});
