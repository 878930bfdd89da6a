import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parseCsv } from '@/lib/testing/csv';
import { storageStateOf } from './helpers';

test.use({ storageState: storageStateOf('viewer') });

/** Total rows of the table as its range says ("Showing 1–25 of 57"). */
async function tableTotal(page: import('@playwright/test').Page): Promise<number> {
  const range = page.getByTestId('table-range');
  await expect(range).toContainText(/of [\d,]+/);
  return Number((await range.innerText()).match(/of ([\d,]+)/)?.[1]?.replace(/,/g, ''));
}

test('Export CSV downloads every scan of the filtered, sorted view with its columns, not just the page shown', async ({ page }) => {
  await page.goto('/scans?sort=name&order=desc&columns=status,sci');
  const table = page.getByRole('table', { name: 'Scans' });
  await expect(table.locator('tbody tr').first().getByRole('link').first()).toBeVisible();
  await page.getByRole('combobox', { name: 'SCI' }).selectOption({ index: 1 });
  await expect(page).toHaveURL(/sciId=\d+/);
  await expect(table).not.toHaveAttribute('aria-busy', 'true');
  const total = await tableTotal(page);
  const firstName = (await table.locator('tbody tr').first().getByRole('link').first().innerText()).trim();

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^scandeck-scans-.*\.csv$/);
  const rows = parseCsv(readFileSync((await file.path())!, 'utf8'));
  expect(rows[0]).toEqual(['id', 'name', 'status', 'sci']);
  expect(rows.length - 1).toBe(total);
  expect(rows[1]?.[1]).toBe(firstName);
  expect(new Set(rows.slice(1).map((r) => r[3])).size).toBe(1);
});

test('the scan-task export says how it is bounded, and downloads the filtered tasks', async ({ page }) => {
  await page.goto('/scan-tasks?scanType=schedule');
  const table = page.getByRole('table', { name: 'Scan tasks' });
  await expect(table.locator('tbody tr').first()).toContainText('Scheduled');
  const total = await tableTotal(page);
  const exportLink = page.getByRole('link', { name: 'Export CSV' });
  await expect(exportLink).toHaveAttribute('title', /at most 1,000/);
  const download = page.waitForEvent('download');
  await exportLink.click();
  const rows = parseCsv(readFileSync((await (await download).path())!, 'utf8'));
  expect(rows.length - 1).toBe(total);
  expect(rows.slice(1).every((r) => r[1] === 'schedule')).toBe(true);
});
