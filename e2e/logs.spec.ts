import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { e2eUsers } from './fixtures/users.mjs';
import { failNextUpstream } from './helpers';
import { appLogEntries, stackSecrets } from './server-log';

// The server's log as an operator reads it: one JSON line per request (id, user, route pattern,
// status, duration), upstream refusals with the vendor's code and request id, and never a secret.
test('structured request and upstream-error lines, without a password, key or token', async ({ playwright, baseURL }) => {
  const user = e2eUsers.logs;
  const context = await playwright.request.newContext({ baseURL });
  const { csrfToken } = (await (await context.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const signIn = await context.post('/api/auth/callback/credentials', {
    form: { username: user.username, password: user.password, csrfToken, json: 'true' },
    maxRedirects: 0,
  });
  expect(signIn.status()).toBe(200);

  const list = await context.get('/api/director/scans?pageSize=10&q=web');
  expect(list.status()).toBe(200);
  const page = await context.get('/scans/1');
  expect(page.status()).toBe(200);
  // Director refuses the next detail read: not retried (a refusal, not an outage), so it reaches the log.
  await failNextUpstream({
    method: 'GET',
    pathPrefix: '/rest/mgmt/scan/2',
    response: { status: 403, body: { type: 'regular', response: '', error_code: 146, error_msg: 'Refused for the log test', warnings: [], timestamp: 0 } },
  });
  const refused = await context.get('/api/director/scans/2');
  expect(refused.status()).toBeGreaterThanOrEqual(400);
  const refusedId = refused.headers()['x-request-id'];
  expect(refusedId).toMatch(/^[0-9a-f-]{36}$/);
  const listId = list.headers()['x-request-id'];
  await context.dispose();

  // Each line is written when its answer is done: wait for the last request's.
  await expect.poll(() => appLogEntries().some((e) => e.event === 'request' && e.reqId === refusedId)).toBe(true);
  const entries = appLogEntries();
  const requests = entries.filter((e) => e.event === 'request');

  const listLine = requests.find((e) => e.reqId === listId);
  expect(listLine).toMatchObject({ level: 'info', method: 'GET', route: '/api/director/scans', status: 200, user: user.username });
  expect(typeof listLine?.durationMs).toBe('number');
  expect(typeof listLine?.time).toBe('string');
  expect(requests.some((e) => e.route === '/scans/[id]' && e.status === 200 && e.user === user.username)).toBe(true);
  // Sign-in is logged without the name typed (it may be a password typed in the wrong box).
  const signInLine = requests.find((e) => e.route === '/api/auth/[...nextauth]' && e.method === 'POST');
  expect(signInLine).toMatchObject({ status: 200, user: null });
  // Routes are patterns: the id and the query a client chose are not in them.
  expect(requests.filter((e) => String(e.route).includes('?') || /\/[0-9]+(\/|$)/.test(String(e.route)))).toEqual([]);

  const refusedLine = requests.find((e) => e.reqId === refusedId);
  expect(refusedLine).toMatchObject({ route: '/api/director/scans/[id]', user: user.username });
  const upstreamError = entries.find((e) => e.event === 'upstream_error' && e.reqId === refusedId);
  expect(upstreamError).toMatchObject({ level: 'warn', vendor: 'director', vendorCode: '146', upstreamStatus: 403 });
  expect(String(upstreamError?.upstreamRequestId ?? '')).not.toBe('');

  // Whole file, as text: no credential of the stack, no user's password, no metrics token.
  const text = readFileSync(stackSecrets.logFile, 'utf8');
  for (const value of [...stackSecrets.secrets, ...stackSecrets.passwords, stackSecrets.metricsToken, user.password]) {
    expect(text.includes(value), 'a credential appears in the server log').toBe(false);
  }
  expect(text).not.toMatch(/next-auth\.session-token=|csrfToken=|x-apikey/i);
});
