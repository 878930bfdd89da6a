import { expect, test } from '@playwright/test';
import { e2eUsers } from './fixtures/users.mjs';
import { overviewUrl, signIn, storageStateOf } from './helpers';

const nonceOf = (csp: string | undefined) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp ?? '')?.[1];

test.describe('security headers', () => {
  test('pages: a per-request CSP nonce on every script, no inline-script allowance, no framing', async ({ request }) => {
    const first = await request.get('/login');
    const second = await request.get('/login');
    const csp = first.headers()['content-security-policy'];
    const nonce = nonceOf(csp);
    expect(nonce).toBeDefined();
    expect(nonceOf(second.headers()['content-security-policy'])).not.toBe(nonce);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'(;|$)/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, tag).toContain(`nonce="${nonce}"`);
    for (const res of [first, await request.get('/api/director/scans')]) {
      const h = res.headers();
      expect(h['x-content-type-options']).toBe('nosniff');
      expect(h['referrer-policy']).toBe('same-origin');
      expect(h['x-frame-options']).toBe('DENY');
      expect(h['x-powered-by']).toBeUndefined();
    }
  });

  test('API answers are no-store JSON under a deny-all CSP', async ({ request }) => {
    const res = await request.get('/api/director/scans');
    expect(res.status()).toBe(401);
    expect(res.headers()['cache-control']).toMatch(/^no-store\b/);
    expect(res.headers()['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers()['content-type']).toMatch(/^application\/json/);
  });

  test('the signed-in console runs under the CSP with no violation', async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf('admin') });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (msg) => {
      if (/Content Security Policy|Refused to (execute|load)/i.test(msg.text())) violations.push(msg.text());
    });
    await page.goto('/scans');
    await expect(page.getByRole('table', { name: 'Scans' }).locator('tbody tr').first()).toBeVisible();
    await page.goto('/scans/new');
    await expect(page.getByLabel('SCI')).toBeVisible();
    expect(violations).toEqual([]);
    await context.close();
  });
});

test.describe('internal Next.js headers and RSC variants', () => {
  const internal: Array<Record<string, string>> = [
    { 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy' },
    { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' },
    { 'x-middleware-subrequest': 'src/middleware:src/middleware:src/middleware:src/middleware:src/middleware' },
    { rsc: '1' },
    { rsc: '1', 'next-router-prefetch': '1', 'next-router-state-tree': '%5B%22%22%2C%7B%7D%5D' },
    { purpose: 'prefetch' },
    { 'x-nextjs-data': '1' },
    { 'x-middleware-prefetch': '1' },
    { 'next-action': 'abc' },
  ];

  test('pages still send a visitor without a session to sign-in', async ({ request }) => {
    for (const headers of internal) {
      for (const path of ['/scans', '/scans?_rsc=abc12', '/scans/1', '/organizations']) {
        const res = await request.get(path, { headers, maxRedirects: 0 });
        const where = `${path} ${JSON.stringify(headers)}`;
        expect(res.status(), where).toBe(307);
        expect(res.headers().location, where).toMatch(/\/login(\?|$)/);
      }
    }
  });

  test('.rsc paths and the API refuse too', async ({ request }) => {
    for (const path of ['/scans.rsc', '/scans/1.rsc', '/index.rsc']) {
      for (const headers of [{}, { rsc: '1' }] as Array<Record<string, string>>) {
        // proxy.ts skips paths with a dot, so these reach the page itself, whose session check
        // answers with the login redirect (an RSC redirect digest), or Next finds nothing (404).
        const res = await request.get(path, { headers });
        const where = `${path} ${JSON.stringify(headers)}`;
        const body = await res.text();
        const toLogin = res.url().includes('/login') || body.includes('NEXT_REDIRECT;replace;/login;307;');
        expect(toLogin || res.status() === 404, `${where} -> ${res.status()} ${res.url()}`).toBe(true);
        expect(body, where).not.toMatch(/Sign out|"items"|ipList|e2e-admin/);
      }
    }
    for (const headers of internal) {
      const res = await request.get('/api/director/scans', { headers });
      // Next answers a middleware prefetch with an empty `{}` itself, without running the handler.
      if (headers['x-middleware-prefetch']) expect(await res.text()).toBe('{}');
      else expect(res.status(), JSON.stringify(headers)).toBe(401);
    }
  });
});

test.describe('session cookie and sign-out', () => {
  test('the session cookie is HttpOnly and SameSite=Strict, and a copied cookie dies at sign-out', async ({ browser, playwright }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, e2eUsers.viewer);
    await expect(page).toHaveURL(overviewUrl);
    const session = (await context.cookies()).find((c) => c.name.endsWith('next-auth.session-token'));
    expect(session).toBeDefined();
    expect(session!.httpOnly).toBe(true);
    expect(session!.sameSite).toBe('Strict');
    expect(session!.path).toBe('/');

    // A copy of the cookie, as someone who lifted it would hold it.
    const copy = await playwright.request.newContext({ baseURL: page.url(), extraHTTPHeaders: { cookie: `${session!.name}=${session!.value}` } });
    expect((await copy.get('/api/director/scans')).status()).toBe(200);
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page).toHaveURL(/\/login/);
    expect((await copy.get('/api/director/scans')).status()).toBe(401);
    const pageAfter = await copy.get('/scans', { maxRedirects: 0 });
    expect(pageAfter.status()).toBe(307);
    await copy.dispose();
    await context.close();
  });
});

test.describe('sign-in throttling', () => {
  test('an unknown user and a wrong password answer alike; repeated failures slow, then 429 + Retry-After', async ({ page }) => {
    // A username nobody has, so no real account is locked for the specs after this one.
    const target = `throttle-${Date.now().toString(36)}`;
    const answers: Array<{ status: number; body: string; ms: number }> = [];
    page.on('response', async (res) => {
      if (res.url().includes('/api/auth/callback/credentials')) {
        answers.push({ status: res.status(), body: await res.text(), ms: res.request().timing().responseEnd });
      }
    });
    await signIn(page, { username: target, password: 'wrong-password-1' });
    await expect(page.getByTestId('login-error')).toHaveText('Wrong username or password');
    for (let i = 2; i <= 5; i++) {
      await page.getByLabel('Password').fill(`wrong-password-${i}`);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect.poll(() => answers.length).toBe(i);
      await expect(page.getByTestId('login-error')).toHaveText('Wrong username or password');
    }
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
    // The 4th and 5th attempts were held back (500 ms, 1 s) before the password was checked.
    expect(answers[4]!.ms).toBeGreaterThan(900);

    await page.getByLabel('Password').fill('wrong-password-6');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByTestId('login-error')).toHaveText('Too many attempts. Wait a few minutes and try again.');
    expect(page.url()).toContain('/login');

    const direct = await page.request.post('/api/auth/callback/credentials', {
      form: { username: target, password: 'x', csrfToken: 'irrelevant', json: 'true' },
    });
    expect(direct.status()).toBe(429);
    expect(Number(direct.headers()['retry-after'])).toBeGreaterThan(60);

    // The same refusal body for a wrong password of a real user as for an unknown one.
    const csrf = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
    const wrong = await page.request.post('/api/auth/callback/credentials', {
      form: { username: e2eUsers.viewer.username, password: 'not-the-password', csrfToken: csrf.csrfToken, json: 'true' },
    });
    const unknown = await page.request.post('/api/auth/callback/credentials', {
      form: { username: `nobody-${Date.now()}`, password: 'not-the-password', csrfToken: csrf.csrfToken, json: 'true' },
    });
    expect(wrong.status()).toBe(401);
    expect(unknown.status()).toBe(401);
    expect(await wrong.text()).toBe(await unknown.text());
  });
});

test.describe('the app icon', () => {
  test('favicon and icon are public files, and the sign-in page, a page and the 404 all link them', async ({ browser, request }) => {
    const favicon = await request.get('/favicon.ico', { maxRedirects: 0 });
    expect(favicon.status()).toBe(200);
    expect(favicon.headers()['content-type']).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
    const icon = await request.get('/icon.svg', { maxRedirects: 0 });
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toContain('image/svg+xml');
    expect(await icon.text()).toContain('<svg');
    // Kept a day: Chromium asks for the icon whenever the address changes, as each page flip does.
    for (const res of [favicon, icon]) expect(res.headers()['cache-control']).toBe('public, max-age=86400');

    const context = await browser.newContext({ storageState: storageStateOf('viewer') });
    const page = await context.newPage();
    for (const path of ['/scans', '/no-such-page']) {
      await page.goto(path);
      await expect(page.locator('link[rel="icon"][href^="/icon.svg"]')).toHaveCount(1);
      await expect(page.locator('link[rel="icon"][href^="/favicon.ico"]')).toHaveCount(1);
    }
    await context.close();
    const signIn = await request.get('/login');
    expect(await signIn.text()).toMatch(/<link rel="icon" href="\/icon\.svg(\?[^"]*)?" type="image\/svg\+xml"/);
  });
});
