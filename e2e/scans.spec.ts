import { expect, test, type Page } from '@playwright/test';
import { columnTexts, failNextUpstream, storageStateOf, toastOf, uniqueName } from './helpers';

test.use({ storageState: storageStateOf('admin'), timezoneId: 'Europe/Paris' });

const scansTable = (page: Page) => page.getByRole('table', { name: 'Scans' });
const rows = (page: Page) => scansTable(page).locator('tbody tr');
const range = (page: Page) => page.getByTestId('table-range');

test('the scans list pages and sorts on the server, with its state in the URL', async ({ page }) => {
  await page.goto('/scans');
  await expect(rows(page)).toHaveCount(25);
  await expect(range(page)).toContainText(/1[–-]25 of \d+/);
  const total = Number((await range(page).innerText()).match(/of (\d+)/)?.[1]);
  expect(total).toBeGreaterThan(25);

  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(range(page)).toContainText(/26[–-]50 of/);

  await page.getByLabel('Rows per page').selectOption('10');
  await expect(page).toHaveURL(/pageSize=10/);
  await expect(rows(page)).toHaveCount(10);

  await scansTable(page).getByRole('button', { name: /^Name/ }).click();
  await expect(page).toHaveURL(/sort=name/);
  await expect(page).not.toHaveURL(/page=2/);
  const ascending = await columnTexts(scansTable(page), 'Name');
  expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true })));

  await scansTable(page).getByRole('button', { name: /^Name/ }).click();
  await expect(page).toHaveURL(/order=desc/);
  const descending = await columnTexts(scansTable(page), 'Name');
  expect(descending[0]?.localeCompare(ascending[0] ?? '')).toBeGreaterThan(0);

  // The URL alone restores the view.
  await page.reload();
  await expect(rows(page)).toHaveCount(10);
  expect(await columnTexts(scansTable(page), 'Name')).toEqual(descending);
});

test('filtering by SCI shows only that SCI, and the search narrows further', async ({ page }) => {
  await page.goto('/scans');
  const sciFilter = page.getByRole('combobox', { name: 'SCI' });
  const option = sciFilter.locator('option').nth(1);
  const sciName = (await option.innerText()).trim();
  await sciFilter.selectOption({ index: 1 });
  await expect(page).toHaveURL(/sciId=\d+/);
  await expect.poll(async () => new Set(await columnTexts(scansTable(page), 'SCI'))).toEqual(new Set([sciName]));

  const firstName = (await columnTexts(scansTable(page), 'Name'))[0] ?? '';
  await page.getByLabel('Search scans').fill(firstName);
  await expect(page).toHaveURL(/q=/);
  await expect.poll(async () => (await columnTexts(scansTable(page), 'Name')).every((n) => n.toLowerCase().includes(firstName.toLowerCase()))).toBe(true);
});

test('two quick changes in a row both stick', async ({ page }) => {
  await page.goto('/scans');
  await expect(rows(page)).toHaveCount(25);
  // No wait between them: the second must build on the first, not on the URL before it.
  await page.getByRole('combobox', { name: 'SCI' }).selectOption({ index: 2 });
  await page.getByLabel('Rows per page').selectOption('50');
  await expect(page).toHaveURL(/pageSize=50/);
  await expect(page).toHaveURL(/sciId=\d+/);
});

test('Back and Forward walk through pages and filters, and typing a search adds no entry per key', async ({ page }) => {
  await page.goto('/scans');
  await expect(rows(page)).toHaveCount(25);
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await page.getByRole('combobox', { name: 'SCI' }).selectOption({ index: 1 });
  await expect(page).toHaveURL(/sciId=\d+/);

  await page.goBack();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(page).not.toHaveURL(/sciId=/);
  await expect(range(page)).toContainText(/26[–-]50 of/);
  await page.goBack();
  await expect(page).toHaveURL(/\/scans$/);
  await expect(range(page)).toContainText(/1[–-]25 of/);
  await page.goForward();
  await expect(page).toHaveURL(/[?&]page=2/);

  // Each pause longer than the debounce would have been its own entry; typing replaces one.
  await page.getByLabel('Search scans').pressSequentially('sca', { delay: 450 });
  await expect(page).toHaveURL(/q=sca/);
  await page.goBack();
  await expect(page).toHaveURL(/\/scans$/);
});

test('a page past the end shows the last page and mends the URL; the range is above the table too', async ({ page }) => {
  await page.goto('/scans');
  await expect(range(page)).toContainText(/of \d+/);
  const total = Number((await range(page).innerText()).match(/of (\d+)/)?.[1]);
  const lastPage = Math.ceil(total / 25);
  for (const asked of [lastPage + 1, 999_999]) {
    await page.goto(`/scans?page=${asked}`);
    await expect(page).toHaveURL(new RegExp(`[?&]page=${lastPage}(&|$)`));
    await expect(rows(page).first()).toBeVisible();
    await expect(page.getByTestId('table-range-top')).toContainText(`Page ${lastPage} of ${lastPage}`);
    await expect(page.getByRole('button', { name: 'Next page' })).toBeDisabled();
  }
  await page.goto('/scans?page=abc&pageSize=7&sort=password');
  await expect(range(page)).toContainText(/1[–-]25 of/);
});

test('a page flip from the bottom pager brings the top of the table into view', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 600 });
  await page.goto('/scans');
  await expect(rows(page)).toHaveCount(25);
  const top = page.getByTestId('table-range-top');
  await page.getByRole('button', { name: 'Next page' }).scrollIntoViewIfNeeded();
  await expect(top).not.toBeInViewport();
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(range(page)).toContainText(/26[–-]50 of/);
  await expect(top).toBeInViewport();
});

test('the link back from a scan and the redirect after a delete keep the list as it was left', async ({ page }) => {
  await page.goto('/scans?page=2&pageSize=10&sort=name&order=asc');
  await expect(rows(page)).toHaveCount(10);
  await rows(page).first().getByRole('link').first().click();
  await expect(page).toHaveURL(/\/scans\/\d+$/);
  await page.getByRole('link', { name: '← Scans' }).click();
  await expect(page).toHaveURL(/\/scans\?/);
  for (const part of ['page=2', 'pageSize=10', 'sort=name', 'order=asc']) await expect(page).toHaveURL(new RegExp(part));
  await expect(range(page)).toContainText(/11[–-]20 of/);
});

async function fillScanForm(page: Page, name: string) {
  await page.goto('/scans/new');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('SCI').selectOption({ index: 1 });
  for (const label of ['Policy', 'Repository', 'Owner']) {
    const select = page.getByLabel(label, { exact: true });
    await expect(select.locator('option')).not.toHaveCount(1);
    await select.selectOption({ index: 1 });
  }
  await page.getByLabel('Targets').fill('10.20.0.0/24\n10.20.1.5');
}

test('an admin creates a scan with a weekly schedule, finds it, opens it and deletes it', async ({ page }) => {
  const name = uniqueName('E2E weekly DMZ');
  await fillScanForm(page, name);
  await page.getByLabel('Schedule', { exact: true }).selectOption('ical');
  await page.getByLabel('Start date').fill('2027-01-04');
  await page.getByLabel('Start time').fill('09:00');
  await page.getByLabel('Repeat').selectOption('WEEKLY');
  await page.getByLabel('Monday').check();
  await page.getByLabel('Thursday').check();
  await expect(page.getByTestId('schedule-preview')).toContainText(/Monday and Thursday at 09:00/);

  await page.getByRole('button', { name: 'Create scan' }).click();
  await expect(page).toHaveURL(/\/scans\/\d+$/);
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(toastOf(page, `Scan '${name}' created`)).toBeVisible();
  await expect(page.getByText('10.20.0.0/24')).toBeVisible();
  await expect(page).toHaveTitle(`${name} · Scan · ScanDeck`);
  // The schedule reads back from Director in the preview's words.
  await expect(page.getByText('Every week on Monday and Thursday at 09:00 Europe/Paris')).toBeVisible();

  await page.goto('/scans?columns=name,sci,schedule');
  await page.getByLabel('Search scans').fill(name);
  await expect(rows(page)).toHaveCount(1);
  expect(await columnTexts(scansTable(page), 'Schedule')).toEqual(['Every week on Monday and Thursday at 09:00 Europe/Paris']);
  await rows(page).getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();

  await page.getByRole('button', { name: 'Delete scan' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this scan?' });
  await expect(dialog).toContainText(name);
  await dialog.getByRole('button', { name: 'Delete scan' }).click();
  // Back to the list as it was left: still searched for the deleted scan, which is gone.
  await expect(page).toHaveURL(/\/scans\?q=/);
  await expect(toastOf(page, `Scan '${name}' deleted`)).toBeVisible();
  await expect(page.getByLabel('Search scans')).toHaveValue(name);
  await expect(page.getByText(/No scans/i)).toBeVisible();
});

test('a new scan starts on demand, and bad targets and numbers are named in plain words', async ({ page }) => {
  await page.goto('/scans/new');
  await expect(page.getByLabel('Schedule', { exact: true })).toHaveValue('never');
  await page.getByLabel('Targets').fill('10.0.0.1, not a host!!\n10.0.0.9-10.0.0.1');
  await page.getByLabel('Classify mitigated after (days)').fill('400');
  await page.getByRole('button', { name: 'Create scan' }).click();
  await expect(page.getByText('not an address, range, CIDR block or host name: not a host!!, 10.0.0.9-10.0.0.1').first()).toBeVisible();
  await expect(page.getByText('must be 0 to 365 days').first()).toBeVisible();
  await expect(page.getByText(/Too big|Too small|expected number/)).toHaveCount(0);
  await expect(page.getByLabel('Targets')).toHaveValue('10.0.0.1, not a host!!\n10.0.0.9-10.0.0.1');
});

test('a rejected scan keeps what was typed and says why, with the vendor code and request id', async ({ page }) => {
  await page.goto('/scans/new');
  await page.getByRole('button', { name: 'Create scan' }).click();
  await expect(page.getByTestId('form-error-summary')).toBeVisible();
  await expect(page.getByText('a name is required').first()).toBeVisible();

  const name = uniqueName('E2E refused');
  await fillScanForm(page, name);
  await failNextUpstream({
    method: 'POST',
    pathPrefix: '/rest/mgmt/scan',
    response: {
      status: 403,
      body: {
        type: 'regular',
        response: '',
        error_code: 146,
        error_msg: "Invalid parameter 'ipList': 10.20.1.5 is outside the repository",
        warnings: [],
        timestamp: 1,
      },
    },
  });
  await page.getByRole('button', { name: 'Create scan' }).click();
  const panel = page.getByTestId('error-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('error-vendor-code')).toHaveText('146');
  await expect(panel.getByTestId('error-vendor-message')).toContainText('outside the repository');
  await expect(panel.getByTestId('error-request-id')).toHaveText(/\S{8,}/);
  const requestId = (await panel.getByTestId('error-request-id').innerText()).trim();
  await expect(toastOf(page, 'The scan was not created')).toContainText(`outside the repository · Tenable Security Center Director · request id ${requestId}`);
  await expect(page).toHaveURL(/\/scans\/new$/);
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(name);
  await expect(page.getByLabel('Targets')).toHaveValue('10.20.0.0/24\n10.20.1.5');
});

test('a failed Director call on the list shows the vendor refusal, not a blank page', async ({ page }) => {
  await failNextUpstream({
    method: 'GET',
    pathPrefix: '/rest/mgmt/scan',
    response: { status: 403, body: { type: 'regular', response: '', error_code: 146, error_msg: 'Director is busy', warnings: [], timestamp: 1 } },
    // The page's server reads the first page once and shows its failure; the browser does not ask again by itself.
    times: 1,
  });
  // A column set nobody asked for yet, so the BFF cannot answer from its short-lived cache.
  await page.goto('/scans?columns=name,zone,rolloverType');
  const panel = page.getByTestId('error-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('error-vendor-code')).toHaveText('146');
  await expect(panel.getByTestId('error-vendor-message')).toHaveText('Director is busy');
  await panel.getByRole('button', { name: /Try again|Retry/ }).click();
  // Rows of scans (each names its scan with a link), not the panel's row.
  await expect(rows(page).first().getByRole('link').first()).toBeVisible();
  await expect(panel).toHaveCount(0);
});

test('Policy, Owner, Creator and Repository show names and sort by them; schedules read in words; a zone Director gives no name for says where it was looked for', async ({
  page,
}) => {
  await page.goto('/scans?columns=name,sci,policy,owner,creator,repository,zone&sort=policy&order=asc&pageSize=50');
  const table = scansTable(page);
  const shortUuid = /^[0-9A-F]{8}…$/i;
  for (const header of ['Policy', 'Owner', 'Creator', 'Repository']) {
    const texts = await columnTexts(table, header);
    expect(
      texts.filter((t) => shortUuid.test(t)),
      `${header} shows uuids`,
    ).toEqual([]);
    expect(texts.filter((t) => t !== '—').length).toBeGreaterThan(0);
  }
  const policies = (await columnTexts(table, 'Policy')).filter((t) => t !== '—');
  expect(policies).toEqual([...policies].sort(new Intl.Collator('en', { sensitivity: 'base', numeric: true }).compare));

  // Where Director sends no schedule the column says so rather than showing nothing.
  await page.goto('/scans?columns=name,schedule&pageSize=50');
  const schedules = await columnTexts(table, 'Schedule');
  expect(schedules).toContain('not reported by Director');
  expect(schedules.some((t) => /^(Every|Once|On demand|Template|After scan)/.test(t))).toBe(true);
  await page.goto('/scans?columns=name,sci,policy,owner,creator,repository,zone&sort=policy&order=asc&pageSize=50');

  // Director's Scan Zone list carries no uuids, so a flat zoneUUID keeps its short form with a reason.
  const unnamedZone = table.locator('tbody td span[title*="not found on"]').first();
  await expect(unnamedZone).toHaveText(shortUuid);
  await expect(unnamedZone).toHaveAttribute('title', /: not found on SCI \S+/);
});
