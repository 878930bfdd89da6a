import { expect, type Locator, type Page, test } from '@playwright/test';
import type { ListResponse } from '@/lib/schemas/common';
import type { ListScanTasksResponse } from '@/lib/schemas/scan-task';
import { baseURL } from '../playwright.config';
import { expectNoSeriousAxeViolations, failNextUpstream, findOrganization, storageStateOf, toastOf, waitForShortcuts } from './helpers';

/**
 * axe on every page and every dialog, in both themes: zero serious or critical violations. The
 * theme comes from the system setting (no cookie), so the palette under prefers-color-scheme is
 * the one checked; the header's choice gives the same classes (e2e/shell.spec.ts). One test per
 * page or dialog, so a finding names its place; each visit is checked light, then dark, as a user
 * whose system switches theme would see it, so a page loads once for both.
 */

async function getJson<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(path);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

const firstId = async (page: Page, path: string) => (await getJson<ListResponse<{ id: number }>>(page, path)).items[0]!.id;

async function managerPath(page: Page): Promise<string> {
  const orgId = (await findOrganization(page.request, true)).id;
  const managers = `/organizations/${orgId}/security-managers`;
  return `${managers}/${await firstId(page, `/api/director${managers}?pageSize=10`)}`;
}

async function finishedTaskPath(page: Page): Promise<string> {
  const tasks = await getJson<ListScanTasksResponse>(page, '/api/hss/scan-tasks?pageSize=50');
  return `/scan-tasks/${tasks.items.find((task) => task.status === 'finished' && (task.successHosts ?? 0) > 0)!.id}`;
}

const consolePages: Array<{ name: string; path: (page: Page) => Promise<string> }> = [
  { name: 'home', path: async () => '/' },
  { name: 'scans', path: async () => '/scans' },
  { name: 'new scan', path: async () => '/scans/new' },
  { name: 'a scan', path: async (page) => `/scans/${await firstId(page, '/api/director/scans?pageSize=10&columns=name')}` },
  { name: 'organizations', path: async () => '/organizations' },
  { name: 'an organization', path: async (page) => `/organizations/${await firstId(page, '/api/director/organizations?pageSize=10&columns=name')}` },
  { name: 'security managers', path: async (page) => (await managerPath(page)).replace(/\/\d+$/, '') },
  { name: 'new security manager', path: async (page) => (await managerPath(page)).replace(/\d+$/, 'new') },
  { name: 'a security manager', path: managerPath },
  { name: 'edit a security manager', path: async (page) => `${await managerPath(page)}/edit` },
  { name: 'users', path: async () => '/users' },
  { name: 'a user', path: async (page) => `/users/${await firstId(page, '/api/director/users?pageSize=10&columns=username')}` },
  { name: 'scan tasks', path: async () => '/scan-tasks' },
  { name: 'a scan task', path: finishedTaskPath },
  { name: 'audit', path: async () => '/audit' },
  { name: 'not found', path: async () => '/no-such-page' },
];

/**
 * The page's heading is up and nothing is still loading, so axe sees what a user sees. A loaded
 * machine can take a while over a list, hence the wait well past expect's default.
 */
async function settle(page: Page): Promise<void> {
  const loading = { timeout: 45_000 };
  await expect(page.locator('main h1').first()).toBeVisible(loading);
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, loading);
  await expect(page.getByText(/^Loading/)).toHaveCount(0, loading);
}

async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await settle(page);
}

/** axe in the light theme, then again once the system has switched to dark. */
async function expectNoViolationsInBothThemes(page: Page, where: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator('html')).toHaveCSS('color-scheme', theme);
    await expectNoSeriousAxeViolations(page, `${where} (${theme})`);
  }
}

/** axe with the dialog open in both themes, then Escape closes it. */
async function checkDialog(page: Page, dialog: Locator, where: string): Promise<void> {
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 45_000 });
  await expectNoViolationsInBothThemes(page, where);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

test.describe('signed in', () => {
  // axe reads every node of a full table, twice; on a loaded machine that takes a while.
  test.slow();
  test.use({ storageState: storageStateOf('admin'), colorScheme: 'light' });

  for (const { name, path } of consolePages) {
    test(`page: ${name}`, async ({ page }) => {
      await open(page, await path(page));
      await expectNoViolationsInBothThemes(page, name);
    });
  }

  test('dialog: delete a scan', async ({ page }) => {
    await open(page, `/scans/${await firstId(page, '/api/director/scans?pageSize=10&columns=name')}`);
    await page.getByRole('button', { name: 'Delete scan' }).click();
    await checkDialog(page, page.getByRole('dialog', { name: 'Delete this scan?' }), 'delete scan');
  });

  test('dialogs: column chooser, palette, shortcuts, sign out everywhere', async ({ page }) => {
    await open(page, '/scans');
    await page.getByRole('button', { name: /^Columns/ }).click();
    await checkDialog(page, page.getByRole('group', { name: 'Visible columns' }), 'column chooser');

    await waitForShortcuts(page);
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.getByRole('combobox').fill('sc');
    await expect(palette.getByRole('option').first()).toBeVisible();
    await expect(palette.getByText('Searching…')).toHaveCount(0, { timeout: 45_000 });
    await checkDialog(page, palette, 'command palette');

    await page.keyboard.press('?');
    await checkDialog(page, page.getByRole('dialog', { name: 'Keyboard shortcuts' }), 'keyboard shortcuts');

    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await checkDialog(page, page.getByRole('dialog', { name: 'Sign out everywhere?' }), 'sign out everywhere');
  });

  test('popover: saved views (the column chooser is checked with the other dialogs)', async ({ page }) => {
    // One saved view, so its row and buttons are checked too; removed again at the end.
    const headers = { 'X-CSRF': '1', Origin: baseURL };
    const saved = await page.request.post('/api/views', {
      headers,
      data: { page: 'scans', name: `axe view ${Date.now()}`, state: { sort: 'name', order: 'asc' } },
    });
    expect(saved.status()).toBe(201);
    const { id } = (await saved.json()) as { id: string };
    try {
      await open(page, '/scans');
      await page.getByRole('button', { name: 'Views' }).click();
      const views = page.getByRole('dialog', { name: 'Saved views' });
      await expect(views.getByRole('button', { name: /^Delete view/ })).toBeVisible();
      await views.getByRole('button', { name: 'Save view' }).click();
      await expect(views.getByText('Give the view a name.')).toBeVisible();
      await checkDialog(page, views, 'saved views');
    } finally {
      expect((await page.request.delete(`/api/views/${id}`, { headers })).status()).toBe(204);
    }
  });

  test('dialog: start a scan, with the host list', async ({ page }) => {
    await open(page, '/scan-tasks');
    await waitForShortcuts(page);
    await page.getByRole('button', { name: 'Start manual scan' }).click();
    const start = page.getByRole('dialog', { name: 'Start a manual vulnerability scan?' });
    await start.getByLabel('Chosen hosts').check();
    await expect(start.getByRole('table', { name: 'HSS hosts' }).locator('tbody tr').first()).toBeVisible();
    await checkDialog(page, start, 'start scan');
  });

  test('dialog: rescan chosen hosts', async ({ page }) => {
    await open(page, await finishedTaskPath(page));
    await waitForShortcuts(page);
    await page.getByRole('table', { name: 'Hosts of the task' }).getByRole('checkbox').first().check();
    await page.getByRole('button', { name: 'Rescan chosen hosts (1)' }).click();
    await checkDialog(page, page.getByRole('dialog', { name: 'Rescan 1 chosen host?' }), 'rescan');
  });

  test('toast: a refused delete, in the polite live region', async ({ page }) => {
    await open(page, `/scans/${await firstId(page, '/api/director/scans?pageSize=10&columns=name')}`);
    await failNextUpstream({
      method: 'DELETE',
      pathPrefix: '/rest/mgmt/scan/',
      response: { status: 403, body: { type: 'regular', response: '', error_code: 146, error_msg: 'Refused for the axe check', warnings: [], timestamp: 1 } },
    });
    await page.getByRole('button', { name: 'Delete scan' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this scan?' });
    await dialog.getByRole('button', { name: 'Delete scan' }).click();
    await expect(dialog.getByTestId('error-panel')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(toastOf(page, 'The scan was not deleted')).toContainText('Refused for the axe check');
    await expect(page.getByRole('region', { name: /^Notifications/ })).toHaveAttribute('aria-live', 'polite');
    await expectNoViolationsInBothThemes(page, 'toast');
  });

  test("bulk: the bar, the confirmation and a run's outcome over scans", async ({ page }) => {
    await open(page, '/scans?pageSize=10');
    const table = page.getByRole('table', { name: 'Scans' });
    await table.getByRole('checkbox').nth(1).check();
    await table.getByRole('checkbox').nth(2).check();
    const bar = page.getByRole('region', { name: 'Bulk actions' });
    await expect(bar.getByRole('status')).toHaveText('2 selected');
    await expectNoViolationsInBothThemes(page, 'bulk bar');

    await bar.getByRole('button', { name: 'Delete…' }).click();
    await checkDialog(page, page.getByRole('dialog', { name: 'Delete 2 scans?' }), 'bulk delete scans');

    // Director refuses both, so the outcome is seen and nothing is lost.
    await failNextUpstream({
      method: 'DELETE',
      pathPrefix: '/rest/mgmt/scan/',
      times: 2,
      response: { status: 403, body: { type: 'regular', response: '', error_code: 146, error_msg: 'Refused for the axe check', warnings: [], timestamp: 1 } },
    });
    await bar.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('dialog', { name: 'Delete 2 scans?' }).getByRole('button', { name: 'Delete 2 scans' }).click();
    const outcome = page.getByRole('dialog', { name: '0 of 2 scans deleted' });
    await expect(outcome.getByTestId('bulk-outcome')).toHaveCount(2);
    await checkDialog(page, outcome, 'bulk delete outcome');
  });

  test('dialog: delete security managers in bulk', async ({ page }) => {
    await open(page, (await managerPath(page)).replace(/\/\d+$/, ''));
    await page.getByRole('checkbox', { name: 'Select all security managers on this page' }).check();
    await page.getByRole('region', { name: 'Bulk actions' }).getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Delete \d+ security managers?\?$/ });
    await dialog.getByLabel('Hand them to another user').check();
    await expect(dialog.getByLabel('Move their objects to').locator('option')).not.toHaveCount(1);
    await checkDialog(page, dialog, 'bulk delete security managers');
  });

  test('dialog: delete a security manager', async ({ page }) => {
    await open(page, await managerPath(page));
    await page.getByRole('button', { name: 'Delete' }).click();
    await checkDialog(page, page.getByRole('dialog', { name: 'Delete this security manager?' }), 'delete security manager');
  });
});

test.describe('signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] }, colorScheme: 'light' });

  test('page: sign in', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByLabel('Username')).toBeVisible();
    await expectNoViolationsInBothThemes(page, 'sign in');
  });
});
