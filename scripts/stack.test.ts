import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript shared with the demo and the e2e stack, no type declarations
import { waitForLine } from './lib/stack.mjs';

/** A child that prints its ready line, then `after` more lines (as a server logs one per request), then exits. */
function child(after: number, ready = 'listening on http://127.0.0.1:1') {
  const script = `console.log(${JSON.stringify(ready)}); let i = 0; const t = setInterval(() => { for (let j = 0; j < 100 && i < ${after}; j++, i++) console.log('request ' + i + ' ' + 'x'.repeat(200)); if (i >= ${after}) { clearInterval(t); } }, 1);`;
  return spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
}

const listeners = (c: ReturnType<typeof child>) => [c.stdout.listenerCount('data'), c.stderr.listenerCount('data'), c.listenerCount('exit')];

describe('the stack starter waiting for a server to be ready', () => {
  it('stops reading the output once the ready line came, so a long run keeps no copy of its log', async () => {
    const c = child(3_000);
    const match = await waitForLine(c, /listening on (http:\/\/\S+)/, 'the test server', 5_000);
    expect(match[1]).toBe('http://127.0.0.1:1');
    // Nothing of ours is left on the child: its later 3,000 lines are neither kept nor searched.
    expect(listeners(c)).toEqual([0, 0, 0]);
    c.stdout.resume();
    await once(c, 'exit');
  });

  it('says the server exited, with the end of its output, and lets go of it', async () => {
    const c = spawn(process.execPath, ['-e', 'console.error("port in use"); process.exit(3)'], { stdio: ['ignore', 'pipe', 'pipe'] });
    await expect(waitForLine(c, /listening/, 'the test server', 5_000)).rejects.toThrow(
      /the test server exited with code 3 before it was ready:\n.*port in use/s,
    );
    expect(listeners(c)).toEqual([0, 0, 0]);
  });

  it('gives up after its time, and lets go of the output', async () => {
    const c = spawn(process.execPath, ['-e', 'console.log("still starting"); setTimeout(() => {}, 10_000)'], { stdio: ['ignore', 'pipe', 'pipe'] });
    await expect(waitForLine(c, /listening/, 'the test server', 300)).rejects.toThrow('the test server did not start within 0.3s');
    expect(listeners(c)).toEqual([0, 0, 0]);
    c.kill();
  });
});
