// `node scripts/screenshots.mjs`: starts the demo stack on spare ports and photographs each page
// (after `next build`) in the light theme (`name.png`) and the dark one (`name-dark.png`), for the
// README and for looking at what a change did. The theme is the system's, as a browser reports it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { ssoUsers } from './lib/oidc-provider.mjs';
import { addUsers, root, startStack, stopAll } from './lib/stack.mjs';

const outDir = process.argv[2] ?? join(root, 'docs', 'screenshots');
const dataDir = join(root, '.data', 'screenshots');
const usersFile = join(dataDir, 'users.json');
const admin = { username: 'admin', role: 'admin', password: 'screenshot-admin-pass' };
mkdirSync(dataDir, { recursive: true });
mkdirSync(outDir, { recursive: true });
addUsers(usersFile, [admin]);
const appPort = Number(process.env.SCREENSHOTS_APP_PORT ?? 3200);
const simPort = Number(process.env.SCREENSHOTS_SIM_PORT ?? 4210);
const { appUrl, scis } = await startStack({ appPort, simPort, dataDir, usersFile, quiet: true, sso: { users: ssoUsers() } });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1366, height: 860 }, timezoneId: 'Europe/Paris' });
let suffix = '';
const file = (name) => join(outDir, `${name}${suffix}.png`);
const shot = (name) => page.screenshot({ path: file(name) });

async function signIn() {
  await page.goto(`${appUrl}/login`);
  await page.getByLabel('Username').fill(admin.username);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // Signing in lands on the Overview.
  await page.waitForURL(`${appUrl}/`);
}

async function photographEveryPage() {
  await page.context().clearCookies();
  await page.goto(`${appUrl}/login`);
  await shot('login');
  // What a user in no ScanDeck group sees after signing in at the provider.
  await page.goto(`${appUrl}/login?error=SsoNoRole`);
  await shot('login-sso-refused');
  await signIn();
  await page.getByRole('region', { name: 'Tenable.sc instances' }).locator('tbody tr').first().waitFor();
  await page.getByTestId('list-freshness').getByText(/as of/).waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: file('overview'), fullPage: true });
  await page.goto(`${appUrl}/scans`);
  await page.getByRole('table', { name: 'Scans' }).locator('tbody tr a').first().waitFor();
  await shot('scans');
  // Two rows ticked: the bulk bar (loaded on the first selection); then the Views menu.
  const rowBoxes = page.getByRole('table', { name: 'Scans' }).locator('tbody tr input[type=checkbox]');
  await rowBoxes.nth(0).check();
  await rowBoxes.nth(1).check();
  await page.getByRole('button', { name: 'Clear selection' }).waitFor();
  await shot('scans-bulk');
  await page.getByRole('button', { name: 'Clear selection' }).click();
  await page.getByRole('button', { name: 'Views' }).click();
  await page.getByRole('dialog', { name: 'Saved views' }).waitFor();
  await shot('scans-views');
  await page.keyboard.press('Escape');
  await page.goto(`${appUrl}/scans/7`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.getByText('Targets', { exact: true }).first().waitFor();
  await page.waitForTimeout(500);
  await shot('scan');
  await page.goto(`${appUrl}/scans/new`);
  await page.getByLabel('SCI').selectOption({ index: 1 });
  await page.getByLabel('Schedule', { exact: true }).selectOption('ical');
  await page.getByLabel('Repeat').selectOption('WEEKLY');
  await page.getByLabel('Policy', { exact: true }).locator('option').nth(1).waitFor({ state: 'attached' });
  await page.screenshot({ path: file('new-scan'), fullPage: true });
  const visit = async (name, path, ready) => {
    await page.goto(`${appUrl}${path}`);
    await ready();
    await page.waitForTimeout(400);
    await page.screenshot({ path: file(name), fullPage: true });
  };
  const firstRowLink = () => page.locator('table tbody tr a').first().waitFor();
  await visit('organizations', '/organizations', firstRowLink);
  const orgHref = await page.locator('table tbody tr a').first().getAttribute('href');
  await visit('organization', orgHref, () => page.getByRole('heading', { level: 1 }).waitFor());
  await visit('users', '/users?orgId=0', firstRowLink);
  await visit('security-managers', `${orgHref}/security-managers`, firstRowLink);
  await visit('security-manager-new', `${orgHref}/security-managers/new`, () => page.getByRole('heading', { level: 1 }).waitFor());
  // The demo leaves one SCI unconnected: its organizations explain why their managers are not shown.
  let unconnectedOrg;
  for (let id = 1; id <= 40 && !unconnectedOrg; id++) {
    const res = await page.request.get(`${appUrl}/api/director/organizations/${id}/security-managers/form-context`);
    if (res.ok() && (await res.json()).connection.sciId === scis.unconnected[0]) unconnectedOrg = id;
  }
  if (unconnectedOrg) {
    await visit('security-managers-not-connected', `/organizations/${unconnectedOrg}/security-managers`, () => page.getByTestId('sci-not-connected').waitFor());
  }
  await visit('scan-tasks', '/scan-tasks', firstRowLink);
  const taskHref = await page.locator('table tbody tr a').first().getAttribute('href');
  await visit('scan-task', taskHref, () => page.getByRole('heading', { level: 1 }).waitFor());
  await visit('audit', '/audit', () => page.getByRole('heading', { level: 1 }).waitFor());
}

try {
  for (const theme of ['light', 'dark']) {
    suffix = theme === 'light' ? '' : '-dark';
    await page.emulateMedia({ colorScheme: theme });
    await photographEveryPage();
  }
  console.log(`screenshots written to ${outDir}`);
} finally {
  await browser.close();
  stopAll();
}
