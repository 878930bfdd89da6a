import { expect, type Locator, type Page, test } from '@playwright/test';
import type { ListResponse } from '@/lib/schemas/common';
import type { ScanRow } from '@/lib/schemas/scan';
import type { ListScanTasksResponse } from '@/lib/schemas/scan-task';
import { expectNoSeriousAxeViolations, findOrganization, storageStateOf, waitForShortcuts } from './helpers';

/**
 * axe on every page and every dialog, in both themes: zero serious or critical violations. The
 * theme comes from the system setting (no cookie), so the palette under prefers-color-scheme is
 * the one checked; the header's choice gives the same classes (e2e/shell.spec.ts).
 */

type Ids = { scan: number; organization: number; user: number; task: string; finishedTask: string; managerOrg: number; manager: number };

async function findIds(page: Page): Promise<Ids> {
  const get = async <T>(path: string) => {
    const res = await page.request.get(path);
    expect(res.status(), path).toBe(200);
    return (await res.json()) as T;
  };
  const scans = await get<ListResponse<ScanRow>>('/api/director/scans?pageSize=10&columns=name');
  const organizations = await get<ListResponse<{ id: number }>>('/api/director/organizations?pageSize=10&columns=name');
  const users = await get<ListResponse<{ id: number }>>('/api/director/users?pageSize=10&columns=username');
  const tasks = await get<ListScanTasksResponse>('/api/hss/scan-tasks?pageSize=50');
  const finished = tasks.items.find((task) => task.status === 'finished' && (task.successHosts ?? 0) > 0);
  const managerOrg = (await findOrganization(page.request, true)).id;
  const managers = await get<ListResponse<{ id: number }>>(`/api/director/organizations/${managerOrg}/security-managers?pageSize=10`);
  return {
    scan: scans.items[0]!.id,
    organization: organizations.items[0]!.id,
    user: users.items[0]!.id,
    task: tasks.items[0]!.id,
    finishedTask: finished!.id,
    managerOrg,
    manager: managers.items[0]!.id,
  };
}

/** The page's heading is up and no table is still loading, so axe sees what a user sees. */
async function settle(page: Page): Promise<void> {
  await expect(page.locator('main h1').first()).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(page.getByText(/^Loading/)).toHaveCount(0);
}

async function checkDialog(page: Page, dialog: Locator, where: string): Promise<void> {
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('[aria-busy="true"]')).toHaveCount(0);
  await expectNoSeriousAxeViolations(page, where);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`${theme} theme`, () => {
    test.use({ storageState: storageStateOf('admin'), colorScheme: theme });

    test('every console page', async ({ page }) => {
      const ids = await findIds(page);
      const managers = `/organizations/${ids.managerOrg}/security-managers`;
      const paths = [
        '/',
        '/scans',
        '/scans/new',
        `/scans/${ids.scan}`,
        '/organizations',
        `/organizations/${ids.organization}`,
        managers,
        `${managers}/new`,
        `${managers}/${ids.manager}`,
        `${managers}/${ids.manager}/edit`,
        '/users',
        `/users/${ids.user}`,
        '/scan-tasks',
        `/scan-tasks/${ids.task}`,
        '/audit',
        '/no-such-page',
      ];
      for (const path of paths) {
        await page.goto(path);
        await settle(page);
        await expect(page.locator('html')).toHaveCSS('color-scheme', theme);
        await expectNoSeriousAxeViolations(page, `${path} (${theme})`);
      }
    });

    test('every dialog', async ({ page }) => {
      const ids = await findIds(page);

      await page.goto(`/scans/${ids.scan}`);
      await settle(page);
      await page.getByRole('button', { name: 'Delete scan' }).click();
      await checkDialog(page, page.getByRole('dialog', { name: 'Delete this scan?' }), `delete scan (${theme})`);

      await page.goto('/scans');
      await settle(page);
      await page.getByRole('button', { name: /^Columns/ }).click();
      await checkDialog(page, page.getByRole('group', { name: 'Visible columns' }), `column chooser (${theme})`);

      await waitForShortcuts(page);
      await page.keyboard.press('Control+k');
      const palette = page.getByRole('dialog', { name: 'Command palette' });
      await page.getByRole('combobox').fill('sc');
      await expect(palette.getByRole('option').first()).toBeVisible();
      await checkDialog(page, palette, `command palette (${theme})`);

      await page.keyboard.press('?');
      await checkDialog(page, page.getByRole('dialog', { name: 'Keyboard shortcuts' }), `keyboard shortcuts (${theme})`);

      await page.getByRole('button', { name: 'Sign out everywhere' }).click();
      await checkDialog(page, page.getByRole('dialog', { name: 'Sign out everywhere?' }), `sign out everywhere (${theme})`);

      await page.goto('/scan-tasks');
      await settle(page);
      await page.getByRole('button', { name: 'Start manual scan' }).click();
      const start = page.getByRole('dialog', { name: 'Start a manual vulnerability scan?' });
      await start.getByLabel('Chosen hosts').check();
      await expect(start.getByRole('table', { name: 'HSS hosts' }).locator('tbody tr').first()).toBeVisible();
      await checkDialog(page, start, `start scan with the host list (${theme})`);

      await page.goto(`/scan-tasks/${ids.finishedTask}`);
      await settle(page);
      await page.getByRole('table', { name: 'Hosts of the task' }).getByRole('checkbox').first().check();
      await page.getByRole('button', { name: 'Rescan chosen hosts (1)' }).click();
      await checkDialog(page, page.getByRole('dialog', { name: 'Rescan 1 chosen host?' }), `rescan (${theme})`);

      await page.goto(`/organizations/${ids.managerOrg}/security-managers/${ids.manager}`);
      await settle(page);
      await page.getByRole('button', { name: 'Delete' }).click();
      await checkDialog(page, page.getByRole('dialog', { name: 'Delete this security manager?' }), `delete security manager (${theme})`);
    });

    test.describe('signed out', () => {
      test.use({ storageState: { cookies: [], origins: [] } });

      test('the sign-in page', async ({ page }) => {
        await page.goto('/login');
        await expect(page.getByLabel('Username')).toBeVisible();
        await expectNoSeriousAxeViolations(page, `/login (${theme})`);
      });
    });
  });
}
