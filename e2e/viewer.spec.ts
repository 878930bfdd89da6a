import { expect, test } from '@playwright/test';
import { storageStateOf } from './helpers';

test.use({ storageState: storageStateOf('viewer') });

test('a viewer reads scans but is offered no create or delete', async ({ page }) => {
  await page.goto('/scans');
  const table = page.getByRole('table', { name: 'Scans' });
  await expect(table.locator('tbody tr').first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'New scan' })).toHaveCount(0);

  await table.locator('tbody tr').first().getByRole('link').first().click();
  await expect(page).toHaveURL(/\/scans\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete scan' })).toHaveCount(0);

  await page.goto('/scans/new');
  await expect(page.getByText('Only administrators can create scans')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create scan' })).toHaveCount(0);
});

test('a forged mutation from a viewer session is refused with 403 and changes nothing', async ({ page, baseURL }) => {
  await page.goto('/scans');
  const before = await page.request.get('/api/director/scans/1');
  expect(before.status()).toBe(200);
  const res = await page.request.delete('/api/director/scans/1', { headers: { 'X-CSRF': '1', Origin: baseURL ?? '' } });
  expect(res.status()).toBe(403);
  expect(await res.json()).toMatchObject({ error: { code: 'forbidden' } });
  expect((await page.request.get('/api/director/scans/1')).status()).toBe(200);
});
