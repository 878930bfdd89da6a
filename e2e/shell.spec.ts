import { expect, test, type Page } from '@playwright/test';
import type { ListResponse } from '@/lib/schemas/common';
import type { ScanRow } from '@/lib/schemas/scan';
import type { ListScanTasksResponse } from '@/lib/schemas/scan-task';
import type { UserRow } from '@/lib/schemas/user';
import { storageStateOf, waitForShortcuts } from './helpers';

test.use({ storageState: storageStateOf('admin') });

/** Searches go through the BFF after a pause in typing; a loaded machine answers slowly. */
const results = { timeout: 30_000 };

/**
 * The page background's lightness (0 black, 1 white), as the browser computed it. Chromium reports
 * the colour in the space it was written in or mixed to: oklch() and oklab() (lightness 0–1 or a
 * percentage), lab() and lch() (0–100), or rgb(). Polled: Chromium applies an emulated colour scheme
 * at its next rendering step, not at once.
 */
async function backgroundLightness(page: Page): Promise<number> {
  const color = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const perceptual = color.match(/^(oklch|oklab|lab|lch)\(\s*([\d.]+)(%?)/);
  if (perceptual) {
    const [, space, value, percent] = perceptual;
    return Number(value) / (percent || !space!.startsWith('ok') ? 100 : 1);
  }
  const rgb = color.match(/^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/);
  if (!rgb) throw new Error(`unreadable background colour: ${color}`);
  return (Number(rgb[1]) + Number(rgb[2]) + Number(rgb[3])) / 765;
}

const htmlClassOf = (html: string) => html.match(/<html[^>]*>/)?.[0].match(/class="([^"]*)"/)?.[1] ?? '';

test.describe('theme', () => {
  test('follows the system until chosen, then the server renders the choice from the first byte', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/scans');
    await expect.poll(() => backgroundLightness(page)).toBeLessThan(0.3);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.reload();
    await expect.poll(() => backgroundLightness(page)).toBeGreaterThan(0.9);

    await page.getByLabel('Theme').selectOption('dark');
    await expect.poll(() => backgroundLightness(page)).toBeLessThan(0.3);
    // The next load is dark before any script runs: the class is in the server's HTML.
    const dark = await page.goto('/organizations');
    expect(htmlClassOf(await dark!.text())).toBe('dark');
    await expect(page.getByLabel('Theme')).toHaveValue('dark');
    await expect.poll(() => backgroundLightness(page)).toBeLessThan(0.3);

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await page.getByLabel('Theme').selectOption('light');
    await expect.poll(() => backgroundLightness(page)).toBeGreaterThan(0.9);
    const light = await page.goto('/scans');
    expect(htmlClassOf(await light!.text())).toBe('light');
    await expect.poll(() => backgroundLightness(page)).toBeGreaterThan(0.9);

    await page.getByLabel('Theme').selectOption('system');
    await expect.poll(() => backgroundLightness(page)).toBeLessThan(0.3);
    const system = await page.goto('/scans');
    expect(htmlClassOf(await system!.text())).toBe('');
  });

  test('an unknown cookie value reads as the system theme', async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: 'theme', value: '"><script>alert(1)</script>', url: baseURL! }]);
    const res = await page.goto('/scans');
    expect(htmlClassOf(await res!.text())).toBe('');
    await expect(page.getByLabel('Theme')).toHaveValue('system');
  });
});

test.describe('keyboard', () => {
  test('/ focuses the table search, but types a slash in a field; ? lists the shortcuts and Escape closes them', async ({ page }) => {
    await page.goto('/scans');
    const search = page.getByLabel('Search scans');
    await expect(page.getByRole('table', { name: 'Scans' }).locator('tbody tr').first()).toBeVisible();
    await waitForShortcuts(page);
    await page.keyboard.press('/');
    await expect(search).toBeFocused();
    await page.keyboard.type('a/b');
    await expect(search).toHaveValue('a/b');

    await search.blur();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help).toBeVisible();
    await expect(help.getByTestId('shortcut-list')).toContainText('Focus the table search');
    await expect(help.getByTestId('shortcut-list')).toContainText('Open the command palette');
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();

    // Typing ? in a field is just a character.
    await search.fill('');
    await search.focus();
    await page.keyboard.type('?');
    await expect(search).toHaveValue('?');
    await expect(help).toBeHidden();
  });

  test('Ctrl+K jumps to a page, and the header button opens the same palette', async ({ page }) => {
    await page.goto('/scans');
    await waitForShortcuts(page);
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await expect(palette.getByRole('combobox')).toBeFocused();
    await page.keyboard.type('organiz');
    await expect(palette.getByRole('option', { name: 'Organizations' })).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/organizations$/);
    await expect(palette).toBeHidden();

    await page.getByRole('button', { name: 'Jump to…' }).click();
    await expect(palette).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(palette).toBeHidden();
    await expect(page.getByRole('button', { name: 'Jump to…' })).toBeFocused();
  });

  test('the palette finds a scan and a user by name through bounded, debounced list searches', async ({ page }) => {
    const scans = (await (await page.request.get('/api/director/scans?pageSize=100&columns=name')).json()) as ListResponse<ScanRow>;
    const scan = scans.items.find((s) => (s.name?.length ?? 0) >= 8)!;
    const users = (await (await page.request.get('/api/director/users?pageSize=10&columns=username')).json()) as ListResponse<UserRow>;
    const user = users.items.find((u) => (u.username?.length ?? 0) >= 4)!;
    const listCalls: string[] = [];
    page.on('request', (req) => {
      if (/\/api\/(director|hss)\//.test(req.url())) listCalls.push(req.url());
    });

    await page.goto('/scans');
    await expect(page.getByRole('table', { name: 'Scans' }).locator('tbody tr').first()).toBeVisible();
    await waitForShortcuts(page);
    listCalls.length = 0;
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.getByRole('combobox').pressSequentially(scan.name!, { delay: 20 });
    await expect(palette.getByRole('option', { name: scan.name! }).first()).toBeVisible(results);
    const searches = listCalls.filter((url) => new URL(url).searchParams.has('q'));
    const scanSearches = searches.filter((url) => url.includes('/api/director/scans?'));
    // Debounced: far fewer searches than keys typed, each one small page.
    expect(scanSearches.length).toBeGreaterThanOrEqual(1);
    expect(scanSearches.length).toBeLessThan(scan.name!.length);
    for (const url of searches) expect(new URL(url).searchParams.get('pageSize')).toBe('10');
    await palette.getByRole('option', { name: scan.name! }).first().click();
    await expect(page).toHaveURL(new RegExp(`/scans/${scan.id}$`));
    await expect(page.getByRole('heading', { level: 1, name: scan.name! })).toBeVisible();

    await waitForShortcuts(page);
    await page.keyboard.press('Control+k');
    await palette.getByRole('combobox').fill(user.username!);
    await palette
      .getByRole('option', { name: new RegExp(`^${user.username!}`) })
      .first()
      .click();
    await expect(page).toHaveURL(new RegExp(`/users/${user.id}$`));
  });

  test('the palette finds a task by its id from one cached HSS page, not one HSS call per key', async ({ page }) => {
    const tasks = (await (await page.request.get('/api/hss/scan-tasks?pageSize=10')).json()) as ListScanTasksResponse;
    const task = tasks.items[0]!;
    const hssCalls: string[] = [];
    page.on('request', (req) => {
      if (req.url().includes('/api/hss/scan-tasks')) hssCalls.push(req.url());
    });

    await page.goto('/users');
    await waitForShortcuts(page);
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.getByRole('combobox').pressSequentially(task.id.slice(0, 8), { delay: 20 });
    await expect(palette.getByRole('option', { name: new RegExp(`Task ${task.id}`) })).toBeVisible(results);
    await palette.getByRole('combobox').fill('');
    await palette.getByRole('combobox').pressSequentially(task.id.slice(0, 6), { delay: 20 });
    await expect(palette.getByRole('option', { name: new RegExp(`Task ${task.id}`) })).toBeVisible(results);
    expect(hssCalls).toHaveLength(1);
    expect(new URL(hssCalls[0]!).searchParams.get('pageSize')).toBe('100');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/scan-tasks/${task.id}$`));
  });
});
