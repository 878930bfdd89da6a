// `npm run bench`: the list path measured from outside, as a browser meets it. It starts the
// simulator at bench size (100,000 users, 20,000 scans) and the production build (`next start`,
// built first if .next is missing), signs in through the real login page in Chromium, and prints
// every figure of issue 11's table: warm pages (unsorted, sorted, searched), 16 concurrent callers
// against the same server's 401 rate, the cold first page against a bare Director fetch + JSON.parse,
// a page flip once the cached list is stale, RSS, first-load JS per route, and page flips and
// navigations in Chromium. It asserts nothing: the figures are for people (the machine is shared and
// timings move with its load, which is printed too).
//
// Ports: BENCH_APP_PORT (3311) and BENCH_SIM_PORT (4311). BENCH_SIM_NICE (idle, or a nice value; 0: none): the
// simulator's CPU priority, see below.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, setPriority } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Page } from '@playwright/test';
import { Agent, request } from 'undici';
// @ts-expect-error: a plain .mjs module shared with the demo and the e2e stack
import { addUsers, build, root, startStack, stopAll } from './lib/stack.mjs';
// @ts-expect-error: a plain .mjs module, also run on its own as `npm run bundle-report`
import { bundleReport } from './bundle-report.mjs';
import { userListFields } from '../lib/server/director/users';
import { defaultUserColumns } from '../lib/schemas/user';

const appPort = Number(process.env.BENCH_APP_PORT ?? 3311);
const simPort = Number(process.env.BENCH_SIM_PORT ?? 4311);
const staleAfterMs = 15_000;
const dataDir = join(root, `.data/bench-${appPort}`);
const usersFile = join(dataDir, 'users.json');
const benchUser = { username: 'bench-admin', role: 'admin', password: 'bench-admin-password-42' };

const ms = (n: number) => `${n.toFixed(1)} ms`;
const sleep = (t: number) => new Promise((resolve) => setTimeout(resolve, t));
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
const median = (values: number[]) => percentile(values, 50);
/** Prints one figure as a row of a Markdown table, once, with issue 11's goal beside it. */
function report(figure: string, value: string, goal = '') {
  console.log(`| ${figure} | ${value} | ${goal} |`);
}
const machineLoad = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

if (!existsSync(join(root, '.next', 'BUILD_ID'))) build();
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
addUsers(usersFile, [benchUser]);
const loadBefore = machineLoad();
// A whole-list fetch at bench size can outlast the 15 s default deadline on a loaded machine; the
// bench measures the list path, not deadlines.
const extraEnv = { DIRECTOR_TIMEOUT_MS: '60000' };
const stack = await startStack({ appPort, simPort, dataDir, usersFile, size: 'bench', seed: 1, quiet: true, extraEnv, logFile: join(dataDir, 'servers.log') });
const [directorAccessKey, directorSecretKey] = stack.secrets as string[];
// The simulator stands for Director and HSS, which run on their own machines. Here it shares two
// cores with the server and Chromium, and serializing a 47 MB list of 100,000 users every 15 s
// (0.6–1 s of a core) took them from whichever page was being drawn. At a lower priority it still
// answers every call, as fast when the cores are free; the server's own work on each answer
// (receiving, comparing, reading it) keeps its priority and is measured as before. By default it
// runs only on a core nobody else wants (Linux's SCHED_IDLE): at nice 10 it still took a third of
// a core from the first navigations after a scan list went stale, generating the list's refresh.
const simPriority = process.env.BENCH_SIM_NICE ?? 'idle';
for (const pid of treeOf(stack.sim.pid as number)) {
  if (simPriority === 'idle') execFileSync('chrt', ['--idle', '--all-tasks', '--pid', '0', String(pid)]);
  else if (Number(simPriority) !== 0) setPriority(pid, Number(simPriority));
}
const app = stack.appUrl as string;

const loadAgent = new Agent({ connections: 16 });
/** For the bench's own changes (a new security manager before each cold page). */
const changeAgent = new Agent({ connections: 1 });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  const context = await browser.newContext({ baseURL: app, viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Username').fill(benchUser.username);
  await page.getByLabel('Password').fill(benchUser.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  // The console lands on the Overview, which polls and so refreshes the lists behind its counts:
  // parked on a blank page, the browser adds no load the HTTP figures do not name.
  await page.goto('about:blank');

  async function timed(path: string, withCookie = true): Promise<{ ms: number; status: number; body: string }> {
    return timedFetch(`${app}${path}`, withCookie ? { cookie } : {});
  }
  async function expectOk(path: string) {
    const r = await timed(path);
    if (r.status !== 200) throw new Error(`${path} answered ${r.status}: ${r.body.slice(0, 200)}`);
    return r;
  }
  const users = (extra: string) =>
    `/api/director/users?pageSize=25&columns=${['username', ...defaultUserColumns.filter((c) => c !== 'username')].join(',')}${extra}`;

  console.log('| figure | measured | goal (issue 11) |\n|---|---|---|');
  report('machine load (1, 5, 15 min) when the bench started', loadBefore, 'the machine is shared: every time moves with it');
  report('the simulator’s CPU priority (BENCH_SIM_NICE: idle, SCHED_IDLE; or a nice value)', simPriority, 'it stands for machines of its own');
  // Memory first, on a fresh server: users, scans, six more user column sets, then the resident set.
  report('RSS of the server signed in, before any list', `${(rssOfTree(stack.app.pid as number) / 1024 / 1024).toFixed(0)} MiB`);
  await expectOk(users('&page=1'));
  await expectOk('/api/director/scans?pageSize=25&sort=name');
  for (const columns of ['email', 'title,phone', 'city,country', 'sci,organization', 'role,group,sciUserId', 'firstname,lastname,email,title']) {
    await expectOk(`/api/director/users?pageSize=25&sort=lastname&columns=username,${columns}`);
  }
  await sleep(3_000);
  const rssSoon = rssOfTree(stack.app.pid as number);
  // V8 hands freed heap back to the system a while after the loads' peak, once the server is idle.
  await sleep(20_000);
  const rssIdle = rssOfTree(stack.app.pid as number);
  report(
    'RSS of the server after users, scans and 6 more user column sets (3 s after; 23 s after)',
    `${(rssSoon / 1024 / 1024).toFixed(0)} MiB; ${(rssIdle / 1024 / 1024).toFixed(0)} MiB`,
    '≤ 300 MiB',
  );

  // Bare: Director's whole user list with the fields the BFF asks for, fetched and parsed, nothing else.
  const bare: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const { ms: took, body } = await timedFetch(`${stack.simUrl}/rest/mgmt/user?fields=${userListFields.join(',')}`, {
      'x-apikey': `accesskey=${directorAccessKey}; secretkey=${directorSecretKey};`,
    });
    const start = performance.now();
    JSON.parse(body);
    bare.push(took + performance.now() - start);
  }
  // Cold: a change drops the cached users list (a new security manager is a new Director user),
  // so the next page is fetched, read and cut while the caller waits. `refresh=1` is not cold any
  // more: an answer equal to the last is compared by digest and the list kept, and that is timed apart.
  const { items: orgs } = JSON.parse((await expectOk('/api/director/organizations?pageSize=100')).body) as { items: Array<{ id: number }> };
  let managerOrg: number | undefined;
  async function dropUserLists(i: number): Promise<void> {
    for (const org of managerOrg === undefined ? orgs : [{ id: managerOrg }]) {
      const res = await request(`${app}/api/director/organizations/${org.id}/security-managers`, {
        method: 'POST',
        headers: { cookie, origin: app, 'x-csrf': '1', 'content-type': 'application/json' },
        body: JSON.stringify({ username: `bench-cold-${i}-${Date.now()}`, password: 'Bench-cold-password-42!' }),
        dispatcher: changeAgent,
      });
      const body = await res.body.text();
      if (res.statusCode === 201) {
        managerOrg = org.id;
        return;
      }
      if (managerOrg !== undefined) throw new Error(`security manager: ${res.statusCode} ${body.slice(0, 200)}`);
    }
    throw new Error('no organization took a security manager');
  }
  const cold: number[] = [];
  const unchanged: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    await dropUserLists(i);
    await sleep(1_000);
    cold.push((await expectOk(users('&page=1'))).ms);
    await sleep(2_500);
    unchanged.push((await expectOk(users('&page=1&refresh=1'))).ms);
  }
  // The change dropped the scan list too (a manager may own scans): read again, as before this step.
  await expectOk('/api/director/scans?pageSize=25&sort=name');
  report('cold first page of users after a change (fetch + read + page), median of 3', ms(median(cold)));
  report('bare Director fetch + JSON.parse of the same list, median of 3', ms(median(bare)));
  report('cold first page ÷ bare', `${(median(cold) / median(bare)).toFixed(2)}×`, '≤ 1.5×');
  report('refresh=1 of an unchanged list (fetch + digest, list kept), median of 3', ms(median(unchanged)));
  const idle = () => settle([stack.app.pid as number, stack.sim.pid as number]).then((waited) => settles.push(waited));
  const settles: number[] = [];

  async function sequential(paths: string[]): Promise<number[]> {
    const out: number[] = [];
    for (const path of paths) out.push((await expectOk(path)).ms);
    return out;
  }
  const pages = (extra: string) => Array.from({ length: 200 }, (_, i) => users(`&page=${(i % 400) + 2}${extra}`));
  await expectOk(users('&sort=username'));
  await idle();
  const unsorted = await sequential(pages(''));
  const sorted = await sequential(pages('&sort=username&order=asc'));
  const terms = ['an', 'son', 'mar', 'lee', 'kim', 'ross', 'ali', 'eva', 'tom', 'ng', 'ber', 'ert', 'ina', 'ow', 'ch', 'la', 'ri', 'de', 'jo', 'el'];
  const searches = await sequential(
    Array.from({ length: 200 }, (_, i) => users(`&q=${terms[i % terms.length]}${'a'.repeat(Math.floor(i / terms.length) % 2)}`)),
  );
  // The floor under every figure above: the same request refused at the session check, one at a time.
  const refusedOne: number[] = [];
  for (let i = 0; i < 200; i += 1) {
    const r = await timedFetch(`${app}${users('&page=3')}`, {});
    if (r.status !== 401) throw new Error(`expected 401, got ${r.status}`);
    refusedOne.push(r.ms);
  }
  report('the same server’s 401 for the same request, one at a time, p50 (p95)', `${ms(percentile(refusedOne, 50))} (${ms(percentile(refusedOne, 95))})`, '');
  report('warm page of users, unsorted, p50 (p95)', `${ms(percentile(unsorted, 50))} (${ms(percentile(unsorted, 95))})`, '≤ 5 ms');
  report('warm page of users sorted by username, p50 (p95)', `${ms(percentile(sorted, 50))} (${ms(percentile(sorted, 95))})`, '≤ 5 ms');
  report('warm search (q) over users, p50 (p95)', `${ms(percentile(searches, 50))} (${ms(percentile(searches, 95))})`, '≤ 10 ms');

  /**
   * Requests per second with 16 callers at once for `seconds`, each taking the next path. The
   * callers share 16 kept-alive connections through undici's `request` and read each body to its
   * end as bytes. Node's `fetch` (a WHATWG Response, Headers and stream per call, every body
   * decoded to a string) spent about as much CPU per request as the server on this 2-core machine
   * (1.0 vs 0.94 ms for a 401, 1.47 vs 1.44 ms for a page, one measurement on a quiet machine), so
   * the ratio measured the client reading 9.7 KB against 69 bytes as much as the server's work.
   */
  async function rate(paths: (i: number) => string, withCookie: boolean, seconds = 4): Promise<number> {
    let done = 0;
    let i = 0;
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (performance.now() < until) {
          const res = await request(`${app}${paths(i++)}`, { headers: withCookie ? { cookie } : {}, dispatcher: loadAgent });
          for await (const _chunk of res.body) {
            // Every byte is read, none is kept.
          }
          if (res.statusCode !== (withCookie ? 200 : 401)) throw new Error(`rate: ${res.statusCode}`);
          done += 1;
        }
      }),
    );
    return done / seconds;
  }
  const variants: Array<[string, (i: number) => string]> = [
    ['unsorted', (i) => users(`&page=${(i % 400) + 2}`)],
    ['sorted by username', (i) => users(`&page=${(i % 400) + 2}&sort=username`)],
    ['sorted by last name, descending', (i) => users(`&page=${(i % 400) + 2}&sort=lastname&order=desc`)],
    ['searched (q=an), paged', (i) => users(`&page=${(i % 20) + 1}&q=an`)],
  ];
  // Each variant against a 401 rate measured right beside it (alternating 2 s slices, 3 each), so a
  // change in the machine's load moves both sides of the ratio alike.
  for (const [name, path] of variants) {
    await sequential(Array.from({ length: 20 }, (_, i) => path(i)));
    // The list is refreshed (unchanged: kept) just before, so its refresh behind an answer, due every
    // 15 s, does not land in one signed-in slice: the simulator's serializing of 100,000 users on these
    // two cores would be counted as the pages' cost, on one side of the ratio only. It is timed above.
    await idle();
    await expectOk(users('&page=1&refresh=1'));
    await idle();
    let ok = 0;
    let refused = 0;
    for (let slice = 0; slice < 3; slice += 1) {
      refused += await rate(() => users('&page=3'), false, 2);
      ok += await rate(path, true, 2);
    }
    report(
      `warm pages, 16 concurrent, ${name} ÷ 401 rate`,
      `${(ok / refused).toFixed(2)} (${(ok / 3).toFixed(0)} vs ${(refused / 3).toFixed(0)} req/s)`,
      '≥ 0.7',
    );
  }

  // Stale: the list the BFF holds is older than DIRECTOR_CACHE_TTL_MS; the next page must not wait for Director.
  const before = JSON.parse((await expectOk(users('&page=5&sort=username'))).body) as { fetchedAt: number };
  await sleep(Math.max(0, before.fetchedAt + staleAfterMs + 500 - Date.now()));
  const stale = await expectOk(users('&page=6&sort=username'));
  const staleBody = JSON.parse(stale.body) as { fetchedAt: number; ageMs: number };
  report('page flip after the cached list went stale (15 s)', `${ms(stale.ms)} (answered from a list ${(staleBody.ageMs / 1000).toFixed(1)} s old)`, '≤ 50 ms');
  await sleep(4_000);
  const after = JSON.parse((await expectOk(users('&page=7&sort=username'))).body) as { fetchedAt: number };
  report('refreshed behind that answer', after.fetchedAt > staleBody.fetchedAt ? 'yes (a newer list serves the next page)' : 'no', 'yes');

  const bundles = bundleReport() as Array<{ route: string; gzipBytes: number }>;
  for (const route of ['/scans', '/users', '/scan-tasks', '/organizations', '/audit']) {
    const found = bundles.find((b) => b.route === route);
    if (found) report(`first-load JS, gzip, ${route}`, `${(found.gzipBytes / 1024).toFixed(1)} KB`, '≤ 180 KB');
  }

  await idle();
  const flips = await pageFlips(page);
  report(
    'page flip in Chromium on /users, warm, mouse press to new rows seen, p50 of 10 (max)',
    `${ms(median(flips.pressed))} (${ms(Math.max(...flips.pressed))})`,
    '≤ 100 ms',
  );
  report(
    'the same with Playwright’s click (its visibility and stability checks before the press included), p50 of 10 (max)',
    `${ms(median(flips.seen))} (${ms(Math.max(...flips.seen))})`,
    '',
  );
  report(
    'the same flips by the page’s clock: click event to new rows painted, p50 (max)',
    `${ms(median(flips.inPage))} (${ms(Math.max(...flips.inPage))}), all 20`,
    '',
  );
  for (const [path, label] of [
    ['/users', 'Users'],
    ['/scans', 'Scans'],
    ['/scan-tasks', 'Scan tasks'],
  ] as const) {
    await idle();
    const navs = await navigations(page, path, label);
    const each = (times: number[]) => `${ms(median(times))} (${ms(Math.max(...times))}; each: ${times.map((t) => t.toFixed(0)).join(', ')})`;
    report(`rows visible after navigating to ${path}, mouse press on the link, p50 of 5 (max)`, each(navs.pressed), '≤ 400 ms');
    report('  the same with Playwright’s click, p50 of 5 (max)', each(navs.seen), '');
    report(
      '  the same by the page’s clock: click event to rows painted, p50 (max), all 10',
      `${ms(median(navs.inPage))} (${ms(Math.max(...navs.inPage))})`,
      '',
    );
  }
  report(
    'waited before each warm figure for the server and simulator to go idle (a list read behind an answer, its garbage collected)',
    `${settles.length} times, ${settles.reduce((a, b) => a + b, 0).toFixed(1)} s in all, longest ${Math.max(...settles).toFixed(1)} s`,
  );
  report('machine load (1, 5, 15 min) when the bench ended', machineLoad());
} finally {
  await browser.close();
  await loadAgent.close();
  await changeAgent.close();
  stopAll();
}

/**
 * A GET and its whole body, timed, with Node's `fetch` (undici's `request`, which the 16 concurrent
 * callers use to spend less of the machine's CPU, was no faster for one request at a time: 4.9 vs
 * 3.7 ms p50 in one run). A kept-alive connection the server closed while idle (the bench idles 20 s
 * for the RSS figure) fails at once with a socket error: that attempt is not the figure, so the GET
 * is sent again once on a new connection and timed from there.
 */
async function timedFetch(url: string, headers: Record<string, string>): Promise<{ ms: number; status: number; body: string }> {
  for (let attempt = 1; ; attempt += 1) {
    const start = performance.now();
    try {
      const res = await fetch(url, { headers });
      const body = await res.text();
      return { ms: performance.now() - start, status: res.status, body };
    } catch (err) {
      const code = (err as { cause?: { code?: string } }).cause?.code;
      if (attempt > 1 || (code !== 'UND_ERR_SOCKET' && code !== 'ECONNRESET')) throw err;
    }
  }
}

/** A process and its descendants, from /proc (Linux). */
function treeOf(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirProc()) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), entry]);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const p = queue.pop()!;
    out.push(p);
    queue.push(...(children.get(p) ?? []));
  }
  return out;
}

/** Resident set of a process and its descendants. */
function rssOfTree(pid: number): number {
  let total = 0;
  for (const p of treeOf(pid)) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      total += Number(match?.[1] ?? 0) * 1024;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** CPU time (user + system, in clock ticks) a process and its descendants have used. */
function cpuOfTree(pid: number): number {
  let total = 0;
  for (const p of treeOf(pid)) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ').at(-1)!.split(' ');
      total += Number(stat[11]) + Number(stat[12]);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/**
 * Waits (at most 30 s) until the server and the simulator have been idle for 1.5 s: under 5% of
 * a core each over three half-second windows. A list read behind an answer, or the garbage of a
 * 47 MB answer collected, would otherwise land in whichever warm figure runs next. The server
 * collects a load's garbage once no request has come for a second (lib/server/heap.ts): 1.5 s
 * sees that collection run (and waits it out) rather than starting requests just as it is due.
 * Answers the seconds waited.
 */
async function settle(pids: number[]): Promise<number> {
  const start = performance.now();
  let quiet = 0;
  while (quiet < 3 && performance.now() - start < 30_000) {
    const before = pids.map(cpuOfTree);
    await sleep(500);
    // Clock ticks are 1/100 s here: 5% of a core over 0.5 s is 2.5 ticks.
    quiet = pids.every((pid, i) => cpuOfTree(pid) - before[i]! < 2.5) ? quiet + 1 : 0;
  }
  return (performance.now() - start) / 1000;
}

function readdirProc(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/**
 * Clicks Next on /users half a second after each page shows and waits for the first row to change;
 * warm (the list is cached), 20 times: half by a mouse press on the button, half by Playwright's
 * click (which first checks the button over several round trips and frames). Two clocks: the
 * bench's, from sending the press or click to seeing the new rows (it includes Playwright's round
 * trips to the browser and its polling), and the page's own, from the click event to the frame
 * after the new rows are in the document (a `performance.measure` between marks set by a listener
 * the bench adds to the page).
 */
async function pageFlips(page: Page): Promise<{ seen: number[]; pressed: number[]; inPage: number[] }> {
  await page.goto('/users');
  const table = page.getByRole('table', { name: 'Users' });
  const firstCell = table.locator('tbody tr').first().locator('td').first();
  await firstCell.waitFor();
  await page.waitForFunction(() => !document.querySelector('table[aria-busy="true"]'));
  // A string, not a function: tsx's keepNames would wrap the page's functions in a helper the page lacks.
  await page.evaluate(`(() => {
    const cell = () => document.querySelector('table[aria-label="Users"] tbody tr td')?.textContent ?? null;
    document.addEventListener('click', (event) => {
      if (!(event.target instanceof Element) || !event.target.closest('button[aria-label="Next page"]')) return;
      const before = cell();
      performance.mark('flip-click', { startTime: event.timeStamp });
      const check = () => {
        if (cell() !== before && !document.querySelector('table[aria-label="Users"][aria-busy="true"]')) {
          // This frame paints the new rows: the task after it runs once it has.
          setTimeout(() => performance.measure('flip', 'flip-click', performance.mark('flip-painted').name), 0);
        } else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    }, { capture: true });
  })()`);
  const seen: number[] = [];
  const pressed: number[] = [];
  const inPage: number[] = [];
  const next = page.getByRole('button', { name: 'Next page' });
  for (let i = 0; i < 20; i += 1) {
    const before = await firstCell.textContent();
    // A reader looks at a page before turning it; the next page is prefetched meanwhile.
    await page.waitForTimeout(500);
    // Every other flip presses the mouse where the button is, as a reader does: Playwright's own
    // click first checks (over several round trips and frames) that the button is visible, stable
    // and not covered, and that time is Playwright's, not the console's.
    // (Brought into view first, untimed: the flip may scroll the table back to its top.)
    if (i % 2 === 1) await next.scrollIntoViewIfNeeded();
    const box = i % 2 === 1 ? await next.boundingBox() : null;
    const start = performance.now();
    if (box) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    else await next.click();
    await page.waitForFunction(
      (text) => {
        const cell = document.querySelector('table[aria-label="Users"] tbody tr td');
        return cell !== null && cell.textContent !== text && !document.querySelector('table[aria-busy="true"]');
      },
      before,
      { polling: 'raf' },
    );
    (box ? pressed : seen).push(performance.now() - start);
    await page.waitForFunction(`performance.getEntriesByName('flip', 'measure').length === ${i + 1}`);
    inPage.push((await page.evaluate(`performance.getEntriesByName('flip', 'measure').at(-1).duration`)) as number);
  }
  return { seen, pressed, inPage };
}

/**
 * From another page, follows the navigation link and waits for real rows (not skeletons), 10
 * times: half by a mouse press on the link, half by Playwright's click, as the page flips are
 * timed (see pageFlips). The page's own clock runs from the click event to the frame after the
 * rows are in the document (a listener the bench adds to the page it navigates from; a client
 * navigation keeps the document).
 */
async function navigations(page: Page, path: string, label: string): Promise<{ seen: number[]; pressed: number[]; inPage: number[] }> {
  const seen: number[] = [];
  const pressed: number[] = [];
  const inPage: number[] = [];
  const from = path === '/organizations' ? '/audit' : '/organizations';
  for (let i = 0; i < 10; i += 1) {
    await page.goto(from);
    await page.getByRole('table').first().locator('tbody tr').first().waitFor();
    // The server draws a list with its rows before the browser runs the page: a link clicked before
    // then is a whole page load, not the console's navigation this figure is about.
    await page.locator('main fieldset:not([disabled])').first().waitFor();
    // A string, not a function: tsx's keepNames would wrap the page's functions in a helper the page lacks.
    await page.evaluate(`(() => {
      const label = ${JSON.stringify(label)};
      document.addEventListener('click', (event) => {
        performance.mark('nav-click', { startTime: event.timeStamp });
        const check = () => {
          const table = document.querySelector('table[aria-label="' + label + '"]');
          if (table && table.querySelector('tbody tr td') && !table.querySelector('[data-testid="skeleton-row"]')) {
            setTimeout(() => performance.measure('nav', 'nav-click', performance.mark('nav-painted').name), 0);
          } else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }, { capture: true, once: true });
    })()`);
    const link = page.getByRole('navigation').getByRole('link', { name: label, exact: true });
    const box = i % 2 === 1 ? await link.boundingBox() : null;
    const start = performance.now();
    if (box) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    else await link.click();
    await page.waitForFunction(
      (name) => {
        const table = document.querySelector(`table[aria-label="${name}"]`);
        return table !== null && table.querySelector('tbody tr td') !== null && table.querySelector('[data-testid="skeleton-row"]') === null;
      },
      label,
      { polling: 'raf' },
    );
    (box ? pressed : seen).push(performance.now() - start);
    await page.waitForFunction(`performance.getEntriesByName('nav', 'measure').length === 1`);
    inPage.push((await page.evaluate(`performance.getEntriesByName('nav', 'measure')[0].duration`)) as number);
  }
  return { seen, pressed, inPage };
}
