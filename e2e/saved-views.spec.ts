import { expect, test, type Page } from '@playwright/test';
import { storageStateOf } from './helpers';

// Its own user would be cleaner; the admin's views and column choice are put back at the end.
test.use({ storageState: storageStateOf('admin') });

const organizations = (page: Page) => page.getByRole('table', { name: 'Organizations' });

async function openViews(page: Page) {
  await page.getByRole('button', { name: /^Views/ }).click();
  return page.getByRole('group', { name: 'Saved views' });
}

test('a saved view keeps filters, sort and columns; the default opens the page; column choices persist', async ({ page, baseURL }) => {
  await page.goto('/organizations');
  await expect(organizations(page).locator('tbody tr').first()).toBeVisible();

  // A filtered, sorted view with an extra column, saved as the page's default.
  await page.getByRole('combobox', { name: 'SCI' }).selectOption({ index: 1 });
  await expect(page).toHaveURL(/sciId=\d+/);
  const sciId = new URL(page.url()).searchParams.get('sciId');
  await organizations(page).getByRole('button', { name: /^Name/ }).click();
  await expect(page).toHaveURL(/sort=name/);
  let views = await openViews(page);
  await views.getByLabel('Save the current view as').fill('One SCI by name');
  await views.getByLabel('Open this page with it').check();
  await views.getByRole('button', { name: 'Save view' }).click();
  await expect(views.getByRole('button', { name: /One SCI by name.*\(default\)/ })).toBeVisible();

  // A name that is only spaces is refused where it was typed.
  await views.getByLabel('Save the current view as').fill('   ');
  await expect(views.getByRole('button', { name: 'Save view' })).toBeDisabled();

  // Opening the page without a query applies the default, once the menu has loaded after the list.
  await page.goto('/organizations');
  await expect(page.getByRole('button', { name: /^Views/ })).toBeEnabled({ timeout: 30_000 });
  await expect(page).toHaveURL(new RegExp(`sciId=${sciId}`));
  await expect(page).toHaveURL(/sort=name/);
  await expect(page.getByRole('combobox', { name: 'SCI' })).toHaveValue(sciId ?? '');

  // A query wins over the default.
  await page.goto('/organizations?q=a');
  await expect(organizations(page).locator('tbody tr').first()).toBeVisible();
  await page.getByRole('button', { name: /^Views/ }).waitFor();
  expect(new URL(page.url()).searchParams.get('sciId')).toBeNull();

  // Applying a view from the menu, then clearing the default.
  views = await openViews(page);
  await views.getByRole('button', { name: /^One SCI by name/ }).click();
  await expect(page).toHaveURL(new RegExp(`sciId=${sciId}`));
  views = await openViews(page);
  await views.getByRole('button', { name: 'Stop opening the page with One SCI by name' }).click();
  await expect(views.getByText('(default)')).toHaveCount(0);
  await views.getByRole('button', { name: 'Delete view One SCI by name' }).click();
  await expect(views.getByText('No saved views yet.')).toBeVisible();

  // A column choice is kept for the next visit without a query.
  await page.goto('/organizations');
  await expect(organizations(page).locator('tbody tr').first()).toBeVisible();
  const saved = page.waitForRequest((req) => req.url().endsWith('/api/views/columns') && req.method() === 'PUT');
  await page.getByRole('button', { name: /^Columns/ }).click();
  await page.getByRole('group', { name: 'Visible columns' }).getByLabel('Phone').click();
  await saved;
  await page.goto('/organizations');
  await expect(page.getByRole('button', { name: /^Views/ })).toBeEnabled({ timeout: 30_000 });
  await expect(page).toHaveURL(/columns=[^&]*phone/);
  await expect(organizations(page).getByRole('columnheader', { name: /Phone/ })).toBeVisible();

  // Put the admin's columns back for the specs after this one.
  const reset = await page.request.put('/api/views/columns', {
    headers: { 'X-CSRF': '1', Origin: baseURL ?? '' },
    data: { page: 'organizations', columns: ['sci', 'description', 'userCount', 'vulnScoringSystem', 'createdTime', 'modifiedTime'] },
  });
  expect(reset.status()).toBe(204);
});
