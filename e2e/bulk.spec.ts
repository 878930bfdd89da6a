import { expect, test, type Page } from '@playwright/test';
import type { LookupList, LookupItem, Owner, Sci } from '@/lib/schemas/lookup';
import type { AuditEvent } from '@/lib/schemas/audit';
import type { ScanRow } from '@/lib/schemas/scan';
import type { SecurityManagerRow } from '@/lib/schemas/security-manager';
import { baseURL } from '../playwright.config';
import { failNextUpstream, findOrganization, storageStateOf, toastOf, uniqueName } from './helpers';

const mutation = { 'X-CSRF': '1', Origin: baseURL };

async function getJson<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(path);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

/** Scans of this test's own, all on one SCI, so the list searched for `prefix` shows exactly them. */
async function createScans(page: Page, prefix: string, count: number): Promise<{ sci: Sci; scans: ScanRow[] }> {
  const sci = (await getJson<LookupList<Sci>>(page, '/api/director/lookups/scis')).items[0]!;
  const owner = (await getJson<LookupList<Owner>>(page, `/api/director/lookups/owners?sciId=${sci.id}`)).items[0]!;
  const policy = (await getJson<LookupList<LookupItem>>(page, `/api/director/lookups/policies?sciId=${sci.id}`)).items.find((p) => p.uuid)!;
  const repository = (await getJson<LookupList<LookupItem>>(page, `/api/director/lookups/repositories?sciId=${sci.id}`)).items.find((r) => r.uuid)!;
  const scans: ScanRow[] = [];
  for (let i = 1; i <= count; i++) {
    const res = await page.request.post('/api/director/scans', {
      headers: mutation,
      data: {
        name: `${prefix} ${i}`,
        sciId: sci.id,
        ownerUuid: owner.uuid,
        policyUuid: policy.uuid,
        repositoryUuid: repository.uuid,
        ipList: `10.77.${i}.0/24`,
      },
    });
    expect(res.status()).toBe(201);
    scans.push((await res.json()) as ScanRow);
  }
  return { sci, scans };
}

const bar = (page: Page) => page.getByRole('region', { name: 'Bulk actions' });

test.describe('as an admin', () => {
  test.use({ storageState: storageStateOf('admin') });

  test('deletes three scans in one go: two go, Director refuses one with its words, and the trail has each of them', async ({ page }) => {
    const prefix = uniqueName('bulk scan');
    const { sci, scans } = await createScans(page, prefix, 3);
    type Made = { id: number; name: string };
    const [first, refused, third] = scans.map((s) => ({ id: s.id, name: s.name ?? '' })) as [Made, Made, Made];
    const table = page.getByRole('table', { name: 'Scans' });
    // The SCI column hidden: the confirmation still names each scan's SCI.
    await page.goto(`/scans?q=${encodeURIComponent(prefix)}&columns=status`);
    await expect(table.locator('tbody tr')).toHaveCount(3);

    // Nothing selected, no bar; one row, then the whole page.
    await expect(bar(page)).toHaveCount(0);
    await table.getByRole('checkbox', { name: `Select ${first.name}` }).check();
    await expect(bar(page).getByRole('status')).toHaveText('1 selected');
    const pageBox = table.getByRole('checkbox', { name: 'Select all scans on this page' });
    await expect(pageBox).not.toBeChecked();
    await pageBox.check();
    await expect(bar(page).getByRole('status')).toHaveText('3 selected');
    await bar(page).getByRole('button', { name: 'Clear selection' }).click();
    await expect(bar(page)).toHaveCount(0);
    await expect(pageBox).not.toBeChecked();

    // "Select all matching the filters": the server resolves them from the table's query.
    await table.getByRole('checkbox', { name: `Select ${first.name}` }).check();
    await bar(page).getByRole('button', { name: 'Select all 3 scans matching the filters' }).click();
    await expect(bar(page).getByRole('status')).toHaveText('3 selected');
    await expect(pageBox).toBeChecked();

    // Director refuses one of them; the browser holds another back a moment, so the run is seen going.
    await failNextUpstream({
      method: 'DELETE',
      pathPrefix: `/rest/mgmt/scan/${refused.id}`,
      response: {
        status: 403,
        body: { type: 'regular', response: '', error_code: 146, error_msg: 'Scan is used by a running job', warnings: [], timestamp: 1 },
      },
    });
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(`**/api/director/scans/${third.id}`, async (route) => {
      if (route.request().method() === 'DELETE') await held;
      await route.continue();
    });

    await bar(page).getByRole('button', { name: 'Delete…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete 3 scans?' });
    const listed = confirm.getByRole('region', { name: 'Scans to delete' });
    for (const scan of [first, refused, third]) await expect(listed.getByRole('listitem').filter({ hasText: scan.name })).toContainText(sci.name);
    await confirm.getByRole('button', { name: 'Delete 3 scans' }).click();

    const running = page.getByRole('dialog', { name: 'Deleting 3 scans…' });
    await expect(running.getByRole('progressbar', { name: 'Scans deleted' })).toHaveAttribute('aria-valuenow', '2');
    await expect(running.getByRole('status')).toHaveText('2 of 3 done');
    await expect(running.getByRole('button', { name: 'Cancel' })).toBeDisabled();
    release();

    const finished = page.getByRole('dialog', { name: '2 of 3 scans deleted' });
    await expect(finished.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '3');
    const outcomes = finished.getByTestId('bulk-outcome');
    await expect(outcomes).toHaveCount(3);
    // The refusal first, in Director's words with its code and request id.
    await expect(outcomes.first()).toContainText(refused.name);
    await expect(outcomes.first()).toContainText('Not deleted');
    await expect(outcomes.first()).toContainText(/146: Scan is used by a running job · Tenable Security Center Director · request id \S+/);
    await expect(outcomes.filter({ hasText: /Deleted/ })).toHaveCount(2);
    await expect(toastOf(page, '2 of 3 scans deleted; 1 not deleted')).toContainText('Scan is used by a running job');
    await expect(finished.getByRole('button', { name: 'Close' })).toBeFocused();
    await finished.getByRole('button', { name: 'Close' }).click();

    // The list has refreshed; what went left the selection, the refused one is still chosen.
    await expect(table.locator('tbody tr')).toHaveCount(1);
    await expect(table.getByRole('checkbox', { name: `Select ${refused.name}` })).toBeChecked();
    await expect(bar(page).getByRole('status')).toHaveText('1 selected');
    await expect(bar(page).getByRole('button', { name: 'Delete…' })).toBeFocused();
    for (const gone of [first, third]) expect((await page.request.get(`/api/director/scans/${gone.id}`)).status()).toBe(404);

    // Each item is its own line in the audit trail, as a single delete writes it.
    const trail = await getJson<{ items: AuditEvent[] }>(page, `/api/audit?action=${encodeURIComponent('DELETE /api/director/scans/{id}')}&pageSize=50`);
    const lineOf = (id: number) => trail.items.filter((event) => event.target.id === String(id));
    for (const gone of [first, third]) {
      expect(lineOf(gone.id)).toHaveLength(1);
      expect(lineOf(gone.id)[0]).toMatchObject({ outcome: 'success', summary: `Deleted scan '${gone.name}' (${sci.name})` });
    }
    expect(lineOf(refused.id)).toHaveLength(1);
    expect(lineOf(refused.id)[0]).toMatchObject({ outcome: 'refused', upstreamCode: '146', summary: `Tried to delete scan '${refused.name}' (${sci.name})` });
    await page.goto(`/audit?q=${encodeURIComponent(prefix)}`);
    const auditRows = page.getByRole('table', { name: 'Audit trail' }).locator('tbody tr');
    await expect(auditRows.filter({ hasText: `Deleted scan '${prefix}` })).toHaveCount(2);
    await expect(auditRows.filter({ hasText: `Tried to delete scan '${refused.name}'` })).toHaveCount(1);

    await page.request.delete(`/api/director/scans/${refused.id}`, { headers: mutation });
  });

  test('a selection is kept across pages and sorts, and starts over when the search or a filter changes', async ({ page }) => {
    await page.goto('/scans?pageSize=10');
    const table = page.getByRole('table', { name: 'Scans' });
    const firstBox = table.locator('tbody tr').first().getByRole('checkbox');
    await firstBox.check();
    await expect(bar(page).getByRole('status')).toHaveText('1 selected');

    // Paging and sorting show other rows of the same list: what was chosen stays chosen.
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(firstBox).not.toBeChecked();
    await firstBox.check();
    await expect(bar(page).getByRole('status')).toHaveText('2 selected');
    await table.getByRole('button', { name: 'Name', exact: true }).click();
    await expect(page).toHaveURL(/sort=name/);
    await expect(bar(page).getByRole('status')).toHaveText('2 selected');

    // Another search is another list: the choice starts over.
    await page.getByLabel('Search scans').fill('a');
    await expect(page).toHaveURL(/q=a/);
    await expect(bar(page)).toHaveCount(0);
    await expect(table.getByRole('checkbox', { checked: true })).toHaveCount(0);

    // So is another filter.
    await firstBox.check();
    await expect(bar(page).getByRole('status')).toHaveText('1 selected');
    await page.getByRole('combobox', { name: 'SCI' }).selectOption({ index: 1 });
    await expect(page).toHaveURL(/sciId=\d+/);
    await expect(bar(page)).toHaveCount(0);
  });

  test('security managers in bulk, by keyboard: the objects go to a user who is not being deleted, and each is deleted on its SCI', async ({ page }) => {
    const organization = await findOrganization(page.request, true);
    const api = `/api/director/organizations/${organization.id}/security-managers`;
    const prefix = `e2e.bulk.${Date.now().toString(36)}`;
    const managers: SecurityManagerRow[] = [];
    for (const n of [1, 2, 3]) {
      const res = await page.request.post(api, {
        headers: mutation,
        data: { username: `${prefix}.${n}`, password: 'long enough secret', firstname: 'Bulk', lastname: `No${n}` },
      });
      expect(res.status()).toBe(201);
      managers.push((await res.json()) as SecurityManagerRow);
    }
    const [gone1, gone2, heir] = managers as [SecurityManagerRow, SecurityManagerRow, SecurityManagerRow];
    const label = (m: SecurityManagerRow) => `Bulk ${m.lastname} (${m.username})`;
    const bodies: string[] = [];
    page.on('request', (req) => {
      if (req.method() === 'DELETE' && req.url().includes('/security-managers/')) bodies.push(req.postData() ?? '');
    });

    await page.goto(`/organizations/${organization.id}/security-managers?q=${encodeURIComponent(prefix)}`);
    const table = page.getByRole('table', { name: 'Security managers' });
    await expect(table.locator('tbody tr')).toHaveCount(3);
    // Space on each row's checkbox.
    for (const manager of [gone1, gone2]) {
      await table.getByRole('checkbox', { name: `Select ${label(manager)}` }).focus();
      await page.keyboard.press('Space');
    }
    await expect(bar(page).getByRole('status')).toHaveText('2 selected');
    await bar(page).getByRole('button', { name: 'Delete…' }).focus();
    await page.keyboard.press('Enter');

    const confirm = page.getByRole('dialog', { name: 'Delete 2 security managers?' });
    await expect(confirm).toContainText(organization.name);
    const listed = confirm.getByRole('region', { name: 'Security managers to delete' });
    await expect(listed.getByRole('listitem')).toHaveText([label(gone1), label(gone2)]);
    // Focus starts on Cancel. Confirming without a choice for their objects only asks for it.
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(confirm.getByRole('alert')).toHaveText('Choose what happens to their objects.');
    expect(bodies).toEqual([]);

    await confirm.getByLabel('Hand them to another user').focus();
    await page.keyboard.press('Space');
    const heirSelect = confirm.getByLabel('Move their objects to');
    await expect(heirSelect.locator('option', { hasText: label(heir) })).toHaveCount(1);
    // Nobody being deleted can take the objects.
    await expect(heirSelect.locator('option', { hasText: label(gone1) })).toHaveCount(0);
    await expect(heirSelect.locator('option', { hasText: label(gone2) })).toHaveCount(0);
    await heirSelect.selectOption(String(heir.id));
    await confirm.getByRole('button', { name: 'Delete 2 security managers' }).focus();
    await page.keyboard.press('Enter');

    const finished = page.getByRole('dialog', { name: '2 of 2 security managers deleted' });
    await expect(finished.getByTestId('bulk-outcome').filter({ hasText: /Deleted/ })).toHaveCount(2);
    await expect(toastOf(page, '2 security managers deleted')).toBeVisible();
    await expect(finished.getByRole('button', { name: 'Close' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(finished).toBeHidden();

    await expect(table.locator('tbody tr')).toHaveCount(1);
    await expect(table).toContainText(heir.username ?? '');
    await expect(bar(page)).toHaveCount(0);
    // With nothing left selected the bar has gone: focus is on the list's own checkbox, not lost.
    await expect(table.getByRole('checkbox', { name: 'Select all security managers on this page' })).toBeFocused();
    expect(bodies.map((body) => JSON.parse(body) as unknown)).toEqual([{ migrateUserId: heir.id }, { migrateUserId: heir.id }]);
    for (const manager of [gone1, gone2]) expect((await page.request.get(`${api}/${manager.id}`)).status()).toBe(404);

    const trail = await getJson<{ items: AuditEvent[] }>(
      page,
      `/api/audit?action=${encodeURIComponent('DELETE /api/director/organizations/{orgId}/security-managers/{id}')}&pageSize=50`,
    );
    for (const manager of [gone1, gone2]) {
      expect(trail.items.filter((event) => event.target.id === String(manager.id) && event.target.orgId === String(organization.id))).toMatchObject([
        { outcome: 'success', summary: expect.stringContaining(`Deleted security manager '${manager.username}'`) },
      ]);
    }
    await page.request.delete(`${api}/${heir.id}`, { headers: mutation, data: {} });
  });
});

test.describe('as a viewer', () => {
  test.use({ storageState: storageStateOf('viewer') });

  test('sees no selection column, and "select all" is refused by the server', async ({ page }) => {
    await page.goto('/scans');
    const table = page.getByRole('table', { name: 'Scans' });
    await expect(table.locator('tbody tr').first()).toBeVisible();
    await expect(table.getByRole('checkbox')).toHaveCount(0);
    expect((await page.request.get('/api/director/scans/selection')).status()).toBe(403);

    const organization = await findOrganization(page.request, true);
    await page.goto(`/organizations/${organization.id}/security-managers`);
    const managers = page.getByRole('table', { name: 'Security managers' });
    await expect(managers.locator('tbody tr').first()).toBeVisible();
    await expect(managers.getByRole('checkbox')).toHaveCount(0);
    expect((await page.request.get(`/api/director/organizations/${organization.id}/security-managers/selection`)).status()).toBe(403);
  });
});
