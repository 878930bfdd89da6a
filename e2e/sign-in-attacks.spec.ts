import { expect, test, type APIRequestContext } from '@playwright/test';
import { e2eUsers } from './fixtures/users.mjs';
import { overviewUrl, signIn, storageStateOf } from './helpers';

// The attacks of issue 10, against the production build: each must fail here.
const callback = '/api/auth/callback/credentials';
const { target, roamer } = e2eUsers;

async function csrfToken(request: APIRequestContext): Promise<string> {
  return ((await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string }).csrfToken;
}

const opensSession = (headers: Record<string, string>) => /session-token=[^;]/.test(headers['set-cookie'] ?? '');

test.describe('sign-in under attack', () => {
  test('posts without a valid CSRF token are no password checks: they never lock the owner out', async ({ playwright, baseURL }) => {
    const attacker = await playwright.request.newContext({ baseURL });
    for (let i = 0; i < 8; i++) {
      const res = await attacker.post(callback, {
        form: { username: target.username, password: `guess-${i}`, csrfToken: 'forged', json: 'true' },
        maxRedirects: 0,
      });
      expect(res.status(), `attempt ${i + 1}`).not.toBe(429);
      expect(opensSession(res.headers())).toBe(false);
    }
    const owner = await playwright.request.newContext({ baseURL });
    const res = await owner.post(callback, {
      form: { username: target.username, password: target.password, csrfToken: await csrfToken(owner), json: 'true' },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(200);
    expect(opensSession(res.headers())).toBe(true);
    await attacker.dispose();
    await owner.dispose();
  });

  test('a locked account stays locked: rotating X-Forwarded-For, a repeated username field and a JSON body all fail', async ({
    playwright,
    baseURL,
    browser,
  }) => {
    const attacker = await playwright.request.newContext({ baseURL });
    const token = await csrfToken(attacker);
    for (let i = 1; i <= 5; i++) {
      const res = await attacker.post(callback, {
        form: { username: target.username, password: `wrong-${i}`, csrfToken: token, json: 'true' },
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
      });
      expect(res.status(), `wrong password ${i}`).toBe(401);
    }
    // 1. A fresh X-Forwarded-For is no new address: ScanDeck counts the socket's.
    const rotated = await attacker.post(callback, {
      form: { username: target.username, password: target.password, csrfToken: token, json: 'true' },
      headers: { 'x-forwarded-for': '198.51.100.200' },
    });
    expect(rotated.status()).toBe(429);
    expect(Number(rotated.headers()['retry-after'])).toBeGreaterThan(0);
    expect(opensSession(rotated.headers())).toBe(false);

    // 2. The throttle once read the first username field while next-auth signed in the last one.
    const repeated = await attacker.post(callback, {
      data: `username=decoy&username=${target.username}&password=${encodeURIComponent(target.password)}&csrfToken=${encodeURIComponent(token)}&json=true`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(repeated.status()).toBe(400);
    expect(opensSession(repeated.headers())).toBe(false);

    // 3. next-auth also takes JSON, where the throttle saw no username at all.
    const json = await attacker.post(callback, {
      data: { username: target.username, password: target.password, csrfToken: token, json: 'true' },
    });
    expect(json.status()).toBe(415);
    expect(opensSession(json.headers())).toBe(false);

    // The trail holds the socket's address, never the one the client wrote.
    const admin = await browser.newContext({ storageState: storageStateOf('admin') });
    const trail = await admin.request.get('/api/audit?action=sign-in&pageSize=25');
    const items = ((await trail.json()) as { items: Array<{ address: string | null; username: string | null; outcome: string }> }).items;
    const failures = items.filter((e) => e.username === target.username && e.outcome === 'failed');
    expect(failures.length).toBeGreaterThanOrEqual(5);
    for (const event of items) expect(event.address ?? '').not.toMatch(/^(203\.0\.113|198\.51\.100)\./);
    expect(failures[0]!.address).toMatch(/^(127\.0\.0\.1|::1)$/);
    await admin.close();
    await attacker.dispose();
  });

  test('a 20 MB sign-in body is refused with 413 before it is read', async ({ request }) => {
    const res = await request.post(callback, {
      data: Buffer.alloc(20 * 1024 * 1024, 0x61),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status()).toBe(413);
  });
});

test.describe('sign out everywhere', () => {
  test("from the user menu: every browser's session of that user ends", async ({ browser }) => {
    const laptop = await browser.newContext();
    const phone = await browser.newContext();
    const onLaptop = await laptop.newPage();
    const onPhone = await phone.newPage();
    await signIn(onLaptop, roamer);
    await expect(onLaptop).toHaveURL(overviewUrl);
    await signIn(onPhone, roamer);
    await expect(onPhone).toHaveURL(overviewUrl);

    await onLaptop.getByRole('button', { name: 'Sign out everywhere' }).click();
    const dialog = onLaptop.getByRole('dialog', { name: 'Sign out everywhere?' });
    await dialog.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect(onLaptop).toHaveURL(/\/login/);
    await onPhone.goto('/scans');
    await expect(onPhone).toHaveURL(/\/login/);
    expect((await phone.request.get('/api/director/scans')).status()).toBe(401);
    await laptop.close();
    await phone.close();
  });

  test('from the audit page, an admin ends the sessions of another user; the page shows the chain verified', async ({ browser }) => {
    const away = await browser.newContext();
    const roamerPage = await away.newPage();
    await signIn(roamerPage, roamer);
    await expect(roamerPage).toHaveURL(overviewUrl);

    const admin = await browser.newContext({ storageState: storageStateOf('admin') });
    const page = await admin.newPage();
    await page.goto('/audit');
    await expect(page.getByTestId('audit-chain')).toContainText(/Chain verified up to entry #\d+/);
    await page.getByRole('button', { name: 'Sign out a user everywhere…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign out a user everywhere' });
    await dialog.getByLabel('Username').fill(roamer.username);
    await dialog.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Every session' })).toHaveText(`Every session of ${roamer.username} has ended.`);

    await roamerPage.goto('/scans');
    await expect(roamerPage).toHaveURL(/\/login/);
    // On the trail, under the admin's name.
    await page.reload();
    const newest = page
      .getByRole('table', { name: 'Audit trail' })
      .locator('tbody tr')
      .filter({ hasText: `Signed out '${roamer.username}' everywhere` })
      .first();
    await expect(newest).toContainText(`username=${roamer.username}`);
    await expect(newest).toContainText(e2eUsers.admin.username);
    await admin.close();
    await away.close();
  });
});

test.describe('pages whose path holds a dot', () => {
  test('still pass through the proxy: CSP with a nonce, and sign-in for a visitor', async ({ request, browser }) => {
    const visitor = await request.get('/users/a.b', { maxRedirects: 0 });
    expect(visitor.status()).toBe(307);
    expect(visitor.headers().location).toContain('/login');
    expect(visitor.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-/);
    const admin = await browser.newContext({ storageState: storageStateOf('admin') });
    const page = await admin.request.get('/users/a.b', { maxRedirects: 0 });
    expect(page.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-/);
    await admin.close();
  });
});
