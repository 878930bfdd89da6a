import { expect, test, type Page } from '@playwright/test';
import { columnTexts, failNextUpstream, storageStateOf } from './helpers';

test.use({ storageState: storageStateOf('admin') });

const organizationsTable = (page: Page) => page.getByRole('table', { name: 'Organizations' });
const rows = (page: Page) => organizationsTable(page).locator('tbody tr');

test("browse from the nav to one SCI's organization and its repositories", async ({ page }) => {
  await page.goto('/scans');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organizations' }).click();
  await expect(page).toHaveURL(/\/organizations$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Organizations' })).toBeVisible();
  for (const header of ['Name', 'SCI', 'Description', 'Users', 'Scoring system', 'Created', 'Modified']) {
    await expect(organizationsTable(page).getByRole('columnheader', { name: header, exact: false }).first()).toBeVisible();
  }
  expect((await columnTexts(organizationsTable(page), 'Users')).every((n) => /^\d+$/.test(n))).toBe(true);

  const sciFilter = page.getByRole('combobox', { name: 'SCI' });
  const sciName = (await sciFilter.locator('option').nth(2).innerText()).trim();
  await sciFilter.selectOption({ index: 2 });
  await expect(page).toHaveURL(/sciId=\d+/);
  await expect.poll(async () => new Set(await columnTexts(organizationsTable(page), 'SCI'))).toEqual(new Set([sciName]));

  const orgLink = rows(page).first().getByRole('link').first();
  const orgName = (await orgLink.innerText()).trim();
  await orgLink.click();
  await expect(page).toHaveURL(/\/organizations\/\d+$/);
  await expect(page.getByRole('heading', { level: 1, name: orgName })).toBeVisible();

  const repositories = page.getByRole('table', { name: /Repositories/ });
  await expect(repositories.locator('tbody tr').first()).toBeVisible();
  await expect(repositories.getByRole('columnheader', { name: 'Data format' })).toBeVisible();
  expect(await repositories.locator('tbody tr').count()).toBeGreaterThan(0);

  const overview = page.getByRole('region', { name: 'Overview' });
  await expect(overview.getByRole('link', { name: sciName })).toHaveAttribute('href', /\/organizations\?sciId=\d+/);
  await expect(page.getByRole('region', { name: 'Vulnerability score weights' })).toContainText(/CVSSv[23]/);

  // An IP info link shows where it goes and opens only as a web link, without a referrer.
  const links = page.getByRole('table', { name: /IP info links/ });
  const sans = links.getByRole('link', { name: /isc\.sans\.edu/ });
  await expect(sans).toHaveText('https://isc.sans.edu/ipinfo.html?ip=%IP%');
  await expect(sans).toHaveAttribute('rel', 'noopener noreferrer');

  // Its users, in a table of their own that does not touch the page's URL.
  const users = page.getByRole('table', { name: 'Users' });
  await expect(users.locator('tbody tr').first()).toBeVisible();
  const url = page.url();
  await page.getByLabel('Search users').fill('zzz-no-such-user');
  await expect(users.getByText('No users match')).toBeVisible();
  expect(page.url()).toBe(url);
  await expect(page.getByRole('heading', { name: 'Security managers' })).toBeVisible();
});

test('the column chooser adds a column and the list asks for it', async ({ page }) => {
  await page.goto('/organizations');
  await expect(rows(page).first()).toBeVisible();
  const listCall = page.waitForRequest((req) => req.url().includes('/api/director/organizations?') && req.url().includes('email'));
  await page.getByRole('button', { name: /^Columns/ }).click();
  await page.getByRole('group', { name: 'Visible columns' }).getByLabel('Email').click();
  await listCall;
  await expect(page).toHaveURL(/columns=[^&]*email/);
  await expect.poll(async () => (await columnTexts(organizationsTable(page), 'Email')).every((e) => e.includes('@'))).toBe(true);

  // The choice is kept for this user: later specs signed in as the same admin get the usual columns back.
  const saved = page.waitForResponse((res) => res.url().endsWith('/api/views/columns') && res.request().method() === 'PUT');
  await page.getByRole('group', { name: 'Visible columns' }).getByLabel('Email').click();
  expect((await saved).ok()).toBe(true);
});

test('an unknown organization says so, and a Director failure shows the vendor code and request id', async ({ page }) => {
  await page.goto('/organizations/999999');
  await expect(page.getByRole('heading', { level: 1, name: 'Organization not found' })).toBeVisible();
  await page.goto('/organizations/finance');
  await expect(page.getByRole('heading', { level: 1, name: 'Organization not found' })).toBeVisible();
  await expect(page.getByText('is not an organization id')).toBeVisible();

  await failNextUpstream({
    method: 'GET',
    pathPrefix: '/rest/mgmt/organization/1',
    response: { status: 403, body: { type: 'regular', response: '', error_code: 146, error_msg: 'Director is busy', warnings: [], timestamp: 1 } },
    // The page retries a failed read twice before it shows the failure.
    times: 3,
  });
  await page.goto('/organizations/1');
  const panel = page.getByTestId('error-panel');
  await expect(panel).toContainText('Could not load the organization');
  await expect(panel.getByTestId('error-vendor-code')).toHaveText('146');
  await expect(panel.getByTestId('error-vendor-message')).toHaveText('Director is busy');
  await expect(panel.getByTestId('error-request-id')).toHaveText(/^[0-9a-f-]{36}$/);
  await panel.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('table', { name: /Repositories/ })).toBeVisible();
});
