/**
 * A payment-ops lead narrows the received events to one type and to when they arrived: the filters apply
 * at once, live in the page's URL (a reload or a shared link shows the same list), an impossible range is
 * refused at the field, and "Clear filters" brings every event back. Events reach Tollgate from its
 * sandbox, signed, as Stripe would deliver them.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { pollUntil } from '../support/poll-until.ts';
import { launchBrowser, logIn, newPage, screenshot, sidewaysOverflow, type ViewportName } from './support/browser.ts';
import { startTollgate, type BrowserTollgate } from './support/browser-tollgate.ts';

let tollgate: BrowserTollgate;
let browser: Browser;

const charge = (id: string) => ({ id, object: 'charge', amount: 2500, currency: 'usd', customer: 'cus_QFilterCustomer', status: 'succeeded' });

/** Sent in this order, each once the one before is stored, so each arrives later than the one before. */
const EVENTS = [
  { name: 'first-charge', type: 'charge.succeeded', object: charge('ch_3QFilterFirst') },
  { name: 'refund', type: 'charge.refunded', object: charge('ch_3QFilterFirst') },
  { name: 'second-charge', type: 'charge.succeeded', object: charge('ch_3QFilterSecond') },
];

/** What was sent, by name: its event id and when Tollgate received it. */
const sent = new Map<string, { id: string; receivedAt: Date }>();
const idsOf = (...names: string[]) => names.map((name) => sent.get(name)!.id).sort();

/**
 * A time as a datetime-local input holds it, in this machine's time zone (the browser's), to the millisecond,
 * normalized as the input normalizes its value: `12.05` for 12.050 s, no fraction for whole seconds, no seconds at 0.
 */
function localTime(at: Date): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const fraction = at.getMilliseconds() === 0 ? '' : `.${pad(at.getMilliseconds(), 3)}`.replace(/0+$/, '');
  const seconds = fraction === '' && at.getSeconds() === 0 ? '' : `:${pad(at.getSeconds())}${fraction}`;
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}${seconds}`;
}

async function signedIn(viewport: ViewportName = 'desktop'): Promise<Page> {
  const page = await newPage(browser, tollgate.url, viewport);
  await logIn(page, tollgate.admin.email, tollgate.admin.password);
  return page;
}

async function storedEvent(request: APIRequestContext, id: string): Promise<{ received_at: string }> {
  const answer = await pollUntil(() => request.get(`/api/v1/events/${id}`), (response) => response.status() === 200, { what: `event ${id} stored` });
  return ((await answer.json()) as { event: { received_at: string } }).event;
}

// One hook starts everything: node 20 does not wait for one root-level before hook to end before the next.
before(async () => {
  [tollgate, browser] = await Promise.all([startTollgate({ examples: false }), launchBrowser()]);
  const page = await signedIn();
  const request = page.context().request;
  for (const { name, type, object } of EVENTS) {
    const fired = await request.post(`${tollgate.sandboxUrl}/_sandbox/events`, { data: { type, object } });
    assert.equal(fired.status(), 200, await fired.text());
    const id = ((await fired.json()) as { id: string }).id;
    sent.set(name, { id, receivedAt: new Date((await storedEvent(request, id)).received_at) });
  }
  await page.context().close();
});

after(async () => {
  await browser?.close();
  await tollgate?.stop();
});

/** The event ids the events table lists, sorted; [] when it says none match. */
async function listedEvents(page: Page): Promise<string[]> {
  const rows = page.getByRole('table', { name: 'Received Stripe events' }).locator('tbody tr');
  const none = page.getByText('No events match these filters');
  await rows.first().or(none).waitFor();
  if (await none.isVisible()) return [];
  return (await rows.allInnerTexts()).map((text) => /evt_\w+/.exec(text)?.[0] ?? `(no event id in "${text}")`).sort();
}

/** Waits until the list shows exactly `expected` (the page refetches after each change of the URL). */
async function waitForListed(page: Page, expected: string[], what: string): Promise<void> {
  await pollUntil(() => listedEvents(page), (listed) => listed.join() === [...expected].sort().join(), { what });
}

void test('the events list narrows to a type and a time of arrival, kept in the URL, and clears again', async () => {
  const page = await signedIn();
  await page.goto('/events');
  const filters = page.getByRole('form', { name: 'Filter events' });
  await waitForListed(page, idsOf('first-charge', 'refund', 'second-charge'), 'every event at first');

  await filters.getByLabel('Event type').selectOption('charge.succeeded');
  await page.waitForURL((url) => url.searchParams.get('type') === 'charge.succeeded');
  await waitForListed(page, idsOf('first-charge', 'second-charge'), 'only the charges');

  // A window from the second charge's arrival (included) on; then up to it (not included).
  const second = localTime(sent.get('second-charge')!.receivedAt);
  await filters.getByLabel('Received', { exact: true }).selectOption({ label: 'Custom' });
  await filters.getByLabel('Received from').fill(second);
  await page.waitForURL((url) => url.searchParams.get('from') === second);
  await waitForListed(page, idsOf('second-charge'), 'the charge received at the start of the window');
  await page.reload();
  assert.equal(await filters.getByLabel('Event type').inputValue(), 'charge.succeeded', 'a reload keeps the type');
  assert.equal(await filters.getByLabel('Received from').inputValue(), second, 'and the time');
  await waitForListed(page, idsOf('second-charge'), 'the same list after a reload');
  await screenshot(page, 'events-filtered');

  await page.goto(`/events?type=charge.succeeded&to=${encodeURIComponent(second)}`);
  await waitForListed(page, idsOf('first-charge'), 'the charges received before the second one');
  await page.goto(`/events?type=charge.refunded&from=${encodeURIComponent(localTime(sent.get('first-charge')!.receivedAt))}`);
  await waitForListed(page, idsOf('refund'), 'a refund after the first charge');

  // A range that ends before it starts is refused at the field, and nothing is asked of the server.
  const asked: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/v1/events') asked.push(request.url());
  });
  await filters.getByLabel('Received from').fill('2030-01-02T00:00');
  await filters.getByLabel('Received before').fill('2030-01-01T00:00');
  await filters.getByText('Pick a time after “Received from”.').waitFor();
  assert.equal(await filters.getByLabel('Received before').getAttribute('aria-invalid'), 'true');
  assert.deepEqual(
    asked.filter((url) => new URL(url).searchParams.get('until') !== null && new URL(url).searchParams.get('since') !== null),
    [],
    'no list is asked for with the impossible range',
  );
  await screenshot(page, 'events-filter-range-refused');

  await filters.getByLabel('Received before').fill('2030-01-03T00:00');
  await page.getByText('No events match these filters').waitFor();
  await screenshot(page, 'events-filter-none');
  await filters.getByRole('button', { name: 'Clear filters' }).click();
  await page.waitForURL((url) => url.search === '');
  await waitForListed(page, idsOf('first-charge', 'refund', 'second-charge'), 'every event again');
  assert.equal(await filters.getByLabel('Event type').inputValue(), '');
  await page.context().close();
});

void test('the events filters read on a phone', async () => {
  const page = await signedIn('phone');
  await page.goto('/events?type=charge.succeeded');
  await waitForListed(page, idsOf('first-charge', 'second-charge'), 'the charges on a phone');
  assert.equal(await sidewaysOverflow(page), 0, 'nothing sticks out sideways');
  await screenshot(page, 'events-filtered');
  await page.goto('/events?type=charge.succeeded&from=2030-01-02T00:00&to=2030-01-01T00:00');
  await page.getByText('Pick a time after “Received from”.').waitFor();
  assert.equal(await sidewaysOverflow(page), 0, 'nor with the range refused');
  await screenshot(page, 'events-filter-range-refused');
  await page.context().close();
});
