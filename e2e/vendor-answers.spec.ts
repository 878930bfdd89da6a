import { expect, test, type Page } from '@playwright/test';
import type { ListScanTasksResponse } from '@/lib/schemas/scan-task';
import { clearUpstreamFaults, failNextUpstream, serveFixture, startHssTask, storageStateOf, toastOf, waitForShortcuts } from './helpers';

/**
 * Real Director and HSS answers differ from one another and from the documents' examples. The
 * demo simulator varies its answers the same ways; these tests walk the pages over those
 * variants and over the documents' own example answers.
 */
test.use({ storageState: storageStateOf('admin'), timezoneId: 'Europe/Paris' });

const field = (page: Page, label: string) => page.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]');

test.describe('Director', () => {
  test('the scans list says quietly what it could not read, and shows a status no document lists as sent', async ({ page }) => {
    await page.goto('/scans');
    const notice = page.getByTestId('unreadable-notice');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('1 scan skipped');
    await expect(notice).toContainText('1 field not shown');
    await expect(notice).toContainText(/scan \d+: organization\.id/);
    // The rest of the list is there as usual.
    await expect(page.getByRole('table', { name: 'Scans' }).locator('tbody tr')).toHaveCount(25);

    await page.goto('/scans?sort=status&order=desc');
    const first = page.getByRole('table', { name: 'Scans' }).locator('tbody tr').first();
    const unknown = first.getByTestId('unknown-value');
    await expect(unknown).toHaveText('Unknown (code 3)');
    await expect(unknown).toHaveAttribute('title', /does not know; shown as sent/);
    await expect(page.getByRole('table', { name: 'Scans' }).locator('tbody tr').nth(1)).toContainText('Normal');
  });

  test("a scan from the document's example answer: flat references, no zone, unlimited time", async ({ page }) => {
    await serveFixture('director-scan-detail.json', { pathPrefix: '/rest/mgmt/scan/900043', times: 5 });
    await page.goto('/scans/900043');
    await expect(page.getByRole('heading', { name: 'Basic Scan' })).toBeVisible();
    await expect(field(page, 'Status')).toHaveText('Normal');
    await expect(field(page, 'Max scan time')).toHaveText('Unlimited');
    await expect(field(page, 'Zone')).toHaveText('—');
    await expect(page.getByText('192.26.28.0/24')).toBeVisible();
    await expect(page.getByTestId('unreadable-notice')).toHaveCount(0);
  });

  test('a scan whose references come as objects without uuid, with All Zones, an unknown status and an odd field', async ({ page }) => {
    await failNextUpstream({
      pathPrefix: '/rest/mgmt/scan/900106',
      times: 5,
      response: {
        status: 200,
        body: {
          type: 'regular',
          error_code: 0,
          error_msg: '',
          warnings: [],
          timestamp: 1,
          response: {
            id: '900106',
            uuid: 'A1D2C3B4-0000-4000-8000-000000900106',
            name: 'Variant scan',
            status: '7',
            policy: { id: '2', name: 'Basic Network Scan' },
            zone: { id: '-1', name: 'All Zones' },
            owner: { id: '7', username: 'qa', firstname: 'Quinn', lastname: 'Avery' },
            maxScanTime: 'unlimited',
            createdTime: 'yesterday',
            SCI: { id: '2', name: 'SCI 1' },
          },
        },
      },
    });
    await page.goto('/scans/900106');
    await expect(page.getByRole('heading', { name: 'Variant scan' })).toBeVisible();
    await expect(field(page, 'Zone')).toHaveText('All Zones');
    await expect(field(page, 'Policy')).toHaveText('Basic Network Scan');
    await expect(field(page, 'Owner')).toHaveText('Quinn Avery (qa)');
    await expect(field(page, 'Status').getByTestId('unknown-value')).toHaveText('Unknown (code 7)');
    await expect(page.getByTestId('unreadable-notice')).toContainText('scan 900106: createdTime');
    await expect(field(page, 'Created')).toHaveText('—');
  });

  test("an organization from the document's example answer, with score weights", async ({ page }) => {
    await serveFixture('director-organization-detail.json', { pathPrefix: '/rest/mgmt/organization/900008', times: 5 });
    await page.goto('/organizations/900008');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Org');
    await expect(page.getByText('Vulnerability score weights')).toBeVisible();
    await expect(field(page, 'Critical weight')).toHaveText('40');
    await expect(field(page, 'Low weight')).toHaveText('1');
    await expect(page.getByText('IPv6 Rep').first()).toBeVisible();
  });

  test("a user from the document's example answer", async ({ page }) => {
    await serveFixture('director-user-detail.json', { pathPrefix: '/rest/mgmt/user/900002', times: 5 });
    await page.goto('/users/900002');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('qa');
    await expect(field(page, 'First name')).toHaveText('QA');
  });
});

test.describe('HSS', () => {
  // An outage another spec injected must not answer for HSS here.
  test.beforeEach(async ({ page }) => clearUpstreamFaults(page));

  test('the task list shows a status HSS did not document as sent', async ({ page }) => {
    const res = await page.request.get('/api/hss/scan-tasks?pageSize=100');
    const odd = ((await res.json()) as ListScanTasksResponse).items.find((t) => t.status === 'stopped');
    expect(odd, 'the demo HSS has one stopped task').toBeTruthy();
    await page.goto(`/scan-tasks?taskId=${odd!.id}`);
    const table = page.getByRole('table', { name: 'Scan tasks' });
    await expect(table.locator('tbody tr')).toHaveCount(1);
    await expect(table.getByTestId('unknown-value').filter({ hasText: /^stopped$/ })).toBeVisible();
  });

  test('a task without an estimate says so; an estimate is a duration with the end it implies, never a 1970 date', async ({ page }) => {
    for (const id of ['task-no-estimate', 'task-epoch-seconds']) {
      await serveFixture('hss-scan-tasks-variants.json', { pathPrefix: '/v5/', queryIncludes: `task_id=${id}`, times: 100 });
    }
    await page.goto('/scan-tasks/task-no-estimate');
    await expect(field(page, 'Time left')).toHaveText('HSS gave no estimate');
    await expect(field(page, 'Expected end')).toHaveText('—');

    // An epoch-seconds value is read as the end it names: 60 minutes after the start, long past.
    await page.goto('/scan-tasks/task-epoch-seconds');
    await expect(field(page, 'Expected duration')).toHaveText('1 h');
    await expect(field(page, 'Expected end')).toHaveText(/^17 Mar 2023, /);
    await expect(field(page, 'Time left')).toHaveText(/^past HSS's estimate by/);

    // A live task from the simulator, whose estimate is in minutes; long enough to still run when the page reads it.
    const taskId = await startHssTask({ durationMs: 10 * 60_000 });
    await page.goto(`/scan-tasks/${taskId}`);
    await expect(field(page, 'Expected duration')).toHaveText(/^\d+ min$/);
    await expect(field(page, 'Expected end')).not.toHaveText(/1970|—/);
    await expect(field(page, 'Time left')).toHaveText(/^about /);
  });

  test("the document's example task, with hosts answering vul_scan_details, deprecated failed_reasons and unknown values", async ({ page }) => {
    const id = '2b31ed520xxxxxxebedb6e57xxxxxxxx';
    await serveFixture('hss-scan-tasks-list.json', { pathPrefix: '/v5/', queryIncludes: `task_id=${id}`, times: 100 });
    await serveFixture('hss-task-hosts-variants.json', { pathPrefix: '/v5/', pathIncludes: `/scan-task/${id}/hosts`, times: 100 });
    await page.goto(`/scan-tasks/${id}`);
    await expect(page.getByTestId('counter-hosts')).toHaveText('3');
    await expect(field(page, 'Time left')).toHaveText('HSS gave no estimate');
    const hosts = page.getByRole('table', { name: 'Hosts of the task' });
    const detailsOnly = hosts.locator('tbody tr', { hasText: 'ecs-web-prod-01' });
    await expect(detailsOnly.getByTestId('vul-scans')).toContainText('Linux');
    await expect(detailsOnly.getByTestId('vul-scans')).toContainText('The agent is offline.');
    await expect(detailsOnly.getByTestId('vul-scans')).toContainText('Web-CMS');
    await expect(detailsOnly.getByTestId('vul-scans')).toContainText('Succeeded');
    await expect(hosts.locator('tbody tr', { hasText: 'ecs-db-prod-02' })).toContainText('The scan timed out.');
    const unknown = hosts.locator('tbody tr', { hasText: 'ecs-k8s-node-03' });
    await expect(unknown.getByTestId('unknown-value').filter({ hasText: 'queued' })).toBeVisible();
    await expect(unknown.getByTestId('unknown-value').filter({ hasText: 'critical' })).toBeVisible();
    await expect(page.getByTestId('unreadable-notice')).toContainText('host without host_id skipped');
  });

  test('an admin picks hosts from the HSS host list to scan, then rescans a chosen host of a finished task', async ({ page }) => {
    await page.goto('/scan-tasks');
    // A click before the page has hydrated opens nothing; the shell's shortcuts mark hydration.
    await waitForShortcuts(page);
    // Once the list is in, its toolbar (and the button in it) has its final place.
    await expect(page.getByTestId('freshness')).toBeVisible();
    await page.getByRole('button', { name: 'Start manual scan' }).click();
    const dialog = page.getByRole('dialog', { name: 'Start a manual vulnerability scan?' });
    await dialog.getByLabel('Chosen hosts').check();
    const picker = dialog.getByTestId('host-picker');
    const hostTable = picker.getByRole('table', { name: 'HSS hosts' });
    await expect(hostTable.locator('tbody tr').first()).toContainText('Online');

    // Nothing chosen yet: the form says so and sends nothing.
    await dialog.getByRole('button', { name: 'Start scan' }).click();
    await expect(dialog.locator('#agent-ids-error')).toHaveText('choose at least one host');
    await expect(dialog.getByTestId('form-error-summary')).toContainText('Hosts: choose at least one host');

    // Search by name, then by address; hosts without an agent cannot be chosen.
    const firstName = (await hostTable.locator('tbody tr').first().locator('td').nth(1).locator('span').first().innerText()).trim();
    await picker.getByRole('searchbox', { name: 'Search hosts' }).fill(firstName);
    await expect(hostTable.locator('tbody tr')).not.toHaveCount(0);
    await expect
      .poll(async () => (await hostTable.locator('tbody tr td:nth-child(2) span:first-child').allInnerTexts()).every((n) => n.includes(firstName)))
      .toBe(true);
    await hostTable.getByRole('checkbox').first().check();
    await expect(picker.getByTestId('chosen-count')).toHaveText('1 of at most 200 chosen');

    await picker.getByRole('searchbox', { name: 'Search hosts' }).fill('');
    await picker.getByRole('combobox', { name: 'Agent status' }).selectOption('not_installed');
    await expect(hostTable.locator('tbody tr').first()).toContainText('No agent');
    await expect(hostTable.getByRole('checkbox').first()).toBeDisabled();

    await dialog.getByRole('button', { name: 'Start scan' }).click();
    await expect(dialog).toBeHidden();
    await page.getByRole('link', { name: 'Watch it' }).click();
    // The task's page renders on the server from two HSS calls; a loaded machine takes a while.
    await expect(page).toHaveURL(/\/scan-tasks\/[0-9a-f-]+$/, { timeout: 30_000 });
    await expect(page.getByTestId('counter-hosts')).toHaveText('1');
    // Loaded rows, not the skeleton shown while they load: ten skeleton rows made this locator ambiguous, which fails at once.
    await expect(page.getByRole('table', { name: 'Hosts of the task' }).locator('tbody tr:not([data-testid="skeleton-row"])').first()).toContainText(firstName);

    // A finished task: choose one host and rescan it alone (range_type specific_host).
    const res = await page.request.get('/api/hss/scan-tasks?pageSize=50');
    const finished = ((await res.json()) as ListScanTasksResponse).items.find((t) => t.status === 'finished' && (t.successHosts ?? 0) > 2)!;
    await page.goto(`/scan-tasks/${finished.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Finished');
    const hosts = page.getByRole('table', { name: 'Hosts of the task' });
    await hosts.getByRole('checkbox').first().check();
    await page.getByRole('button', { name: 'Rescan chosen hosts (1)' }).click();
    const confirm = page.getByRole('dialog', { name: 'Rescan 1 chosen host?' });
    await confirm.getByRole('button', { name: 'Rescan' }).click();
    await expect(confirm).toBeHidden();
    await expect(toastOf(page, 'Rescan of 1 host started')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Running');
    await expect(page.getByTestId('counter-scanning')).toHaveText('1');
  });
});
