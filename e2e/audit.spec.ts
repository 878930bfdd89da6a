import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { e2eUsers } from './fixtures/users.mjs';
import { storageStateOf } from './helpers';

const auditTable = (page: Page) => page.getByRole('table', { name: 'Audit trail' });
const rows = (page: Page) => auditTable(page).locator('tbody tr');
const deleteAction = 'DELETE /api/director/scans/{id}';
const field = (page: Page, label: string) => page.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]');

test.describe('as an admin', () => {
  test.use({ storageState: storageStateOf('admin') });

  test('deletes a scan, then finds it in the audit trail, filters it and exports it as CSV', async ({ page }) => {
    // A scan from the third page: other specs read scan 1 and must still find it.
    await page.goto('/scans?page=3&sort=id');
    const firstScan = page.getByRole('table', { name: 'Scans' }).locator('tbody tr').first().getByRole('link').first();
    await firstScan.click();
    await expect(page).toHaveURL(/\/scans\/\d+$/);
    const scanId = page.url().match(/\/scans\/(\d+)$/)![1]!;
    const scanName = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
    // The details name the SCI with its id, "SCI EU-West (SCI 3)"; the trail by its name.
    const sciName = (await field(page, 'SCI').innerText()).trim().replace(/ \(SCI \d+\)$/, '');
    expect(scanName).not.toBe('');
    expect(sciName).not.toBe('');
    const sentence = `Deleted scan '${scanName}' (${sciName})`;
    await page.getByRole('button', { name: 'Delete scan' }).click();
    await page.getByRole('dialog', { name: 'Delete this scan?' }).getByRole('button', { name: 'Delete scan' }).click();
    // Back to the list as it was left.
    await expect(page).toHaveURL(/\/scans\?page=3&sort=id/);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
    await expect(page).toHaveURL(/\/audit$/);
    const newest = rows(page).first();
    await expect(newest).toContainText(e2eUsers.admin.username);
    // The line reads as a sentence, naming the scan as it was before it went; the route is only its tooltip.
    await expect(newest).toContainText(sentence);
    await expect(newest.getByTitle(deleteAction)).toHaveText(sentence);
    await expect(newest).toContainText(`id=${scanId}`);
    await expect(newest).toContainText('Success');
    await expect(newest).toContainText('204');
    // The browser's zone (the default), named: "2 Dec 2026, 13:05:09 UTC" in this UTC-run browser.
    await expect(newest.locator('time')).toHaveText(/^\d{1,2} \w{3} \d{4}, \d{2}:\d{2}:\d{2} \S+$/);

    // Filters go to the URL and narrow the list on the server; the action filter names kinds in words.
    // One at a time, as a person would: each choice is written to the URL before the next is read from it.
    await expect(page.getByLabel('Action').locator('option', { hasText: /^Delete scan$/ })).toHaveAttribute('value', deleteAction);
    await page.getByLabel('Action').selectOption({ label: 'Delete scan' });
    await expect(page).toHaveURL(/action=DELETE/);
    await page.getByLabel('User').selectOption(e2eUsers.admin.username);
    await expect(page).toHaveURL(/user=e2e-admin/);
    await page.getByLabel('Outcome').selectOption('success');
    await expect(page).toHaveURL(/action=DELETE.*user=e2e-admin|user=e2e-admin.*action=DELETE/);
    await expect(page).toHaveURL(/outcome=success/);
    await expect(rows(page).filter({ hasText: `id=${scanId}` })).toHaveCount(1);
    // Waited for, not read once: the rows before the outcome filter (refused deletes among them, from
    // earlier specs) stay on screen until the filtered page arrives.
    await expect(rows(page).filter({ hasNotText: 'Deleted scan' })).toHaveCount(0);
    await page.getByLabel('Outcome').selectOption('failed');
    await expect(page.getByText('No entries match')).toBeVisible();
    await page.getByLabel('Outcome').selectOption('success');
    await expect(page).toHaveURL(/outcome=success/);
    await expect(rows(page).filter({ hasText: `id=${scanId}` })).toHaveCount(1);

    // A time range that ends before the deletion leaves it out. This browser runs in UTC (the
    // range is read in the reader's zone, named beside it: e2e/time-zones.spec.ts reads another).
    const to = page.getByRole('group', { name: 'Time range' }).getByLabel(/^To \(/);
    await to.fill('2000-01-01T00:00');
    // The URL's encoding of ':' is the router's business; its value is what counts.
    await expect.poll(() => new URL(page.url()).searchParams.get('to')).toBe('2000-01-01T00:00:59.999Z');
    await expect(page.getByText('No entries match')).toBeVisible();
    await to.fill('');
    await expect(page).not.toHaveURL(/to=/);
    await expect(rows(page).filter({ hasText: `id=${scanId}` })).toHaveCount(1);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^scandeck-audit-.*\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('time_utc,username,role,action,summary,target,outcome,status,error_code,vendor_code,vendor_request_ids,address,count');
    const line = lines.find((l) => l.includes(`id=${scanId} `));
    expect(line, csv).toBeDefined();
    expect(line).toMatch(/^\d{4}-\d{2}-\d{2}T[0-9:.]+Z,e2e-admin,admin,DELETE \/api\/director\/scans\/\{id\},"?Deleted scan '/);
    expect(line).toContain(sentence.replaceAll('"', '""'));
    expect(line).toMatch(/,success,204,,,[0-9a-f-]{36}/);
    // The export follows the filters: nothing but successful deletions by this admin.
    for (const other of lines.slice(1)) expect(other).toContain(',e2e-admin,admin,DELETE /api/director/scans/{id},');
  });

  test('sign-ins are on the trail, and no password is anywhere in it', async ({ page }) => {
    await page.goto('/audit?action=sign-in');
    await expect(rows(page).filter({ hasText: e2eUsers.admin.username }).first()).toContainText('Success');
    const res = await page.request.get('/api/audit/export');
    expect(res.status()).toBe(200);
    const csv = await res.text();
    for (const user of Object.values(e2eUsers)) expect(csv).not.toContain(user.password);
  });
  test('keeps a view of the trail: saved with its filter, opened by default on a bare /audit, then cleared and deleted', async ({ page, baseURL }) => {
    const name = `Refusals ${Date.now().toString(36)}`;
    await page.goto('/audit?outcome=refused&sort=time&order=asc');
    await expect(page.getByRole('table', { name: 'Audit trail' })).toBeVisible();
    const trigger = page.getByRole('button', { name: 'Views' });
    const panel = page.getByRole('dialog', { name: 'Saved views' });
    try {
      await trigger.click();
      await panel.getByLabel('Save current view as…').fill(name);
      await panel.getByLabel('Open this page with it').check();
      await panel.getByRole('button', { name: 'Save view' }).click();
      await expect(panel.getByRole('button', { name: `Clear '${name}' as the default` })).toBeVisible();
      await page.keyboard.press('Escape');

      // A bare /audit opens with the default view; an /audit with list state opens as asked.
      await page.goto('/audit');
      await expect(page).toHaveURL(/\/audit\?(?=.*outcome=refused)(?=.*sort=time)(?=.*order=asc)/);
      await expect(page.getByRole('combobox', { name: 'Outcome' })).toHaveValue('refused');
      await page.goto('/audit?outcome=success');
      await expect(page.getByRole('combobox', { name: 'Outcome' })).toHaveValue('success');
    } finally {
      // Later specs open /audit as this admin: the view goes, default and all.
      const listed = await page.request.get('/api/views?page=audit');
      for (const view of ((await listed.json()) as { views: Array<{ id: string; name: string }> }).views.filter((v) => v.name === name)) {
        const res = await page.request.delete(`/api/views/${view.id}`, { headers: { 'X-CSRF': '1', Origin: baseURL ?? '' } });
        expect(res.status()).toBe(204);
      }
    }
    await page.goto('/audit');
    await expect(page).toHaveURL(/\/audit$/);
  });
});

test.describe('as a viewer', () => {
  test.use({ storageState: storageStateOf('viewer') });

  test('cannot open the audit trail, see its nav item or call its API', async ({ page }) => {
    await page.goto('/audit');
    await expect(page.getByText('Only administrators can see the audit trail')).toBeVisible();
    await expect(auditTable(page)).toHaveCount(0);
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' })).toHaveCount(0);
    for (const path of ['/api/audit', '/api/audit/export']) {
      const res = await page.request.get(path);
      expect(res.status()).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'forbidden' } });
    }
  });
});
