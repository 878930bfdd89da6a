import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort, stopProcess } from './redis';

/** initdb and postgres: Debian's versioned directory (newest first), else PATH. */
function pgBinary(name: 'initdb' | 'postgres'): string {
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => /^[0-9]+$/.test(v))
      .sort((x, y) => Number(y) - Number(x));
    for (const version of versions) {
      const file = join(base, version, 'bin', name);
      if (existsSync(file)) return file;
    }
  }
  return name;
}

/** PostgreSQL refuses to run as root: a root test run starts it as the `postgres` user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

export interface TestPostgres {
  /** postgres://…/scandeck, a database created for the caller */
  url: string;
  port: number;
  /** A new empty database on this server, for one test; answers its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server (a fast shutdown, as an outage would); `start` brings it back on the same port and data. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its data directory. */
  dispose(): Promise<void>;
}

async function waitUntilReady(adminUrl: string, child: ChildProcess, deadlineMs: number): Promise<void> {
  let last: unknown;
  while (Date.now() < deadlineMs) {
    if (child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode}`);
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (err) {
      last = err;
    } finally {
      await client.end().catch(() => {});
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`postgres did not accept connections: ${last instanceof Error ? last.message : String(last)}`);
}

let databases = 0;

/**
 * A real PostgreSQL of its own on loopback: a free port, a data directory under the system's
 * temporary folder (owned by the `postgres` user when the tests run as root), trust
 * authentication for loopback only, no Unix socket, fsync off (a test server's data need not
 * survive a power cut). Tests that need PostgreSQL start one and dispose of it at the end.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'scandeck-pg-'));
  const data = join(dir, 'data');
  const owner = runAs();
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const init = spawnSync(pgBinary('initdb'), ['-D', data, '-U', 'scandeck', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], {
    encoding: 'utf8',
    cwd: dir,
    ...owner,
  });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (${init.status ?? init.error?.message}): ${init.stderr}`);
  }
  const port = await freePort();
  const adminUrl = `postgres://scandeck@127.0.0.1:${port}/postgres`;
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      pgBinary('postgres'),
      ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'max_connections=200'],
      { stdio: 'ignore', cwd: dir, ...owner },
    );
    await waitUntilReady(adminUrl, child, Date.now() + 30_000);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    // SIGINT: a fast shutdown, every client is disconnected at once.
    await stopProcess(running, 'SIGINT');
  };
  // A test run that dies early must not leave its PostgreSQL behind (SIGQUIT: immediate shutdown).
  const onExit = () => child?.kill('SIGQUIT');
  process.once('exit', onExit);
  await start();
  const createDatabase = async () => {
    const name = `scandeck_${process.pid}_${++databases}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    return `postgres://scandeck@127.0.0.1:${port}/${name}`;
  };
  return {
    url: await createDatabase(),
    port,
    createDatabase,
    stop,
    start,
    async dispose() {
      process.off('exit', onExit);
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
