import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { e2eDataDir } from '../playwright.config';
import { overviewUrl } from './helpers';

// Sign-in through the organization's provider (issue 15): the e2e stack starts a real
// oidc-provider (scripts/lib/oidc-provider.mjs) and ScanDeck maps its groups to roles.
type ProviderUser = { username: string; password: string; groups?: string[] };
const { issuer, users } = JSON.parse(readFileSync(`${e2eDataDir}/sso.json`, 'utf8')) as { issuer: string; users: ProviderUser[] };
const user = (name: string) => users.find((u) => u.username === name)!;

/** Presses the SSO button and signs in on the provider's own page. */
async function signInAtProvider(page: Page, who: ProviderUser, path = '/login') {
  await page.goto(path);
  await page.getByRole('button', { name: 'Sign in with Example IdP' }).click();
  await expect(page).toHaveURL(new RegExp(`^${issuer}/interaction/`));
  await expect(page.getByRole('heading', { name: 'Example Identity Provider' })).toBeVisible();
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('the sign-in page offers the provider above the local form, and its CSP lets the form reach the provider', async ({ page }) => {
  const res = await page.goto('/login');
  const csp = res!.headers()['content-security-policy']!;
  expect(csp).toContain(`form-action 'self' ${issuer}`);
  const sso = page.getByRole('button', { name: 'Sign in with Example IdP' });
  const local = page.getByRole('button', { name: 'Sign in', exact: true });
  await expect(sso).toBeVisible();
  await expect(local).toBeVisible();
  expect((await sso.boundingBox())!.y).toBeLessThan((await local.boundingBox())!.y);
  await expect(page.getByRole('separator', { name: 'or with a ScanDeck account' })).toBeVisible();
  await page.screenshot({ path: `test-results/sso-sign-in-page.png` });
});

test('an admin-group user signs in through the provider and is an admin, back where they were going', async ({ page }) => {
  await signInAtProvider(page, user('alice'), '/login?callbackUrl=%2Faudit');
  await expect(page).toHaveURL(/\/audit/);
  await expect(page.getByTestId('current-role')).toHaveText('Admin');
  await expect(page.getByText('alice', { exact: true }).first()).toBeVisible();
  // The trail names the user, the issuer and the subject.
  const trail = await page.request.get('/api/audit?action=sign-in&user=alice');
  expect(trail.status()).toBe(200);
  const { items } = (await trail.json()) as { items: Array<{ username: string; role: string; outcome: string; target: Record<string, string> }> };
  expect(items[0]).toMatchObject({ username: 'alice', role: 'admin', outcome: 'success', target: { via: 'sso', issuer, subject: 'u-alice' } });
});

test('a viewer-group user is a viewer: reads, and is refused an admin action', async ({ page }) => {
  await signInAtProvider(page, user('victor'));
  await expect(page).toHaveURL(overviewUrl);
  await expect(page.getByTestId('current-role')).toHaveText('Viewer');
  const write = await page.request.delete('/api/director/scans/1', { headers: { 'X-CSRF': '1', Origin: new URL(page.url()).origin } });
  expect(write.status()).toBe(403);
});

test('a user in no ScanDeck group is refused with a page that says why, and nobody is signed in', async ({ page }) => {
  await signInAtProvider(page, user('nora'));
  await expect(page).toHaveURL(/\/login\?error=SsoNoRole/);
  const refusal = page.getByRole('alert', { name: 'Sign-in refused' });
  await expect(refusal).toContainText('You are not signed in');
  await expect(refusal).toContainText('none of the groups that give access to ScanDeck');
  await page.screenshot({ path: `test-results/sso-refused.png` });
  expect((await page.request.get('/api/auth/session')).ok()).toBe(true);
  expect(await (await page.request.get('/api/auth/session')).json()).toEqual({});
  await page.goto('/scans');
  await expect(page).toHaveURL(/\/login/);
});

test('a user the provider sends no groups for is refused with its own explanation', async ({ page }) => {
  await signInAtProvider(page, user('gus'));
  await expect(page).toHaveURL(/\/login\?error=SsoNoGroups/);
  await expect(page.getByRole('alert', { name: 'Sign-in refused' })).toContainText('did not say which groups you are in');
});

test("the OIDC client secret and the provider users' passwords reach no page, answer or log along the whole flow", async ({ page }) => {
  const { secrets, passwords, logFile } = JSON.parse(readFileSync(`${e2eDataDir}/secrets.json`, 'utf8')) as {
    secrets: string[];
    passwords: string[];
    logFile: string;
  };
  const clientSecret = JSON.parse(readFileSync(`${e2eDataDir}/sso.json`, 'utf8')).clientSecret as string;
  expect(secrets).toContain(clientSecret);
  const bodies: Array<{ url: string; text: string }> = [];
  page.on('response', async (res) => {
    try {
      bodies.push({ url: res.url(), text: await res.text() });
    } catch {
      // redirects have no body
    }
  });
  await signInAtProvider(page, user('alice'));
  await expect(page).toHaveURL(overviewUrl);
  await page.waitForLoadState('networkidle');
  expect(bodies.some((b) => b.url.includes('/login'))).toBe(true);
  for (const { url, text } of bodies) {
    for (const value of [clientSecret, ...passwords]) expect(text.includes(value), `a credential appears in ${url}`).toBe(false);
  }
  const log = readFileSync(logFile, 'utf8');
  for (const value of [clientSecret, ...passwords]) expect(log.includes(value), 'a credential appears in the server log').toBe(false);
});

test('a wrong password at the provider lets nobody in', async ({ page }) => {
  await signInAtProvider(page, { username: 'alice', password: 'not-alices-password' });
  await expect(page.getByRole('alert')).toHaveText('Wrong username or password');
  await page.goto('/scans');
  await expect(page).toHaveURL(/\/login/);
});
