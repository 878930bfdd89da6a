import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type APIRequestContext, type PlaywrightWorkerArgs } from '@playwright/test';
import { freePort } from '@/lib/testing/redis';
import { e2eUsers } from './fixtures/users.mjs';
// @ts-expect-error: plain JavaScript shared with the demo, no type declarations
import { addUsers, root, startApp, startSimulator } from '../scripts/lib/stack.mjs';

// Two ScanDeck instances (the same production build, `next start` twice) as behind a load
// balancer, for the multi-instance specs. Both call one simulator (as two instances call one
// Director and one HSS); its request log (control) counts what they asked together. Each instance
// has its own data directory; they share the users file and the secret that signs sessions, as
// instances of one deployment do, plus whatever shared stores `sharedEnv` names (REDIS_URL,
// DATABASE_URL).

type Playwright = PlaywrightWorkerArgs['playwright'];
type Child = { kill(signal?: string): void; once(e: string, f: () => void): void; exitCode: number | null };
export type Instance = { appUrl: string; app: Child };

/** The users both instances know: the e2e admin and viewer, and a throttle target of their own. */
export const multiUsers = { admin: e2eUsers.admin, viewer: e2eUsers.viewer, target: { ...e2eUsers.target, username: 'multi-target' } };

async function stopChild(child: Child | undefined) {
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

/** Starts the simulator, then A and B, on free ports under .data/e2e-<name>-<port>/; `stop` ends all three. */
export async function startInstances(
  name: string,
  sharedEnv: Record<string, string>,
): Promise<{ a: Instance; b: Instance; simUrl: string; stop(): Promise<void> }> {
  const dir = join(root, '.data', `e2e-${name}-${process.env.E2E_APP_PORT ?? 3100}`);
  rmSync(dir, { recursive: true, force: true });
  const usersFile = join(dir, 'users.json');
  mkdirSync(dir, { recursive: true });
  addUsers(usersFile, Object.values(multiUsers));
  const logFile = join(dir, 'servers.log');
  const children: Child[] = [];
  const stop = async () => {
    await Promise.all(children.map(stopChild));
  };
  try {
    const simulator = (await startSimulator({ simPort: await freePort(), control: true, quiet: true, logFile })) as { sim: Child; simUrl: string };
    children.push(simulator.sim);
    const one = async (instance: string) => {
      const dataDir = join(dir, instance);
      mkdirSync(dataDir, { recursive: true });
      if (instance === 'b') copyFileSync(join(dir, 'a', 'auth-secret'), join(dataDir, 'auth-secret'));
      const app = (await startApp({ appPort: await freePort(), dataDir, usersFile, simulator, quiet: true, logFile, extraEnv: sharedEnv })) as Instance;
      children.push(app.app);
      return app;
    };
    const a = await one('a');
    const b = await one('b');
    return { a, b, simUrl: simulator.simUrl, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

const callback = '/api/auth/callback/credentials';
export const sessionCookie = (headers: { name: string; value: string }[]) =>
  headers.find((h) => h.name.toLowerCase() === 'set-cookie' && /next-auth\.session-token=[^;]/.test(h.value));

/** One sign-in attempt through next-auth's credentials callback, as the sign-in page sends it. */
export async function attempt(playwright: Playwright, baseURL: string, username: string, password: string) {
  const context = await playwright.request.newContext({ baseURL });
  const { csrfToken } = (await (await context.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const res = await context.post(callback, { form: { username, password, csrfToken, json: 'true' }, maxRedirects: 0 });
  return { context, res };
}

/** Signs in on one instance; answers the session cookie, as a browser would hold it. */
export async function signInOn(playwright: Playwright, baseURL: string, user: { username: string; password: string }) {
  const { context, res } = await attempt(playwright, baseURL, user.username, user.password);
  expect(res.status()).toBe(200);
  const cookie = sessionCookie(res.headersArray());
  expect(cookie).toBeDefined();
  return { context, cookie: cookie!.value.split(';')[0]! };
}

/** A client of `baseURL` holding `cookie`; changes carry the CSRF header and the instance's own Origin. */
export const withCookie = (playwright: Playwright, baseURL: string, cookie: string): Promise<APIRequestContext> =>
  playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie, 'X-CSRF': '1', Origin: new URL(baseURL).origin } });
