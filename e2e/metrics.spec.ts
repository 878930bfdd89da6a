import { expect, test, type APIRequestContext } from '@playwright/test';
import { storageStateOf } from './helpers';
import { stackSecrets } from './server-log';

test.use({ storageState: storageStateOf('admin') });

const scrape = (request: APIRequestContext, token = stackSecrets.metricsToken) =>
  request.get('/metrics', { headers: { authorization: `Bearer ${token}`, cookie: '' } });

/** The series ScanDeck defines (not Node's process metrics, whose GC kinds appear as the process runs). */
function ownSeries(text: string): string[] {
  return text.split('\n').filter((line) => line.startsWith('scandeck_') && !line.startsWith('scandeck_process_') && !line.startsWith('scandeck_nodejs_'));
}

test('/metrics answers only the bearer token, in Prometheus text', async ({ request }) => {
  expect((await request.get('/metrics', { headers: { cookie: '' } })).status()).toBe(401);
  const wrong = await scrape(request, `${stackSecrets.metricsToken}x`);
  expect(wrong.status()).toBe(401);
  expect(wrong.headers()['www-authenticate']).toMatch(/^Bearer/);
  // A signed-in session is no way in either: scrapers hold the token, people do not need it.
  expect((await request.get('/metrics')).status()).toBe(401);

  const res = await scrape(request);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  expect(res.headers()['cache-control']).toBe('no-store');
});

test('metrics cover requests, upstreams, circuits, caches, the HSS budget and audit writes, and their series do not grow with ids or queries', async ({
  page,
  request,
}) => {
  // One round of what users do, with ids and queries of its own.
  const round = async (n: number) => {
    for (const id of [n, n + 1, 900_000 + n]) {
      await page.request.get(`/api/director/scans/${id}`);
      await page.request.get(`/api/director/users/${id}`);
      await page.request.get(`/scans/${id}`);
    }
    await page.request.get(`/api/director/scans?pageSize=10&q=round${n}&page=${(n % 2) + 1}`);
    await page.request.get(`/api/director/users?pageSize=25&q=u${n}`);
    await page.request.get(`/api/hss/scan-tasks?pageSize=10&offset=${n}`);
    await page.request.get(`/api/hss/scan-tasks/task-${n}-unknown`);
    await page.request.get(`/no-such-page-${n}`);
    await page.request.get(`/api/no-such-route-${n}?x=${n}`);
    await page.request.get(`/api/health/ready?probe=${n}`);
  };
  // Two rounds first, so each kind of answer (hit, miss, refusal) has been met once.
  await round(1);
  await round(2);
  const before = ownSeries(await (await scrape(request)).text());
  for (const n of [37, 4242, 777_777]) await round(n);
  const text = await (await scrape(request)).text();
  const after = ownSeries(text);

  const names = (series: string[]) => series.map((line) => line.replace(/ [^ ]+$/, ''));
  expect(names(after).sort()).toEqual(names(before).sort());
  // Names and labels only: a sample's value (a byte count, a sum of seconds) may hold any digits.
  const withoutValues = text
    .split('\n')
    .map((line) => (line.startsWith('#') ? line : line.replace(/ [^ ]+$/, '')))
    .join('\n');
  for (const raw of ['4242', '777777', 'round37', 'u4242', 'task-37', 'no-such-page', 'no-such-route']) {
    expect(withoutValues.includes(raw), `${raw} appears in /metrics`).toBe(false);
  }

  for (const family of [
    'scandeck_http_requests_total{method="GET",route="/api/director/scans/[id]"',
    'scandeck_http_requests_total{method="GET",route="/scans/[id]"',
    'scandeck_http_request_duration_seconds_bucket{',
    'scandeck_upstream_requests_total{upstream="Director",vendor="director",result="2xx"}',
    'scandeck_upstream_request_duration_seconds_bucket{',
    'scandeck_upstream_circuit_state{upstream="Director",vendor="director",state="closed"} 1',
    'scandeck_upstream_circuit_state{upstream="HSS",vendor="hss",state="closed"} 1',
    'scandeck_cache_lookups_total{cache="director-lists",result="hit"}',
    'scandeck_cache_entries{cache="director-lists"}',
    'scandeck_cache_bytes{cache="director-lists"}',
    'scandeck_hss_budget_remaining{api="ListVulScanTask"}',
    // No REDIS_URL here: the budget is this process's own.
    'scandeck_hss_budget_mode{mode="local"} 1',
    'scandeck_audit_write_duration_seconds_bucket{',
  ]) {
    expect(text, family).toContain(family);
  }
});
