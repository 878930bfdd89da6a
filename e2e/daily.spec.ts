import { expect, type Page, test } from '@playwright/test';
import type { ListResponse } from '@/lib/schemas/common';
import { failNextUpstream, findOrganization, storageStateOf, toastOf, waitForListHydrated } from './helpers';

/** Issue 13's daily-use fixes in the console frame: keyboard, narrow windows, the 404, task ids, toasts, tab titles. */
test.use({ storageState: storageStateOf('admin') });

/** A table's rows once loaded: skeleton rows stand in while a list loads, which a loaded machine makes slow. */
const loadedRows = (page: Page, table: string) => page.getByRole('table', { name: table }).locator('tbody tr:not([data-testid="skeleton-row"])');
const scanRows = (page: Page) => loadedRows(page, 'Scans');
const loading = { timeout: 30_000 };

async function firstScan(page: Page): Promise<{ id: number; name: string }> {
  const res = await page.request.get('/api/director/scans?pageSize=10&sort=name&order=asc&columns=name');
  expect(res.status()).toBe(200);
  return ((await res.json()) as ListResponse<{ id: number; name: string }>).items[0]!;
}

test('the first Tab reaches "Skip to content", which moves focus to the main area', async ({ page }) => {
  await page.goto('/scans');
  await expect(scanRows(page).first()).toBeVisible(loading);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  // The next Tab lands inside the page, past the header.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.querySelector('main')?.contains(document.activeElement))).toBe(true);
});

test('opening a row or following a nav link puts focus on the new page heading, first load does not', async ({ page }) => {
  await page.goto('/scans?sort=name&order=asc');
  await expect(scanRows(page).first()).toBeVisible(loading);
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
  // Moving focus is the console's doing, so the row is opened once the console runs.
  await waitForListHydrated(page);

  const scan = scanRows(page).first().getByRole('link').first();
  const name = (await scan.innerText()).trim();
  await scan.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/scans\/\d+$/);
  const heading = page.locator('main h1');
  await expect(heading).toHaveText(name);
  await expect(heading).toBeFocused();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  await expect(page).toHaveURL(/\/users$/);
  await expect(heading).toHaveText('Users');
  await expect(heading).toBeFocused();
});

test.describe('768 px wide', () => {
  test.use({ viewport: { width: 768, height: 900 } });

  test('the header fits, "Sign out" stays on screen, and no list page scrolls sideways', async ({ page }) => {
    // Six lists, each loaded in full.
    test.slow();
    const orgId = (await findOrganization(page.request, true)).id;
    const lists = [
      { path: '/scans', table: 'Scans' },
      { path: '/organizations', table: 'Organizations' },
      { path: `/organizations/${orgId}/security-managers`, table: 'Security managers' },
      { path: '/users', table: 'Users' },
      { path: '/scan-tasks', table: 'Scan tasks' },
      { path: '/audit', table: 'Audit trail' },
    ];
    for (const { path, table } of lists) {
      await page.goto(path);
      await expect(loadedRows(page, table).first(), path).toBeVisible(loading);
      await expect(page.getByRole('button', { name: 'Sign out', exact: true }), path).toBeInViewport({ ratio: 1 });
      const widths = await page.evaluate(() => {
        const header = document.querySelector('header');
        return {
          page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          header: header ? header.scrollWidth - header.clientWidth : -1,
        };
      });
      expect(widths.header, `${path}: the header overflows by ${widths.header} px`).toBe(0);
      expect(widths.page, `${path} scrolls sideways by ${widths.page} px`).toBeLessThanOrEqual(0);
    }
  });
});

test.describe('1280 px wide', () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test('the audit trail fits without the page scrolling sideways', async ({ page }) => {
    await page.goto('/audit');
    const table = page.getByRole('table', { name: 'Audit trail' });
    await expect(loadedRows(page, 'Audit trail').first()).toBeVisible(loading);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await expect(table.getByRole('columnheader').last()).toBeInViewport();
    await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeInViewport({ ratio: 1 });
  });
});

test('an unknown address answers 404 inside the console, with its header and a way back', async ({ page, browser }) => {
  for (const path of ['/no-such-page/at-all', '/scans/1/no-such-tab']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expect(page.getByRole('banner').getByRole('link', { name: /ScanDeck/ })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
    await expect(page).toHaveTitle('Page not found · ScanDeck');
  }
  await page.getByRole('link', { name: 'Back to scans' }).click();
  await expect(page).toHaveURL(/\/scans$/);

  // Without a session an unknown address, a page's or the API's, is sent to sign-in and shows no frame.
  const anonymous = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  for (const path of ['/no-such-page', '/api/no-such-route']) {
    const toLogin = await anonymous.request.get(path, { maxRedirects: 0 });
    expect(toLogin.status(), path).toBe(307);
    expect(toLogin.headers().location, path).toMatch(/\/login(\?|$)/);
    expect(await toLogin.text(), path).not.toMatch(/Sign out|Skip to content/);
  }
  await anonymous.close();
});

test.describe('task ids', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('the task list shows 8 characters and copies the whole id, as does the task page', async ({ page }) => {
    await page.goto('/scan-tasks');
    const row = loadedRows(page, 'Scan tasks').first();
    const link = row.getByRole('link');
    await expect(link).toBeVisible(loading);
    const id = (await link.getAttribute('title')) ?? '';
    expect(id.length).toBeGreaterThan(8);
    await expect(link).toHaveText(`${id.slice(0, 8)}…`);

    await row.getByRole('button', { name: `Copy task id ${id}` }).click();
    await expect(row.getByRole('status')).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(id);

    await page.evaluate(() => navigator.clipboard.writeText(''));
    await link.click();
    await expect(page).toHaveURL(new RegExp(`/scan-tasks/${id}$`));
    const copy = page.getByRole('button', { name: `Copy task id ${id}` });
    await copy.click();
    await expect(page.locator('main').getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(id);
  });
});

test('a refused delete says so in a toast with the vendor message and request id; the scan stays', async ({ page }) => {
  const scan = await firstScan(page);
  await page.goto(`/scans/${scan.id}`);
  await expect(page.locator('main h1')).toHaveText(scan.name);
  await failNextUpstream({
    method: 'DELETE',
    pathPrefix: '/rest/mgmt/scan/',
    response: {
      status: 403,
      body: { type: 'regular', response: '', error_code: 146, error_msg: 'Scan is in use by the e2e test', warnings: [], timestamp: 1 },
    },
  });
  await page.getByRole('button', { name: 'Delete scan' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this scan?' });
  await dialog.getByRole('button', { name: 'Delete scan' }).click();
  const toast = toastOf(page, 'The scan was not deleted');
  await expect(toast).toBeVisible();
  await expect(toast).toContainText('146: Scan is in use by the e2e test');
  await expect(toast).toContainText('Tenable Security Center Director');
  const requestId = (await dialog.getByTestId('error-request-id').innerText()).trim();
  expect(requestId).toMatch(/\S{8,}/);
  await expect(toast).toContainText(`request id ${requestId}`);
  await page.keyboard.press('Escape');
  expect((await page.request.get(`/api/director/scans/${scan.id}`)).status()).toBe(200);
});

test('detail pages name their record in the tab title', async ({ page }) => {
  await page.goto('/scans?sort=name&order=asc&pageSize=10');
  // Each row's name links to its scan (an admin's first cell is the row's checkbox).
  const links = scanRows(page).locator('td a[href^="/scans/"]');
  await expect(links.nth(1)).toBeVisible(loading);
  const [first, second] = [(await links.nth(0).innerText()).trim(), (await links.nth(1).innerText()).trim()];
  await links.nth(0).click();
  await expect(page).toHaveTitle(`${first} · Scan · ScanDeck`);
  await page.goBack();
  await links.nth(1).click();
  await expect(page).toHaveTitle(`${second} · Scan · ScanDeck`);
  await page.reload();
  await expect(page).toHaveTitle(`${second} · Scan · ScanDeck`);

  const org = await findOrganization(page.request, true);
  await page.goto(`/organizations/${org.id}/security-managers`);
  const manager = loadedRows(page, 'Security managers').first().getByRole('link').first();
  await expect(manager).toBeVisible(loading);
  await manager.click();
  await expect(page).toHaveURL(/\/security-managers\/\d+$/);
  await expect(page).toHaveTitle(/. · Security manager · ScanDeck$/);
  const heading = page.locator('main h1');
  await expect(heading).not.toHaveText('Security manager');
  expect(await page.title()).toBe(`${(await heading.innerText()).trim()} · Security manager · ScanDeck`);
});
