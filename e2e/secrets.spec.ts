import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { e2eDataDir } from '../playwright.config';
import { storageStateOf } from './helpers';

// The credentials the e2e stack started with (scripts/e2e-servers.mjs): Director keys, AK/SK,
// the auth secret, and the console users' passwords.
const { secrets, passwords, logFile } = JSON.parse(readFileSync(`${e2eDataDir}/secrets.json`, 'utf8')) as {
  secrets: string[];
  passwords: string[];
  logFile: string;
};

test.use({ storageState: storageStateOf('admin') });

/** Every body the browser received while the page was used: HTML, scripts, styles, API JSON. */
function recordBodies(page: Page) {
  const bodies: Array<{ url: string; text: string }> = [];
  page.on('response', async (res) => {
    try {
      bodies.push({ url: res.url(), text: await res.text() });
    } catch {
      // redirects and aborted requests have no body
    }
  });
  return bodies;
}

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
