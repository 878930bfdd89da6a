import { expect, type Locator, type Page, test } from '@playwright/test';
import { storageStateOf } from './helpers';

// Times are shown in one zone per reader: the browser's by default, UTC on request (a cookie, like
// the theme), and every time names its zone.

test.use({ storageState: storageStateOf('admin'), timezoneId: 'Asia/Tokyo' });

const zoneSelect = (page: Page) => page.getByRole('banner').getByLabel('Times');

/** The text a time should read in `timeZone`, from its own machine-readable instant. */
async function expectedText(time: Locator, timeZone: string, withDate = true): Promise<string> {
  const instant = await time.getAttribute('datetime');
  expect(instant).toBeTruthy();
  return new Intl.DateTimeFormat('en-GB', {
    ...(withDate ? { day: 'numeric', month: 'short', year: 'numeric' } : {}),
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
    timeZone,
  }).format(new Date(instant!));
}

function watchHydration(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /hydrat|did not match/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => {
    if (/hydrat|did not match/i.test(error.message)) problems.push(error.message);
  });
  return problems;
}

test('shows times in the browser zone, named, until UTC is chosen; the choice holds across loads', async ({ page, context }) => {
  await context.clearCookies({ name: 'time-zone' });
  const hydration = watchHydration(page);

  await page.goto('/audit');
  const auditTime = page.getByRole('table', { name: 'Audit trail' }).locator('tbody tr').first().locator('time');
  await expect(auditTime).toHaveText(/GMT\+9$/);
  await expect(auditTime).toHaveText(await expectedText(auditTime, 'Asia/Tokyo'));
  await expect(auditTime).toHaveAttribute('title', 'Asia/Tokyo');
  await expect(zoneSelect(page)).toHaveValue('browser');
  await expect(zoneSelect(page).locator('option:checked')).toHaveText('Browser (Asia/Tokyo)');

  await page.goto('/scan-tasks');
  const asOf = page.getByTestId('list-freshness').locator('time');
  await expect(asOf).toHaveText(/^\d{2}:\d{2}:\d{2} GMT\+9$/);
  const started = page
    .getByRole('table', { name: /scan tasks/i })
    .locator('tbody tr')
    .first()
    .locator('time')
    .first();
  await expect(started).toHaveText(await expectedText(started, 'Asia/Tokyo'));

  await zoneSelect(page).selectOption('utc');
  // Every time on the page follows at once, without a reload.
  await expect(asOf).toHaveText(/^\d{2}:\d{2}:\d{2} UTC$/);
  await expect(started).toHaveText(await expectedText(started, 'UTC'));

  await page.goto('/audit');
  await expect(zoneSelect(page)).toHaveValue('utc');
  await expect(auditTime).toHaveText(/ UTC$/);
  await expect(auditTime).toHaveText(await expectedText(auditTime, 'UTC'));

  await page.goto('/scans?columns=name,createdTime');
  const created = page.getByRole('table', { name: 'Scans' }).locator('tbody tr').first().locator('time');
  await expect(created).toHaveText(/^\d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC$/);

  await zoneSelect(page).selectOption('browser');
  await expect(created).toHaveText(/^\d{1,2} \w{3} \d{4}, \d{2}:\d{2} GMT\+9$/);
  expect(hydration).toEqual([]);
});

test("the server's first byte already carries the reader's choice", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: 'time-zone', value: 'utc', url: baseURL! }]);
  const utc = await (await page.request.get('/scans')).text();
  expect(utc).toMatch(/<option value="utc" selected="">UTC<\/option>/);
  await context.addCookies([{ name: 'time-zone', value: 'browser', url: baseURL! }]);
  const browser = await (await page.request.get('/scans')).text();
  // The server cannot know the browser's zone: it names none rather than guess one.
  expect(browser).toMatch(/<option value="browser" selected="">Browser<\/option>/);
  expect(browser).not.toContain('Asia/Tokyo');
});

/**
 * An instant's minute on the wall clock of `timeZone`, as a datetime-local input writes it: Swedish
 * dates are ISO-shaped ("2026-12-02 10:05:00"), an oracle apart from the app's own conversion.
 */
function localMinute(instant: string, timeZone: string): string {
  return new Date(instant).toLocaleString('sv-SE', { timeZone, hourCycle: 'h23' }).replace(' ', 'T').slice(0, 16);
}

test("the audit trail's time range is read in the reader's zone and keeps exactly the rows whose local time is in it", async ({ page, context }) => {
  await context.clearCookies({ name: 'time-zone' });
  await page.goto('/audit?pageSize=100');
  const times = page.getByRole('table', { name: 'Audit trail' }).locator('tbody tr time');
  await expect(times.first()).toHaveText(/GMT\+9$/);
  const range = page.getByRole('group', { name: 'Time range' });
  await expect(range).toContainText('Asia/Tokyo');
  const from = range.getByLabel('From (Asia/Tokyo)');
  const to = range.getByLabel('To (Asia/Tokyo)');

  const shownInstants = () => times.evaluateAll((nodes) => nodes.map((node) => Date.parse(node.getAttribute('datetime') ?? '')).sort());
  /** What the trail holds whose Tokyo minute is within [first, last], from the unfiltered API. */
  async function expectedInstants(first: string, last: string): Promise<number[]> {
    const all = (await (await page.request.get('/api/audit?pageSize=100')).json()) as { items: Array<{ time: string }> };
    return all.items
      .map((item) => item.time)
      .filter((time) => localMinute(time, 'Asia/Tokyo') >= first && localMinute(time, 'Asia/Tokyo') <= last)
      .map((time) => Date.parse(time))
      .sort();
  }

  // The newest entry's minute as a Tokyo clock reads it, from and to: that minute's entries, no other.
  const newest = (await times.first().getAttribute('datetime'))!;
  const minute = localMinute(newest, 'Asia/Tokyo');
  await from.fill(minute);
  await to.fill(minute);
  // The URL keeps instants: the Tokyo minute is nine hours ahead of UTC.
  const start = Date.parse(`${minute}:00+09:00`);
  await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe(new Date(start).toISOString().replace('.000Z', 'Z'));
  await expect.poll(() => new URL(page.url()).searchParams.get('to')).toBe(new Date(start + 59_999).toISOString());
  await expect(async () => {
    const shown = await shownInstants();
    expect(shown).toContain(Date.parse(newest));
    expect(shown).toEqual(await expectedInstants(minute, minute));
  }).toPass();

  // The range comes back from the URL in the reader's zone.
  await page.reload();
  await expect(from).toHaveValue(minute);
  await expect(to).toHaveValue(minute);

  // Up to the minute before: that entry is out, and everything shown is older.
  const before = localMinute(new Date(start - 60_000).toISOString(), 'Asia/Tokyo');
  await from.fill('');
  await to.fill(before);
  await expect(async () => {
    const shown = await shownInstants();
    expect(shown).not.toContain(Date.parse(newest));
    expect(shown).toEqual(await expectedInstants('0000', before));
  }).toPass();
});
