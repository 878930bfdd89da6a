import { expect, test } from '@playwright/test';
import { e2eUsers } from './fixtures/users.mjs';
import { overviewUrl, signIn } from './helpers';

test.describe('signed out', () => {
  test('a visitor is sent to /login and, once signed in, back to the page asked for', async ({ page }) => {
    await page.goto('/scans?sort=name&order=desc');
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
    expect(decodeURIComponent(new URL(page.url()).searchParams.get('callbackUrl') ?? '')).toBe('/scans?sort=name&order=desc');

    await page.getByLabel('Username').fill(e2eUsers.admin.username);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByTestId('login-error')).toHaveText('Wrong username or password');
    await expect(page.getByLabel('Username')).toHaveValue(e2eUsers.admin.username);

    await page.getByLabel('Password').fill(e2eUsers.admin.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/scans\?sort=name&order=desc$/);
    await expect(page.getByRole('table', { name: 'Scans' })).toBeVisible();
  });

  test('an unknown user is refused exactly like a wrong password', async ({ page }) => {
    await signIn(page, { username: 'nobody-here', password: 'whatever-password' });
    await expect(page.getByTestId('login-error')).toHaveText('Wrong username or password');
    await expect(page).toHaveURL(/\/login/);
  });

  test('an absolute callbackUrl is never followed off-site', async ({ page }) => {
    await signIn(page, e2eUsers.viewer, '/login?callbackUrl=https%3A%2F%2Fevil.example%2Fsteal');
    await expect(page).toHaveURL(overviewUrl);
  });

  test('the API answers 401 JSON without a session', async ({ request }) => {
    const res = await request.get('/api/director/scans');
    expect(res.status()).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  test('signing out ends the session', async ({ page }) => {
    await signIn(page, e2eUsers.viewer);
    await expect(page).toHaveURL(overviewUrl);
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto('/scans');
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
    expect((await page.request.get('/api/director/scans')).status()).toBe(401);
  });
});
