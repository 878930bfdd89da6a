import { expect, test, type Locator, type Page } from '@playwright/test';
import type { ListResponse } from '@/lib/schemas/common';
import type { Sci } from '@/lib/schemas/lookup';
import { clearUpstreamFaults, columnTexts, failNextUpstream, overviewUrl, startHssTask, storageStateOf, waitForShortcuts } from './helpers';

test.use({ storageState: storageStateOf('viewer') });

const tile = (page: Page, title: string): Locator => page.getByRole('region', { name: title, exact: true });

async function getJson<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(path);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

/** Reloads until `check` passes: Director lists and HSS answers are shared for a few seconds, so a change shows after them. */
async function untilShown(page: Page, check: () => Promise<void>, timeout = 45_000): Promise<void> {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout, intervals: [1_000, 2_000, 3_000] });
}

test('the landing page shows each SCI with its state, and per-SCI counts that lead to the filtered tables', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(overviewUrl);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('list-freshness')).toContainText(/as of \d\d:\d\d:\d\d/);

  const { items: scis } = await getJson<{ items: Sci[] }>(page, '/api/director/lookups/scis');
  const instances = tile(page, 'Tenable.sc instances');
  for (const sci of scis) {
    const row = instances.getByTestId(`sci-${sci.id}`);
    await expect(row.getByRole('link', { name: sci.name })).toHaveAttribute('href', `/scans?sciId=${sci.id}`);
    await expect(row).toContainText('Working');
    await expect(row).toContainText(sci.version!);
    await expect(row).toContainText(/\d+ of \d+ working/);
    await expect(row).toContainText(/ago|just now/);
  }

  const sci = scis[0]!;
  const scansOnSci = await getJson<ListResponse<unknown>>(page, `/api/director/scans?sciId=${sci.id}&pageSize=10`);
  const allScans = await getJson<ListResponse<unknown>>(page, '/api/director/scans?pageSize=10');
  const scans = tile(page, 'Scans');
  await expect(scans.getByRole('link', { name: `${allScans.total} scans in all` })).toBeVisible();
  const perSci = scans.getByRole('link', { name: `${scansOnSci.total} scans on ${sci.name}` });
  await expect(perSci).toBeVisible();

  const orgsOnSci = await getJson<ListResponse<unknown>>(page, `/api/director/organizations?sciId=${sci.id}&pageSize=10`);
  await expect(tile(page, 'Organizations').getByRole('link', { name: `${orgsOnSci.total} organizations on ${sci.name}` })).toBeVisible();
  const usersOnSci = await getJson<ListResponse<unknown>>(page, `/api/director/users?sciId=${sci.id}&pageSize=10`);
  await expect(tile(page, 'Users').getByRole('link', { name: `${usersOnSci.total} users on ${sci.name}` })).toBeVisible();

  await perSci.click();
  await expect(page).toHaveURL(new RegExp(`/scans\\?sciId=${sci.id}$`));
  const table = page.getByRole('table', { name: 'Scans' });
  expect(new Set(await columnTexts(table, 'SCI'))).toEqual(new Set([sci.name]));
});

test('a running HSS task shows its progress, refreshed quickly while it runs', async ({ page }) => {
  const taskId = await startHssTask({ durationMs: 90_000 });
  await page.goto('/');
  const running = tile(page, 'HSS: running scan tasks');
  const task = running.getByTestId('running-task').filter({ has: page.getByRole('link', { name: `Task ${taskId}` }) });
  await untilShown(page, () => expect(task).toBeVisible({ timeout: 2_000 }));
  await expect(task.getByRole('progressbar', { name: 'Hosts scanned' })).toHaveAttribute('aria-valuetext', /\d+ of [1-9]\d* hosts done/);

  // While a task runs the page refreshes every few seconds (30 s when idle): "as of" moves soon.
  const asOf = page.getByTestId('list-freshness').locator('time');
  const first = await asOf.textContent();
  await expect(asOf).not.toHaveText(first!, { timeout: 12_000 });

  await task.getByRole('link', { name: `Task ${taskId}` }).click();
  await expect(page).toHaveURL(new RegExp(`/scan-tasks/${taskId}$`));
});

test('the last 24 h tile counts the tasks that left failed hosts and opens the task list from then', async ({ page }) => {
  await page.goto('/');
  // The window's start is the browser's clock: the link is right once the page has hydrated.
  await waitForShortcuts(page);
  const recent = tile(page, 'HSS: last 24 h');
  await expect(recent).toContainText(/\d+ of \d+\+? tasks started in the last 24 h left failed hosts/);
  await recent.getByRole('link', { name: 'Open these tasks' }).click();
  // The window starts 24 h before the tile's last refresh.
  await expect(page).toHaveURL(/\/scan-tasks\?startFrom=\d+$/, { timeout: 20_000 });
  const since = Number(new URL(page.url()).searchParams.get('startFrom'));
  expect(Math.abs(Date.now() - 24 * 3_600_000 - since)).toBeLessThan(5 * 60_000);
  await expect(page.getByRole('table', { name: 'Scan tasks' })).toBeVisible();
});

test("Director refusing the SCI list degrades that tile only, with Director's code and message", async ({ page }) => {
  // Only the tile's read asks /sci for fields (the health probe does not); the SCI list is cached for a few seconds.
  await failNextUpstream({
    pathPrefix: '/rest/sci',
    queryIncludes: 'fields=',
    times: 50,
    response: { status: 403, body: { type: 'regular', response: '', error_code: 146, error_msg: 'Invalid resource', warnings: [], timestamp: 1 } },
  });
  try {
    await page.goto('/');
    const instances = tile(page, 'Tenable.sc instances');
    await untilShown(page, () => expect(instances.getByTestId('error-panel')).toBeVisible({ timeout: 2_000 }));
    await expect(instances.getByTestId('error-vendor-code')).toHaveText('146');
    await expect(instances.getByTestId('error-vendor-message')).toHaveText('Invalid resource');
    await expect(instances.getByTestId('error-request-id')).not.toBeEmpty();
    // The rest of the page stands.
    await expect(tile(page, 'Scans').getByRole('link', { name: /scans in all$/ })).toBeVisible();
    await expect(tile(page, 'Users').getByRole('link', { name: /users in all$/ })).toBeVisible();
    await expect(tile(page, 'HSS: last 24 h')).toContainText('tasks started in the last 24 h');
    await expect(page.getByTestId('error-panel')).toHaveCount(1);
  } finally {
    await clearUpstreamFaults(page);
  }
});

test('the header and the Ctrl+K palette lead back to the Overview', async ({ page }) => {
  await page.goto('/users');
  await waitForShortcuts(page);
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await page.keyboard.type('overv');
  await expect(palette.getByRole('option', { name: 'Overview' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(overviewUrl);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Scans' }).click();
  await expect(page).toHaveURL(/\/scans$/);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
  await expect(page).toHaveURL(overviewUrl);
});
