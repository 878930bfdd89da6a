import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const SECRET = 'cli-test-secret-value-0123';
let child: ChildProcess | undefined;

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
});

function start(args: string[], env: Record<string, string> = {}) {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'simulator/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    proc.stdout.on('data', () => {
      const match = /^simulator listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  // A run that is expected to fail never awaits `listening`; mark the rejection as seen.
  listening.catch(() => undefined);
  return { proc, listening, exited, output: () => stdout + stderr };
}

describe('simulator CLI', () => {
  it('prints one listening line, serves Director with the SIM_* keys, never prints secrets, exits on SIGTERM', async () => {
    const run = start(['--port', '0', '--seed', '3'], {
      SIM_DIRECTOR_ACCESS_KEY: 'cli-access',
      SIM_DIRECTOR_SECRET_KEY: SECRET,
    });
    const url = await run.listening;
    const res = await fetch(`${url}/rest/sci`, { headers: { 'x-apikey': `accesskey=cli-access; secretkey=${SECRET};` } });
    expect(res.status).toBe(200);
    const wrong = await fetch(`${url}/rest/sci`, { headers: { 'x-apikey': 'accesskey=cli-access; secretkey=nope;' } });
    expect(wrong.status).toBe(403);
    run.proc.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output()).not.toContain(SECRET);
    expect(run.output()).not.toContain('DEMO-ONLY-huawei-secret-key');
    expect(run.output().match(/simulator listening on/g)).toHaveLength(1);
  });

  it('refuses an unknown size before listening', async () => {
    const run = start(['--size', 'huge']);
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain('--size must be demo or bench');
    expect(run.output()).not.toContain('listening');
  });
});
