import { expect, test, type Page } from '@playwright/test';
import { columnTexts, storageStateOf } from './helpers';

test.use({ storageState: storageStateOf('viewer') });

const usersTable = (page: Page) => page.getByRole('table', { name: 'Users' });
const rows = (page: Page) => usersTable(page).locator('tbody tr');

test('a viewer filters users to the administrators of one SCI', async ({ page }) => {
  await page.goto('/scans');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  await expect(page).toHaveURL(/\/users$/);
  await expect(rows(page)).toHaveCount(25);
  const all = new Set(await columnTexts(usersTable(page), 'Organization'));
  expect(all.size).toBeGreaterThan(1);

  const sciFilter = page.getByRole('combobox', { name: 'SCI' });
  const sciName = (await sciFilter.locator('option').nth(1).innerText()).trim();
  await sciFilter.selectOption({ index: 1 });
  await expect(page).toHaveURL(/sciId=\d+/);

  const orgFilter = page.getByRole('combobox', { name: 'Organization' });
  await expect(orgFilter.locator('option', { hasText: 'Administrators only' })).toHaveCount(1);
  await expect(orgFilter.locator('option', { hasText: /organization 0/i })).toHaveCount(0);
  await orgFilter.selectOption({ label: 'Administrators only' });
  await expect(page).toHaveURL(/orgId=0/);

  await expect.poll(async () => new Set(await columnTexts(usersTable(page), 'Organization'))).toEqual(new Set(['Administrators']));
  expect(new Set(await columnTexts(usersTable(page), 'SCI'))).toEqual(new Set([sciName]));
  expect(new Set(await columnTexts(usersTable(page), 'Role'))).toEqual(new Set(['Administrator (1)']));
  await expect(page.getByText(/organization 0/i)).toHaveCount(0);

  // The URL alone restores the filter.
  await page.reload();
  await expect(orgFilter).toHaveValue('0');
  expect(new Set(await columnTexts(usersTable(page), 'Organization'))).toEqual(new Set(['Administrators']));
});

test('a user page shows every field, linked to its SCI and organization', async ({ page }) => {
  await page.goto('/users?sort=id&columns=firstname,lastname,email,sci,organization,role,group');
  const firstMember = rows(page)
    .filter({ hasNot: page.getByText('Administrators', { exact: true }) })
    .first();
  const username = (await firstMember.getByRole('link').first().innerText()).trim();
  const orgName = (await firstMember.locator('td').nth(5).innerText()).trim();
  await firstMember.getByRole('link', { name: username }).click();
  await expect(page).toHaveURL(/\/users\/\d+$/);
  await expect(page.getByRole('heading', { level: 1, name: username })).toBeVisible();
  for (const label of [
    'Username',
    'First name',
    'Last name',
    'Title',
    'UUID',
    'SCI',
    'Organization',
    'Role',
    'Group',
    'SCI user ID',
    'Email',
    'Phone',
    'Fax',
    'Address',
    'City',
    'State',
    'Country',
  ]) {
    await expect(page.getByText(label, { exact: true }).first()).toBeVisible();
  }
  await expect(page.getByRole('link', { name: /^SCI / })).toHaveAttribute('href', /\/users\?sciId=\d+/);
  await page.getByRole('region', { name: 'Tenable.sc instance' }).getByRole('link', { name: orgName }).click();
  await expect(page).toHaveURL(/\/organizations\/\d+$/);
  await expect(page.getByRole('heading', { level: 1, name: orgName })).toBeVisible();
});

test('an unknown user and a path that is no user id both say so', async ({ page }) => {
  await page.goto('/users/00000000-0000-4000-8000-000000000000');
  await expect(page.getByRole('heading', { level: 1, name: 'User not found' })).toBeVisible();
  await expect(page.getByText('No user with id 00000000-0000-4000-8000-000000000000 exists on Director.')).toBeVisible();
  await page.goto('/users/not-a-user');
  await expect(page.getByRole('heading', { level: 1, name: 'User not found' })).toBeVisible();
  await expect(page.getByText('is neither a user id nor a UUID')).toBeVisible();
});

test('the users table says how old its list is, and Refresh fetches the current one from Director', async ({ page }) => {
  await page.goto('/users');
  await expect(rows(page)).toHaveCount(25);
  const freshness = page.getByTestId('list-freshness');
  const asOf = freshness.locator('time');
  // A clock time that names its zone (the reader's: the browser's unless UTC was chosen).
  await expect(asOf).toHaveText(/^\d{2}:\d{2}:\d{2} \S+$/);
  const before = await asOf.getAttribute('datetime');
  // The BFF honours a refresh only for a list at least 2 s old.
  await page.waitForTimeout(2_100);
  await freshness.getByRole('button', { name: 'Refresh the list from the vendor' }).click();
  await expect.poll(async () => Date.parse((await asOf.getAttribute('datetime')) ?? '')).toBeGreaterThan(Date.parse(before ?? ''));
  await expect(rows(page)).toHaveCount(25);
});

test('groups read in words, not bare codes', async ({ page }) => {
  await page.goto('/users?columns=sci,group&pageSize=50');
  const groups = await columnTexts(usersTable(page), 'Group');
  expect(groups.length).toBeGreaterThan(0);
  expect(groups.filter((g) => !/^(None|Full Access|Unknown group \(id \d+\)|—)$/.test(g))).toEqual([]);
});
