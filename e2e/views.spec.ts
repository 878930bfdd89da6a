import { readFileSync } from 'node:fs';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { parseCsv } from '@/lib/testing/csv';
import { baseURL, e2eDataDir } from '../playwright.config';
import { e2eUsers } from './fixtures/users.mjs';
import { findOrganization, overviewUrl, signIn } from './helpers';

// Saved views, a default view and column choices are per user: this spec keeps them as a user of
// its own (a viewer: views are preferences, not changes), so no other spec's lists open differently.
const viewsState = `${e2eDataDir}/auth/views.json`;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, e2eUsers.views);
  await expect(page).toHaveURL(overviewUrl);
  await context.storageState({ path: viewsState });
  await context.close();
});

test.use({ storageState: viewsState });

/** The ids of the rows on screen, from each row's link (the CSV's first column). */
async function rowIds(table: Locator): Promise<string[]> {
  const rows = table.locator('tbody tr');
  await expect(rows.first().getByRole('link').first()).toBeVisible({ timeout: 30_000 });
  await expect(table).not.toHaveAttribute('aria-busy', 'true');
  return rows.evaluateAll((trs) => trs.map((tr) => decodeURIComponent(tr.querySelector('a')?.getAttribute('href')?.split('/').pop() ?? '')));
}

/** How many rows match the table's filters, as its range says ("Showing 1–25 of 123"). */
async function filteredTotal(page: Page): Promise<number> {
  const range = await page.getByTestId('table-range-top').innerText();
  return Number(/of ([\d,]+)/.exec(range)?.[1]?.replace(/,/g, ''));
}

async function downloadCsv(page: Page): Promise<string[][]> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  return parseCsv(readFileSync((await download.path())!, 'utf8'));
}

test.describe('Export CSV', () => {
  const lists: Array<{ name: string; path: (page: Page) => Promise<string>; table: string }> = [
    { name: 'scans', path: async () => '/scans?q=e&sort=name&order=desc&columns=sci,status', table: 'Scans' },
    { name: 'users', path: async () => '/users?q=a&sort=username&order=desc&pageSize=50', table: 'Users' },
    { name: 'organizations', path: async () => '/organizations?sort=name&order=desc&pageSize=10', table: 'Organizations' },
    {
      name: 'security managers',
      path: async (page) => `/organizations/${(await findOrganization(page.request, true)).id}/security-managers?sort=username&order=desc`,
      table: 'Security managers',
    },
    { name: 'scan tasks', path: async () => '/scan-tasks?pageSize=10', table: 'Scan tasks' },
  ];

  for (const list of lists) {
    test(`downloads every row of the filtered ${list.name} list, in the table's order`, async ({ page }) => {
      await page.goto(await list.path(page));
      const table = page.getByRole('table', { name: list.table });
      const ids = await rowIds(table);
      const total = await filteredTotal(page);
      expect(total).toBeGreaterThan(0);

      const [header, ...rows] = await downloadCsv(page);
      expect(header?.[0]).toBe('id');
      expect(rows).toHaveLength(total);
      expect(rows.slice(0, ids.length).map((row) => row[0])).toEqual(ids);
    });
  }

  test("the scans file has the table's columns", async ({ page }) => {
    await page.goto('/scans?q=e&columns=sci,status');
    await rowIds(page.getByRole('table', { name: 'Scans' }));
    const [header] = await downloadCsv(page);
    // In the table's order (the list's column order), whatever order the URL named them in.
    await expect(page.getByRole('table', { name: 'Scans' }).getByRole('columnheader')).toHaveText([/^Name/i, /^Status/i, /^SCI/i]);
    expect(header).toEqual(['id', 'name', 'status', 'sci']);
  });
});

test.describe('saved views', () => {
  test('saves the current view, applies it, makes it the default for the page, clears that and deletes it', async ({ page }) => {
    const name = `Scans with e ${Date.now().toString(36)}`;
    await page.goto('/scans?q=e&sort=name&order=desc&columns=sci,status');
    await rowIds(page.getByRole('table', { name: 'Scans' }));

    const trigger = page.getByRole('button', { name: 'Views' });
    const panel = page.getByRole('dialog', { name: 'Saved views' });
    await expect(trigger).toHaveAttribute('aria-haspopup', 'dialog');
    await trigger.click();
    await expect(panel.getByText('No saved views for this page yet.')).toBeVisible();

    // A refused name keeps what was typed, with the reason beside it.
    const nameInput = panel.getByLabel('Save current view as…');
    await panel.getByRole('button', { name: 'Save view' }).click();
    await expect(panel.getByText('Give the view a name.')).toBeVisible();
    const tooLong = 'x'.repeat(61);
    await nameInput.fill(tooLong);
    await panel.getByRole('button', { name: 'Save view' }).click();
    await expect(panel.getByText('must be at most 60 characters')).toBeVisible();
    await expect(nameInput).toHaveValue(tooLong);
    await expect(nameInput).toHaveAttribute('aria-invalid', 'true');

    await nameInput.fill(name);
    await panel.getByRole('button', { name: 'Save view' }).click();
    await expect(panel.getByRole('button', { name, exact: true })).toBeVisible();
    await expect(nameInput).toHaveValue('');
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(trigger).toBeFocused();

    // Another list state; applying the view brings back its search, sort and columns, from page 1.
    await page.goto('/scans?sort=id&order=asc&page=2');
    await rowIds(page.getByRole('table', { name: 'Scans' }));
    await trigger.click();
    await panel.getByRole('button', { name, exact: true }).click();
    await expect(panel).toBeHidden();
    await expect(page).toHaveURL(/\/scans\?sort=name&order=desc&q=e&columns=status(,|%2C)sci$/);
    const headers = page.getByRole('table', { name: 'Scans' }).getByRole('columnheader');
    await expect(headers).toHaveText([/^Name/i, /^Status/i, /^SCI/i]);

    // The default applies when the page opens with no list state in its URL.
    await trigger.click();
    await panel.getByRole('button', { name: `Make '${name}' the default` }).click();
    await expect(panel.getByRole('button', { name: `Clear '${name}' as the default` })).toBeVisible();
    await page.goto('/scans');
    await expect(page).toHaveURL(/\/scans\?sort=name&order=desc&q=e&columns=status(,|%2C)sci$/);
    await page.goto('/scans?sort=id&order=asc');
    await expect(page).toHaveURL(/\/scans\?sort=id&order=asc$/);

    await trigger.click();
    await panel.getByRole('button', { name: `Clear '${name}' as the default` }).click();
    await expect(panel.getByRole('button', { name: `Make '${name}' the default` })).toBeVisible();
    await page.goto('/scans');
    await rowIds(page.getByRole('table', { name: 'Scans' }));
    await expect(page).toHaveURL(/\/scans$/);

    await trigger.click();
    await panel.getByRole('button', { name: `Delete view '${name}'` }).click();
    await expect(panel.getByText('No saved views for this page yet.')).toBeVisible();
  });

  test('a view of the scan tasks keeps their filters', async ({ page }) => {
    const name = `Vulnerability scans ${Date.now().toString(36)}`;
    await page.goto('/scan-tasks?pageSize=10');
    await expect(page.getByRole('table', { name: 'Scan tasks' }).locator('tbody tr').first()).toBeVisible({ timeout: 30_000 });
    // The rows come painted by the server; a choice made before the table hydrates is not seen. Its
    // age ("updated …") is written in the browser, so it says the table runs there.
    await expect(page.getByTestId('freshness')).toContainText('updated');
    const type = page.getByLabel('Scan type');
    const firstType = await type.locator('option').nth(1).getAttribute('value');
    await type.selectOption(firstType!);
    await expect(page).toHaveURL(new RegExp(`scanType=${firstType}`));

    await page.getByRole('button', { name: 'Views' }).click();
    const panel = page.getByRole('dialog', { name: 'Saved views' });
    await panel.getByLabel('Save current view as…').fill(name);
    await panel.getByRole('button', { name: 'Save view' }).click();
    await expect(panel.getByRole('button', { name, exact: true })).toBeVisible();
    await page.keyboard.press('Escape');

    await page.goto('/scan-tasks');
    await page.getByRole('button', { name: 'Views' }).click();
    await panel.getByRole('button', { name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/scan-tasks\\?pageSize=10&scanType=${firstType}$`));
    await expect(type).toHaveValue(firstType!);

    await page.getByRole('button', { name: 'Views' }).click();
    await panel.getByRole('button', { name: `Delete view '${name}'` }).click();
    await expect(panel.getByRole('button', { name, exact: true })).toHaveCount(0);
  });
});

test.describe('column chooser', () => {
  test('keeps the choice for the next visit, in another browser too', async ({ page, browser }) => {
    await page.goto('/organizations');
    const table = page.getByRole('table', { name: 'Organizations' });
    await rowIds(table);
    const email = table.getByRole('columnheader', { name: /^Email/i });
    await expect(email).toHaveCount(0);

    await page.getByRole('button', { name: /^Columns/ }).click();
    const kept = page.waitForResponse((res) => res.url().endsWith('/api/views/columns') && res.request().method() === 'PUT');
    await page.getByRole('group', { name: 'Visible columns' }).getByLabel('Email').check();
    expect((await kept).status()).toBe(204);
    await expect(email).toBeVisible();

    const other = await browser.newContext({ storageState: viewsState, baseURL });
    try {
      const second = await other.newPage();
      await second.goto('/organizations');
      const secondTable = second.getByRole('table', { name: 'Organizations' });
      await rowIds(secondTable);
      await expect(secondTable.getByRole('columnheader', { name: /^Email/i })).toBeVisible();
      // The kept columns are this reader's defaults: the URL stays as short as before.
      await expect(second).toHaveURL(/\/organizations$/);
    } finally {
      await other.close();
    }

    // Back to the list's own columns, kept as well.
    const undone = page.waitForResponse((res) => res.url().endsWith('/api/views/columns') && res.request().method() === 'PUT');
    await page.getByRole('group', { name: 'Visible columns' }).getByLabel('Email').uncheck();
    expect((await undone).status()).toBe(204);
  });

  test('is a popover: focus moves in, Escape closes it and gives focus back, tabbing out closes it', async ({ page }) => {
    await page.goto('/scans');
    await rowIds(page.getByRole('table', { name: 'Scans' }));
    const trigger = page.getByRole('button', { name: /^Columns/ });
    const chooser = page.getByRole('dialog', { name: 'Column chooser' });
    await expect(trigger).toHaveAttribute('aria-haspopup', 'dialog');
    await expect(trigger).toHaveAttribute('aria-expanded', 'false');
    // The server draws the table with its first page, its controls disabled until hydrated: a
    // disabled button takes no focus.
    await expect(trigger).toBeEnabled();

    await trigger.focus();
    await page.keyboard.press('Enter');
    await expect(chooser).toBeVisible();
    await expect(trigger).toHaveAttribute('aria-expanded', 'true');
    await expect(chooser.getByRole('checkbox').first()).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(chooser).toBeHidden();
    await expect(trigger).toBeFocused();
    await expect(trigger).toHaveAttribute('aria-expanded', 'false');

    await page.keyboard.press('Enter');
    await expect(chooser.getByRole('checkbox').first()).toBeFocused();
    const boxes = await chooser.getByRole('checkbox').count();
    for (let i = 0; i < boxes; i++) await page.keyboard.press('Tab');
    await expect(chooser).toBeHidden();
    await expect(trigger).toHaveAttribute('aria-expanded', 'false');
    await expect(trigger).not.toBeFocused();

    // Shift+Tab from the first box goes back to the button, and closes it too.
    await trigger.click();
    await expect(chooser.getByRole('checkbox').first()).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(chooser).toBeHidden();
    await expect(trigger).toBeFocused();

    // A click outside closes it too.
    await trigger.click();
    await expect(chooser).toBeVisible();
    await page.getByRole('heading', { level: 1, name: 'Scans' }).click();
    await expect(chooser).toBeHidden();
  });
});
