import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { e2eDataDir } from '../playwright.config';
import { failNextUpstream, findOrganization, recordBodies, storageStateOf, toastOf, upstreamRequests } from './helpers';

const { logFile, scis } = JSON.parse(readFileSync(`${e2eDataDir}/secrets.json`, 'utf8')) as {
  logFile: string;
  scis: { connected: number[]; unconnected: number[] };
};

test.describe('as an admin', () => {
  test.use({ storageState: storageStateOf('admin') });

  test('create a tns security manager on its SCI, edit its title, delete it migrating to another user; the password shows up nowhere', async ({ page }) => {
    const organization = await findOrganization(page.request, true);
    const orgId = String(organization.id);
    const listPath = `/organizations/${orgId}/security-managers`;
    const sciPath = `/sci/${organization.sci!.id}/rest/organization/${organization.sciOrgId}/securityManager`;
    const stamp = Date.now().toString(36);
    const username = `e2e.sm.${stamp}`;
    const password = `Recognisable-E2E-${stamp}`;
    const newPassword = `Recognisable-Edit-${stamp}`;
    const bodies = recordBodies(page);
    const requests: string[] = [];
    page.on('request', (req) => {
      if (req.url().includes('/security-managers') && req.method() === 'DELETE') requests.push(req.postData() ?? '');
    });

    await page.goto(listPath);
    await expect(page.getByRole('table', { name: 'Security managers' }).locator('tbody tr').first()).toBeVisible();
    await page.getByRole('link', { name: 'New security manager' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'New security manager' })).toBeVisible();

    // Documented defaults are what the form starts with.
    await expect(page.getByLabel('Sign-in', { exact: true })).toHaveValue('tns');
    await expect(page.getByLabel('Password expires after (days)')).toHaveValue('90');
    await expect(page.getByLabel('Locked')).not.toBeChecked();

    await page.getByLabel('Username').fill(username);
    await page.getByLabel('First name').fill('Eve');
    await page.getByLabel('Last name').fill('Tester');
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByLabel('Password again').fill(`${password}x`);
    await page.getByLabel('E-mail the new manager').selectOption('both');
    await page.getByRole('button', { name: 'Create security manager' }).click();

    // Refused in the browser: what was typed stays, each problem is named.
    const summary = page.getByTestId('form-error-summary');
    await expect(summary).toContainText('Password again');
    await expect(summary).toContainText('Email');
    await expect(page.getByLabel('Username')).toHaveValue(username);

    await page.getByLabel('Password again').fill(password);
    await page.getByLabel('Email', { exact: true }).fill(`${stamp}@example.test`);
    await page.getByRole('button', { name: 'Create security manager' }).click();

    await expect(page).toHaveURL(new RegExp(`${listPath}/\\d+$`));
    await expect(page.getByRole('heading', { level: 1, name: `Eve Tester (${username})` })).toBeVisible();
    await expect(toastOf(page, `Security manager 'Eve Tester (${username})' created`)).toBeVisible();
    const managerUrl = new URL(page.url()).pathname;
    const details = page.getByRole('region', { name: 'Password' });
    await expect(details.getByText('Yes').first()).toBeVisible();

    // Edit: change the title and the password while the SCI fails once; the error is the vendor's.
    await page.getByRole('link', { name: 'Edit' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Edit / })).toBeVisible();
    await page.getByLabel('Title').fill('Regional lead');
    await page.getByLabel('New password').fill(newPassword);
    await page.getByLabel('Password again').fill(newPassword);
    await failNextUpstream({
      method: 'PATCH',
      pathPrefix: `${sciPath}/`,
      response: { status: 403, body: { type: 'regular', response: '', error_code: 146, error_msg: 'Edit refused for the test', warnings: [], timestamp: 0 } },
    });
    await page.getByRole('button', { name: 'Save changes' }).click();
    const failure = page.getByTestId('error-panel').filter({ hasText: 'The changes were not saved' });
    await expect(failure).toBeVisible();
    await expect(failure.getByTestId('error-vendor-code')).toHaveText('146');
    await expect(failure.getByTestId('error-vendor')).toHaveText(`Tenable Security Center (SCI ${organization.sci!.id})`);
    await expect(failure.getByTestId('error-request-id')).toHaveText(/^[0-9a-f-]{36}$/);
    const requestId = (await failure.getByTestId('error-request-id').innerText()).trim();
    await expect(toastOf(page, 'The changes were not saved')).toContainText(
      `146: Edit refused for the test · Tenable Security Center (SCI ${organization.sci!.id}) · request id ${requestId}`,
    );
    // The title typed is kept; the password is not kept once it was sent.
    await expect(page.getByLabel('Title')).toHaveValue('Regional lead');
    await expect(page.getByLabel('New password')).toHaveValue('');

    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page).toHaveURL(new RegExp(`${managerUrl}$`));
    await expect(page.getByRole('region', { name: 'Identity' })).toContainText('Regional lead');
    await expect(toastOf(page, `Security manager 'Eve Tester (${username})' saved`)).toBeVisible();

    // Delete, handing the manager's objects to another user of the organization.
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this security manager?' });
    await expect(dialog).toContainText(`Eve Tester (${username})`);
    // Nothing is chosen for their objects until the admin chooses: confirming first only asks.
    await expect(dialog.getByLabel('Hand them to another user')).not.toBeChecked();
    await expect(dialog.getByLabel('Delete their objects too')).not.toBeChecked();
    await dialog.getByRole('button', { name: 'Delete security manager' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Choose what happens to their objects.');
    expect(requests).toEqual([]);
    await dialog.getByLabel('Hand them to another user').check();
    const heirSelect = dialog.getByLabel('Move their objects to');
    await expect(heirSelect.locator('option')).not.toHaveCount(1);
    const heirId = await heirSelect.locator('option').nth(1).getAttribute('value');
    await heirSelect.selectOption(heirId ?? '');
    await dialog.getByRole('button', { name: 'Delete security manager' }).click();
    await expect(page).toHaveURL(new RegExp(`${listPath}$`));
    await expect(toastOf(page, `Security manager 'Eve Tester (${username})' deleted`)).toBeVisible();
    expect(requests.map((body) => JSON.parse(body) as unknown)).toEqual([{ migrateUserId: Number(heirId) }]);
    expect((await page.request.get(`/api/director/organizations/${orgId}/security-managers/${managerUrl.split('/').pop()}`)).status()).toBe(404);

    await page.waitForLoadState('networkidle');
    expect(bodies.some((b) => b.url.includes('/security-managers'))).toBe(true);
    for (const { url, text } of bodies) {
      expect(text.includes(password) || text.includes(newPassword), `a password appears in ${url}`).toBe(false);
    }
    // Every change went to the organization's SCI, under the SCI's own organization id.
    const writes = (await upstreamRequests()).filter((r) => r.method !== 'GET' && r.path.includes('securityManager'));
    expect(writes.length).toBeGreaterThanOrEqual(3);
    for (const r of writes.slice(-3)) expect(r.path.startsWith(sciPath), r.path).toBe(true);
    const log = readFileSync(logFile, 'utf8');
    expect(log).toContain('securityManager');
    expect(log.includes(password) || log.includes(newPassword), 'a password appears in the server log').toBe(false);
  });
});

test.describe('as a viewer', () => {
  test.use({ storageState: storageStateOf('viewer') });

  test('sees security managers but no actions, and a forged mutation is refused with 403', async ({ page, baseURL }) => {
    const orgId = String((await findOrganization(page.request, true)).id);
    const listPath = `/organizations/${orgId}/security-managers`;
    await page.goto(listPath);
    const table = page.getByRole('table', { name: 'Security managers' });
    await expect(table.locator('tbody tr').first()).toBeVisible();
    await expect(page.getByRole('link', { name: 'New security manager' })).toHaveCount(0);

    // On its own page the list keeps its state in the URL, like every other list: a reload keeps the search.
    const first = (await table.locator('tbody tr').first().getByRole('link').first().innerText()).trim();
    await page.getByRole('searchbox', { name: 'Search security managers' }).fill(first);
    await page.getByRole('searchbox', { name: 'Search security managers' }).press('Enter');
    await expect(page).toHaveURL(/[?&]q=/);
    await page.reload();
    await expect(page.getByRole('searchbox', { name: 'Search security managers' })).toHaveValue(first);
    await expect(table.locator('tbody tr').first()).toContainText(first);

    await table.locator('tbody tr').first().getByRole('link').first().click();
    await expect(page).toHaveURL(new RegExp(`${listPath}/\\d+$`));
    await expect(page.getByRole('region', { name: 'Access' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Delete' })).toHaveCount(0);
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';

    await page.goto(`${listPath}/new`);
    await expect(page.getByText('Only administrators can change security managers')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Create security manager' })).toHaveCount(0);

    const api = `/api/director/organizations/${orgId}/security-managers`;
    const headers = { 'X-CSRF': '1', Origin: baseURL ?? '' };
    const before = await (await page.request.get(`${api}/${id}`)).json();
    const forgedPatch = await page.request.patch(`${api}/${id}`, { headers, data: { title: 'forged' } });
    expect(forgedPatch.status()).toBe(403);
    expect(await forgedPatch.json()).toMatchObject({ error: { code: 'forbidden' } });
    const forgedDelete = await page.request.delete(`${api}/${id}`, { headers });
    expect(forgedDelete.status()).toBe(403);
    const forgedCreate = await page.request.post(api, { headers, data: { username: 'forged.sm', password: 'long enough secret' } });
    expect(forgedCreate.status()).toBe(403);
    expect(await (await page.request.get(`${api}/${id}`)).json()).toEqual(before);
  });
});

test.describe('an organization whose SCI has no connection', () => {
  test.use({ storageState: storageStateOf('admin') });

  test('explains it and names the setting, instead of an error; a change is refused and nothing reaches the SCI', async ({ page, baseURL }) => {
    const organization = await findOrganization(page.request, false);
    const sciId = organization.sci!.id;
    expect(scis.unconnected).toContain(sciId);

    await page.goto(`/organizations/${organization.id}`);
    // The header counts every SCI Director names; the unconnected one is not reachable from here.
    const total = scis.connected.length + scis.unconnected.length;
    await expect(page.getByTestId('upstream-scis')).toContainText(`SCIs: ${scis.connected.length} of ${total} reachable`);
    const section = page.getByRole('region', { name: 'Security managers' });
    const notice = section.getByTestId('sci-not-connected');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText(`${organization.sci!.name} (SCI ${sciId}) is not connected to ScanDeck`);
    await expect(notice).toContainText('SCI_CONNECTIONS_FILE');
    await expect(notice.getByTestId('sci-connection-example')).toContainText(`"id": ${sciId}`);
    await expect(section.getByTestId('error-panel')).toHaveCount(0);
    await expect(section.getByRole('table', { name: 'Security managers' })).toHaveCount(0);

    await page.goto(`/organizations/${organization.id}/security-managers/new`);
    await expect(page.getByTestId('sci-not-connected')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Create security manager' })).toHaveCount(0);

    const api = `/api/director/organizations/${organization.id}/security-managers`;
    const forged = await page.request.post(api, {
      headers: { 'X-CSRF': '1', Origin: baseURL ?? '' },
      data: { username: 'nc.sm', password: 'long enough secret' },
    });
    expect(forged.status()).toBe(409);
    expect(await forged.json()).toMatchObject({ error: { code: 'sci_not_connected' } });
    expect((await upstreamRequests()).filter((r) => r.path.startsWith(`/sci/${sciId}/`))).toEqual([]);
  });
});
