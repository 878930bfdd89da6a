import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { e2eDataDir } from '../playwright.config';
import { recordBodies, storageStateOf } from './helpers';

// The credentials the e2e stack started with (scripts/e2e-servers.mjs): Director keys, AK/SK,
// the auth secret, and the console users' passwords.
const { secrets, passwords, logFile } = JSON.parse(readFileSync(`${e2eDataDir}/secrets.json`, 'utf8')) as {
  secrets: string[];
  passwords: string[];
  logFile: string;
};

test.use({ storageState: storageStateOf('admin') });

test('no vendor key, AK/SK, auth secret or password reaches the browser or the server log', async ({ page }) => {
  expect(secrets.length).toBeGreaterThanOrEqual(5);
  const bodies = recordBodies(page);

  await page.goto('/scans?columns=name,owner,policy,repository,zone,ipList');
  await expect(page.getByRole('table', { name: 'Scans' }).locator('tbody tr').first()).toBeVisible();
  await page.goto('/scans/1');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.goto('/scans/new');
  await page.getByLabel('SCI').selectOption({ index: 1 });
  await expect(page.getByLabel('Policy', { exact: true }).locator('option')).not.toHaveCount(1);
  await page.request.get('/api/health');
  await page.waitForLoadState('networkidle');

  const scripts = bodies.filter((b) => /\.js(\?|$)/.test(b.url));
  expect(scripts.length, 'client bundle chunks were loaded').toBeGreaterThan(0);
  expect(bodies.some((b) => b.url.includes('/api/director/'))).toBe(true);
  for (const { url, text } of bodies) {
    for (const value of [...secrets, ...passwords]) {
      expect(text.includes(value), `a credential appears in ${url}`).toBe(false);
    }
  }

  const log = readFileSync(logFile, 'utf8');
  expect(log).toContain('[app]');
  for (const value of [...secrets, ...passwords, 'not-the-password']) {
    expect(log.includes(value), 'a credential appears in the server log').toBe(false);
  }
});

/** Server-side variable names: if one appears in a client chunk, server code was bundled for the browser. */
const secretNames = ['DIRECTOR_ACCESS_KEY', 'DIRECTOR_SECRET_KEY', 'HUAWEI_AK', 'HUAWEI_SK', 'IAM_PASSWORD', 'AUTH_SECRET', 'NEXTAUTH_SECRET'];

test('the client bundle on disk holds no credential, no server variable name, and no NEXT_PUBLIC_ variable carries one', async ({ request }) => {
  const staticDir = join(process.env.NEXT_DIST_DIR || '.next', 'static');
  const files = readdirSync(staticDir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(js|css|json|txt|map)$/.test(f));
  expect(files.filter((f) => f.endsWith('.js')).length, 'client chunks were built').toBeGreaterThan(5);
  for (const file of files) {
    const text = readFileSync(join(staticDir, file), 'utf8');
    for (const value of [...secrets, ...passwords]) expect(text.includes(value), `a credential appears in ${file}`).toBe(false);
    for (const name of secretNames) expect(text.includes(name), `${name} is referenced in ${file}`).toBe(false);
    expect(text, `server-only code in ${file}`).not.toContain('[scandeck] director');
  }

  // The same environment the e2e stack gave the app (scripts/lib/stack.mjs spreads process.env).
  const publicVars = Object.entries(process.env).filter(([name]) => name.startsWith('NEXT_PUBLIC_'));
  for (const [name, value] of publicVars) {
    for (const secret of secrets) expect(value?.includes(secret), `${name} carries a credential`).toBe(false);
  }

  // The rendered sign-in page, as anyone can fetch it.
  const login = await (await request.get('/login', { headers: { cookie: '' } })).text();
  for (const value of [...secrets, ...passwords]) expect(login.includes(value)).toBe(false);
});
