import { expect, test, type APIRequestContext } from '@playwright/test';
import type { ListResponse } from '@/lib/schemas/common';
import type { ScanRow } from '@/lib/schemas/scan';
import type { ListScanTasksResponse } from '@/lib/schemas/scan-task';
import type { UserRow } from '@/lib/schemas/user';
import { failNextUpstream, storageStateOf } from './helpers';

test.use({ storageState: storageStateOf('viewer') });

/** The page's HTML as the server sends it, its scripts (the framework's data among them) left out: what a reader sees before any script runs. */
async function serverMarkup(request: APIRequestContext, path: string): Promise<string> {
  const res = await request.get(path);
  expect(res.status(), path).toBe(200);
  return (await res.text()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
}

const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

test('the first page of users, scans and scan tasks comes in the server HTML, as the API lists it', async ({ request }) => {
  const users = (await (await request.get('/api/director/users?page=1&pageSize=25')).json()) as ListResponse<UserRow>;
  const scans = (await (await request.get('/api/director/scans?page=1&pageSize=25')).json()) as ListResponse<ScanRow>;
  const tasks = (await (await request.get('/api/hss/scan-tasks?page=1&pageSize=25')).json()) as ListScanTasksResponse;
  for (const [path, first, last] of [
    ['/users', users.items[0]?.username, users.items.at(-1)?.username],
    ['/scans', scans.items[0]?.name, scans.items.at(-1)?.name],
    // The task column shows a task id's first 8 characters.
    ['/scan-tasks', tasks.items[0]?.id.slice(0, 8), tasks.items.at(-1)?.id.slice(0, 8)],
  ] as const) {
    expect(first, path).toBeTruthy();
    const html = await serverMarkup(request, path);
    expect(html, path).toMatch(/<table[^>]*aria-label="[^"]+"/);
    expect(html, `${path}: first row`).toContain(escaped(first ?? ''));
    expect(html, `${path}: last row`).toContain(escaped(last ?? ''));
    // Rows, not the skeleton the page showed while the browser asked for them.
    expect(html, path).not.toContain('data-testid="skeleton-row"');
  }
});

test('the browser takes over the server’s rows as they are: no hydration mismatch on any list', async ({ page }) => {
  const problems: string[] = [];
  // In the production build React reports a mismatch as a recoverable error (#418, #423, #425), as a page error.
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /hydrat|#41[89]|#42[35]/i.test(message.text())) problems.push(message.text());
  });
  for (const path of ['/users', '/scans', '/scan-tasks', '/organizations']) {
    await page.goto(path);
    // Hydrated: the toolbar the server drew disabled is live.
    await expect(page.getByRole('searchbox').first(), path).toBeEnabled();
  }
  expect(problems).toEqual([]);
});

test('a list opened by its navigation link shows its rows without asking the API for them again', async ({ page }) => {
  const asked: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.pathname === '/api/director/users' && url.searchParams.get('page') === '1') asked.push(url.search);
  });
  await page.goto('/scans');
  await expect(page.getByRole('table', { name: 'Scans' }).locator('tbody tr').first()).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('table', { name: 'Users' }).locator('tbody tr')).toHaveCount(25);
  // Hydrated: the controls the server drew disabled are live.
  await expect(page.getByRole('button', { name: 'Next page' })).toBeEnabled();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Next page' })).toBeEnabled();
  expect(asked).toEqual([]);
});

test('a page load prefetches none of the console’s sections, and a click on one is one request to the server', async ({ page }) => {
  // Every section is dynamic: a prefetch is a server render that cannot bring the rows, and ten of
  // them with each page load held back a click made right then.
  const rsc: string[] = [];
  page.on('request', (req) => {
    if (req.headers().rsc === '1') rsc.push(`${new URL(req.url()).pathname}${req.headers()['next-router-prefetch'] ? ' (prefetch)' : ''}`);
  });
  await page.goto('/organizations');
  await expect(page.locator('main fieldset:not([disabled])').first()).toBeVisible();
  // Next prefetches links in view once the page is idle: give it the time to.
  await page.waitForTimeout(1_500);
  expect(rsc).toEqual([]);
  const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' });
  await nav.hover();
  await page.waitForTimeout(300);
  expect(rsc).toEqual([]);
  await nav.click();
  await expect(page.getByRole('table', { name: 'Users' }).locator('tbody tr')).toHaveCount(25);
  expect(rsc).toEqual(['/users']);
});

test('a Director failure on the first page is the table’s error state, with the vendor’s code, message and request id', async ({ page, request }) => {
  // A filter no earlier test asked for, so the list is not cached and Director is asked.
  const orgId = 900_000 + Math.floor(Math.random() * 90_000);
  await failNextUpstream({
    method: 'GET',
    pathPrefix: '/rest/mgmt/user',
    queryIncludes: `orgID=${orgId}`,
    response: { status: 403, body: { type: 'regular', response: '', error_code: 146, error_msg: 'Director is busy', warnings: [], timestamp: 1 } },
  });
  const html = await serverMarkup(request, `/users?orgId=${orgId}`);
  expect(html).toContain('data-testid="error-panel"');
  expect(html).toContain('Could not load the list');
  expect(html).toContain('Director is busy');

  await failNextUpstream({
    method: 'GET',
    pathPrefix: '/rest/mgmt/user',
    queryIncludes: `orgID=${orgId}`,
    response: { status: 403, body: { type: 'regular', response: '', error_code: 146, error_msg: 'Director is busy', warnings: [], timestamp: 1 } },
  });
  await page.goto(`/users?orgId=${orgId}`);
  const panel = page.getByTestId('error-panel');
  await expect(panel).toContainText('Could not load the list');
  await expect(panel.getByTestId('error-vendor-code')).toHaveText('146');
  await expect(panel.getByTestId('error-vendor-message')).toHaveText('Director is busy');
  await expect(panel.getByTestId('error-request-id')).toHaveText(/^[0-9a-f-]{36}$/);
  // Retry asks again (Director answers this time: nobody is in that organization).
  await panel.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByText('No users match')).toBeVisible();
});
