import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, expect, type Locator, type Page } from '@playwright/test';
import type { SecurityManagerFormContext } from '@/lib/schemas/security-manager';
import { e2eDataDir, simulatorURL } from '../playwright.config';

export const storageStateOf = (role: 'admin' | 'viewer') => `${e2eDataDir}/auth/${role}.json`;

/** The Overview at `/`, where sign-in lands when no page was asked for. */
export const overviewUrl = /^https?:\/\/[^/]+\/$/;

export async function signIn(page: Page, user: { username: string; password: string }, path = '/login') {
  await page.goto(path);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Makes the simulator refuse the next matching request the way the vendor would. */
export async function failNextUpstream(rule: {
  method?: string;
  pathPrefix: string;
  response: { status: number; headers?: Record<string, string>; body?: unknown };
  times?: number;
  queryIncludes?: string;
  pathIncludes?: string;
}) {
  const res = await fetch(`${simulatorURL}/__sim/fail-next`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rule),
  });
  expect(res.status).toBe(204);
}

/**
 * Forgets every fault rule not yet used up, so one test's injected outage cannot reach the next,
 * then waits until HSS answers through ScanDeck again (its circuit may still be open).
 */
export async function clearUpstreamFaults(page: Page): Promise<void> {
  const res = await fetch(`${simulatorURL}/__sim/fail-next`, { method: 'DELETE' });
  expect(res.status).toBe(204);
  await expect.poll(async () => (await page.request.get('/api/hss/scan-tasks?pageSize=10')).status(), { timeout: 45_000 }).toBe(200);
}

/**
 * Starts an HSS manual scan in the simulator (as if from HSS's own console) whose hosts finish within
 * `durationMs`, so a test that needs a running task has its own, whenever it runs in the suite.
 */
export async function startHssTask(options: { durationMs: number; vulTypes?: string[] }): Promise<string> {
  const res = await fetch(`${simulatorURL}/__sim/hss/scan-tasks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(options),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** The simulator answers matching requests with a vendor fixture (lib/testing/fixtures/vendor) in place of its own data. */
export async function serveFixture(
  name: string,
  rule: { method?: string; pathPrefix: string; times?: number; queryIncludes?: string; pathIncludes?: string },
): Promise<void> {
  const body = JSON.parse(readFileSync(new URL(`../lib/testing/fixtures/vendor/${name}`, import.meta.url), 'utf8')) as unknown;
  await failNextUpstream({ ...rule, response: { status: 200, body } });
}

/** The simulator's recorded requests (method, path, query), oldest first; bounded to the last 2,000. */
export async function upstreamRequests(simulator = simulatorURL): Promise<Array<{ method: string; path: string; query: string }>> {
  const res = await fetch(`${simulator}/__sim/requests`);
  expect(res.status).toBe(200);
  return (await res.json()) as Array<{ method: string; path: string; query: string }>;
}

/** A name no seeded record has, so a test finds exactly what it made. */
export function uniqueName(prefix: string) {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * The texts of one column of a data table, found by its header. Paged lists keep the previous page
 * on screen while the next loads (aria-busy), so this waits for the table to settle first.
 */
export async function columnTexts(table: Locator, header: string): Promise<string[]> {
  const rows = table.locator('tbody tr');
  await expect(rows.first().getByRole('link').first()).toBeVisible();
  await expect(table).not.toHaveAttribute('aria-busy', 'true');
  const headers = await table.getByRole('columnheader').allInnerTexts();
  const index = headers.findIndex((h) => h.trim().toLowerCase().startsWith(header.toLowerCase()));
  expect(index, `column ${header} in ${headers.join('|')}`).toBeGreaterThanOrEqual(0);
  return rows.evaluateAll((trs, i) => trs.map((tr) => (tr.children[i] as HTMLElement | undefined)?.innerText.trim() ?? ''), index);
}

/** Every body the browser receives from now on (HTML, scripts, styles, API JSON), to prove a secret never comes back. */
export function recordBodies(page: Page) {
  const bodies: Array<{ url: string; text: string }> = [];
  page.on('response', async (res) => {
    try {
      bodies.push({ url: res.url(), text: await res.text() });
    } catch {
      // redirects and aborted requests have no body
    }
  });
  return bodies;
}

/**
 * axe-core over what the page shows now (every rule axe runs by default, open dialogs included):
 * fails on any serious or critical violation, naming the rule and the first elements it found.
 */
export async function expectNoSeriousAxeViolations(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => {
      const nodes = violation.nodes.slice(0, 3).map((node) => `${node.target.join(' ')} ${node.failureSummary?.split('\n').slice(1, 2).join('') ?? ''}`.trim());
      return `${violation.id} (${violation.impact}): ${violation.help} at ${nodes.join(' | ')}`;
    });
  expect(serious, `axe on ${where}`).toEqual([]);
}

/**
 * An organization whose security managers ScanDeck can reach (its SCI is connected) and whose id on
 * that SCI differs from Director's, or one whose SCI is not connected, found through the API.
 */
export async function findOrganization(request: APIRequestContext, connected: boolean): Promise<SecurityManagerFormContext['organization']> {
  for (let id = 1; id <= 40; id++) {
    const res = await request.get(`/api/director/organizations/${id}/security-managers/form-context`);
    if (!res.ok()) continue;
    const { organization, connection } = (await res.json()) as SecurityManagerFormContext;
    if (connected ? connection.status === 'connected' && organization.sciOrgId !== organization.id : connection.status === 'not_connected') {
      return organization;
    }
  }
  throw new Error(`no ${connected ? 'connected' : 'unconnected'} organization found`);
}

/** The console's key handler loads just after the page; the palette button says when it listens. */
export async function waitForShortcuts(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: 'Jump to…' })).toHaveAttribute('aria-keyshortcuts', 'Control+K Meta+K');
}

/**
 * A list drawn by the server with its first page is on screen before the browser has hydrated it:
 * its controls stay disabled until then, and a row link followed before then is a full page load
 * (the new page is a first load, with no focus moved). Resolves once the table's controls work.
 */
export async function waitForListHydrated(page: Page): Promise<void> {
  await expect(page.locator('main fieldset').first()).toBeEnabled();
}

/** A toast that says `text`, in sonner's "Notifications" live region. */
export function toastOf(page: Page, text: string | RegExp): Locator {
  return page
    .getByRole('region', { name: /^Notifications/ })
    .getByRole('listitem')
    .filter({ hasText: text });
}
