import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort } from '@/lib/testing/redis';
import { e2eUsers } from './fixtures/users.mjs';
// @ts-expect-error: plain JavaScript shared with the demo, no type declarations
import { addUsers, root, startStack } from '../scripts/lib/stack.mjs';

// The container image's server without Docker: the build's standalone output copied on its own
// (with static files and public/, as the Dockerfile copies them) into a directory outside the
// project, so it can only use what the output holds, started with `node server.js` on the simulator.
type Child = { kill(signal?: string): void; once(e: string, f: () => void): void; exitCode: number | null };
let stack: { appUrl: string; app: Child; sim: Child } | undefined;
let dir = '';

async function stopChild(child: Child | undefined) {
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const distDir = join(root, process.env.NEXT_DIST_DIR || '.next');
  const standalone = join(distDir, 'standalone');
  expect(existsSync(join(standalone, 'server.js')), 'next build writes the standalone server (output: standalone)').toBe(true);
  dir = mkdtempSync(join(tmpdir(), 'scandeck-standalone-'));
  const app = join(dir, 'app');
  cpSync(standalone, app, { recursive: true });
  cpSync(join(distDir, 'static'), join(app, basename(distDir), 'static'), { recursive: true });
  cpSync(join(root, 'public'), join(app, 'public'), { recursive: true });
  const data = join(dir, 'data');
  const usersFile = join(dir, 'users.json');
  addUsers(usersFile, [e2eUsers.viewer]);
  stack = (await startStack({
    appPort: await freePort(),
    simPort: await freePort(),
    dataDir: data,
    usersFile,
    quiet: true,
    logFile: join(dir, 'servers.log'),
    standaloneDir: app,
  })) as typeof stack;
});

test.afterAll(async () => {
  await Promise.all([stack?.app, stack?.sim].map(stopChild));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the standalone server serves the live probe, sign-in and a signed-in page', async ({ playwright }) => {
  const context = await playwright.request.newContext({ baseURL: stack!.appUrl });
  const live = await context.get('/api/health/live');
  expect(live.status()).toBe(200);
  expect(await live.json()).toEqual({ status: 'live' });
  // The embedded stores (better-sqlite3, a native module) came along in the output.
  expect((await context.get('/api/health/ready')).status()).toBe(200);

  const { csrfToken } = (await (await context.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const signIn = await context.post('/api/auth/callback/credentials', {
    form: { username: e2eUsers.viewer.username, password: e2eUsers.viewer.password, csrfToken, json: 'true' },
    maxRedirects: 0,
  });
  expect(signIn.status()).toBe(200);

  const page = await context.get('/scans');
  expect(page.status()).toBe(200);
  expect(await page.text()).toMatch(/<h1[^>]*>Scans<\/h1>/);
  // A client chunk the page names is served from the copied static files.
  const chunk = /\/_next\/static\/[^"']+\.js/.exec(await page.text())?.[0];
  expect(chunk).toBeDefined();
  expect((await context.get(chunk!)).status()).toBe(200);
  await context.dispose();
});
