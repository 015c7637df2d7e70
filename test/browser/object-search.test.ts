/**
 * A payment-ops person looks up a Stripe object: the events about a charge (with its fraud warning),
 * about a customer (with its charges), and the runs they started; a mistyped id is refused in the browser, an id the
 * server refuses is answered at the field. Events reach Tollgate from its sandbox, signed, as
 * Stripe would deliver them.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { pollUntil } from '../support/poll-until.ts';
import { launchBrowser, logIn, newPage, screenshot, sidewaysOverflow, type ViewportName } from './support/browser.ts';
import { startTollgate, type BrowserTollgate } from './support/browser-tollgate.ts';

let tollgate: BrowserTollgate;
let browser: Browser;

const ANN = 'cus_QAnnPaysTwice';
const BOB = 'cus_QBobPaysOnce';
const ANN_FIRST = 'ch_3QAnnFirstCharge';
const ANN_SECOND = 'ch_3QAnnSecondCharge';
const BOB_ONLY = 'ch_3QBobOnlyCharge';

const WATCH_CHARGES = `kind: Workflow
id: charge-watch
title: Watch charges
trigger: { type: event, event: charge.succeeded }
steps:
  - { id: done, type: end, outcome: Seen }
`;

/** What the sandbox sent, by a name of the test's: its event id, and the runs it started once stored. */
const sent = new Map<string, { event: string; runs: string[] }>();

const charge = (id: string, customer: string) => ({ id, object: 'charge', amount: 2500, currency: 'usd', customer, status: 'succeeded' });

/** Each delivered as its own signed webhook; a charge.succeeded starts one run of charge-watch, a charge.refunded none. */
const EVENTS = [
  { name: 'ann-first', type: 'charge.succeeded', object: charge(ANN_FIRST, ANN) },
  { name: 'ann-first-refunded', type: 'charge.refunded', object: charge(ANN_FIRST, ANN) },
  { name: 'ann-second', type: 'charge.succeeded', object: charge(ANN_SECOND, ANN) },
  { name: 'bob-only', type: 'charge.succeeded', object: charge(BOB_ONLY, BOB) },
  { name: 'ann-updated', type: 'customer.updated', object: { id: ANN, object: 'customer', email: 'ann@example.com' } },
  { name: 'ann-first-warning', type: 'radar.early_fraud_warning.created', object: { id: 'issfr_QAnnFirst', object: 'radar.early_fraud_warning', charge: ANN_FIRST, fraud_type: 'card_never_received' } },
];

const eventsOf = (...names: string[]) => names.map((name) => sent.get(name)!.event).sort();
const runsOf = (...names: string[]) => names.flatMap((name) => sent.get(name)!.runs).sort();

async function signedIn(viewport: ViewportName = 'desktop'): Promise<Page> {
  const page = await newPage(browser, tollgate.url, viewport);
  await logIn(page, tollgate.admin.email, tollgate.admin.password);
  return page;
}

/** The event once Tollgate stored it and matched it against the workflows. */
async function storedEvent(request: APIRequestContext, id: string): Promise<{ type: string; matches: { run: string | null }[] }> {
  const answer = await pollUntil(() => request.get(`/api/v1/events/${id}`), (response) => response.status() === 200, { what: `event ${id} stored` });
  return ((await answer.json()) as { event: { type: string; matches: { run: string | null }[] } }).event;
}

// One hook starts everything: node 20 does not wait for one root-level before hook to end before the next.
before(async () => {
  [tollgate, browser] = await Promise.all([startTollgate({ examples: false }), launchBrowser()]);
  const page = await signedIn();
  const request = page.context().request;
  const applied = await request.post('/api/v1/apply', { headers: { 'content-type': 'application/yaml' }, data: WATCH_CHARGES });
  assert.equal(applied.status(), 200, await applied.text());
  for (const { name, type, object } of EVENTS) {
    const fired = await request.post(`${tollgate.sandboxUrl}/_sandbox/events`, { data: { type, object } });
    assert.equal(fired.status(), 200, await fired.text());
    const event = ((await fired.json()) as { id: string }).id;
    const stored = await storedEvent(request, event);
    sent.set(name, { event, runs: stored.matches.flatMap((match) => (match.run === null ? [] : [match.run])) });
  }
  assert.equal(runsOf('ann-first', 'ann-second', 'bob-only').length, 3, 'each charge.succeeded started a run');
  assert.deepEqual(runsOf('ann-first-refunded', 'ann-updated', 'ann-first-warning'), [], 'nothing listens to the others');
  await page.context().close();
});

after(async () => {
  await browser?.close();
  await tollgate?.stop();
});

/** The event ids the events table lists, sorted. */
async function listedEvents(page: Page, caption: string): Promise<string[]> {
  const table = page.getByRole('table', { name: caption });
  await table.waitFor();
  const texts = await table.locator('tbody tr').allInnerTexts();
  return texts.map((text) => /evt_\w+/.exec(text)?.[0] ?? `(no event id in "${text}")`).sort();
}

/** The run ids the runs table lists, sorted. */
async function listedRuns(page: Page): Promise<string[]> {
  const table = page.getByRole('table', { name: 'Runs' });
  await table.waitFor();
  return (await table.getByRole('link', { name: /^run_/ }).allInnerTexts()).sort();
}

/** Requests the page makes to an API list with `?object=`: a refused id must make none. */
function objectRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/v1/') && url.searchParams.has('object')) seen.push(`${url.pathname}${url.search}`);
  });
  return seen;
}

void test("the events page finds a charge's events, then its customer's, and the runs they started", async () => {
  const page = await signedIn();
  await page.goto('/events');
  const search = page.getByRole('search', { name: 'Search events' });
  await search.getByLabel('Stripe object').fill(ANN_SECOND);
  await search.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL((url) => url.searchParams.get('object') === ANN_SECOND);
  assert.deepEqual(await listedEvents(page, `Stripe events about ${ANN_SECOND}`), eventsOf('ann-second'), 'a charge id finds its own event only');

  // Its customer's id, in the row, filters by the customer: the customer's own event and its charges', nobody else's.
  await page.getByRole('table').getByRole('link', { name: ANN }).click();
  await page.waitForURL((url) => url.searchParams.get('object') === ANN);
  assert.deepEqual(await listedEvents(page, `Stripe events about ${ANN}`), eventsOf('ann-first', 'ann-first-refunded', 'ann-second', 'ann-updated'));
  assert.equal(await search.getByLabel('Stripe object').inputValue(), ANN, 'the field follows the link');
  await page.getByText(`Only the events about ${ANN} and what belongs to it.`).waitFor();
  await screenshot(page, 'events-by-customer');

  await page.getByRole('link', { name: 'The runs about it' }).click();
  await page.waitForURL((url) => url.pathname === '/runs' && url.searchParams.get('object') === ANN);
  assert.equal(await page.getByLabel('Stripe object').inputValue(), ANN);
  await pollUntil(() => listedRuns(page), (runs) => runs.join() === runsOf('ann-first', 'ann-second').join(), { what: "only Ann's runs listed" });
  await screenshot(page, 'runs-by-customer');

  // Opening a search again (a link, a reload) shows the same list; an id nothing is about says so.
  await page.goto(`/events?object=${ANN_FIRST}`);
  assert.deepEqual(await listedEvents(page, `Stripe events about ${ANN_FIRST}`), eventsOf('ann-first', 'ann-first-refunded', 'ann-first-warning'), 'a charge finds the fraud warning about it');
  await search.getByLabel('Stripe object').fill('ch_3QNobodysCharge');
  await search.getByRole('button', { name: 'Search' }).click();
  await page.getByText('No events about ch_3QNobodysCharge').waitFor();
  await screenshot(page, 'events-object-none');
  await search.getByRole('button', { name: 'Show all' }).click();
  await page.waitForURL((url) => url.search === '');
  assert.deepEqual(await listedEvents(page, 'Received Stripe events'), eventsOf(...EVENTS.map((event) => event.name)));
  await page.context().close();
});

void test('a mistyped id is refused in the browser, and an id the server refuses is answered at the field', async () => {
  const page = await signedIn();
  const asked = objectRequests(page);
  await page.goto('/events');
  await page.getByRole('table', { name: 'Received Stripe events' }).waitFor();
  const field = page.getByLabel('Stripe object');
  await field.fill('ch one');
  await page.getByRole('button', { name: 'Search' }).click();
  const refusal = page.getByRole('alert');
  assert.match(await refusal.innerText(), /"ch one" is not a Stripe object id: use only letters, digits and "_"/);
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  assert.equal(new URL(page.url()).search, '', 'the URL keeps no refused id');
  assert.deepEqual(asked, [], 'a refused id is never sent');
  await screenshot(page, 'events-object-refused');

  await page.goto('/runs');
  await page.getByLabel('Stripe object').fill("';--");
  await page.getByRole('button', { name: 'Apply' }).click();
  assert.match(await page.getByRole('alert').innerText(), /is not a Stripe object id/);
  assert.equal(new URL(page.url()).search, '');
  assert.deepEqual(asked, [], 'the runs page sends no refused id either');

  // An id typed into the URL goes to the server, whose 400 is shown at the field instead of a failure.
  const answered = page.waitForResponse((response) => response.url().includes('/api/v1/events?') && response.url().includes('object='));
  await page.goto('/events?object=ch%20one');
  assert.equal((await answered).status(), 400);
  await page.getByRole('alert').getByText(/Tollgate refused "ch one": query\.object: a Stripe object id such as pi_3Nx/).waitFor();
  assert.equal(await page.getByText('Something went wrong').count(), 0);
  await screenshot(page, 'events-object-refused-by-server');
  await page.goto('/runs?object=ch%20one');
  await page.getByRole('alert').getByText(/Tollgate refused "ch one": query\.object:/).waitFor();
  assert.equal(await page.getByText('Something went wrong').count(), 0);
  await page.context().close();
});

void test("the runs page filtered by a customer's id lists that customer's runs only", async () => {
  const page = await signedIn();
  await page.goto('/runs');
  await pollUntil(() => listedRuns(page), (runs) => runs.length === 3, { what: 'all three runs listed' });
  const filters = page.getByRole('form', { name: 'Filter runs' });
  await filters.getByLabel('Stripe object').fill(BOB);
  await filters.getByRole('button', { name: 'Apply' }).click();
  await page.waitForURL((url) => url.searchParams.get('object') === BOB);
  await pollUntil(() => listedRuns(page), (runs) => runs.join() === runsOf('bob-only').join(), { what: "only Bob's run listed" });
  // Beside another filter: Bob's run is a charge-watch run, of no other workflow.
  await filters.getByLabel('Workflow').selectOption('charge-watch');
  await page.waitForURL((url) => url.searchParams.get('workflow') === 'charge-watch' && url.searchParams.get('object') === BOB);
  assert.deepEqual(await listedRuns(page), runsOf('bob-only'));
  await page.context().close();
});

void test("an event's page links what it is about to the events about each", async () => {
  const page = await signedIn();
  await page.goto(`/events/${sent.get('ann-first')!.event}`);
  const about = page.getByRole('region', { name: 'About' });
  await about.getByRole('link', { name: ANN_FIRST }).waitFor();
  assert.match(await about.innerText(), new RegExp(`charge\\s+${ANN_FIRST}`));
  await screenshot(page, 'event-detail-about');
  await about.getByRole('link', { name: ANN }).click();
  await page.waitForURL((url) => url.pathname === '/events' && url.searchParams.get('object') === ANN);
  assert.deepEqual(await listedEvents(page, `Stripe events about ${ANN}`), eventsOf('ann-first', 'ann-first-refunded', 'ann-second', 'ann-updated'));

  // A fraud warning is about the charge it warns of: its page links that charge.
  await page.goto(`/events/${sent.get('ann-first-warning')!.event}`);
  await about.getByRole('link', { name: ANN_FIRST }).waitFor();
  assert.match(await about.innerText(), new RegExp(`Charge\\s+${ANN_FIRST}`));
  await screenshot(page, 'event-detail-warning');
  await about.getByRole('link', { name: ANN_FIRST }).click();
  await page.waitForURL((url) => url.pathname === '/events' && url.searchParams.get('object') === ANN_FIRST);
  assert.deepEqual(await listedEvents(page, `Stripe events about ${ANN_FIRST}`), eventsOf('ann-first', 'ann-first-refunded', 'ann-first-warning'));
  await page.context().close();
});

void test("a run's page says what its event was about, each id a way to everything about it", async () => {
  const page = await signedIn();
  const [run] = runsOf('ann-first');
  await page.goto(`/runs/${run}`);
  const about = page.getByRole('definition').filter({ has: page.getByRole('link', { name: ANN_FIRST }) });
  await about.waitFor();
  assert.match(await about.innerText(), new RegExp(`charge\\s+${ANN_FIRST}\\s+customer\\s+${ANN}`));
  await page.locator('.react-flow__node').first().waitFor();
  await screenshot(page, 'run-detail-about');
  await about.getByRole('link', { name: ANN }).click();
  await page.waitForURL((url) => url.pathname === '/events' && url.searchParams.get('object') === ANN);
  assert.deepEqual(await listedEvents(page, `Stripe events about ${ANN}`), eventsOf('ann-first', 'ann-first-refunded', 'ann-second', 'ann-updated'));
  await page.context().close();

  const phone = await signedIn('phone');
  await phone.goto(`/runs/${run}`);
  await phone.getByRole('link', { name: ANN_FIRST }).waitFor();
  await phone.locator('.react-flow__node').first().waitFor();
  assert.equal(await sidewaysOverflow(phone), 0, "the run's page fits the phone");
  await screenshot(phone, 'run-detail-about');
  await phone.context().close();
});

void test('looking up a Stripe object reads on a phone', async () => {
  const page = await signedIn('phone');
  await page.goto(`/events?object=${ANN}`);
  assert.deepEqual(await listedEvents(page, `Stripe events about ${ANN}`), eventsOf('ann-first', 'ann-first-refunded', 'ann-second', 'ann-updated'));
  assert.equal(await sidewaysOverflow(page), 0, 'the filtered events fit the phone');
  await screenshot(page, 'events-by-customer');

  await page.getByLabel('Stripe object').fill('ch one');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('alert').waitFor();
  assert.equal(await sidewaysOverflow(page), 0, 'the refusal fits the phone');
  await screenshot(page, 'events-object-refused');

  await page.goto(`/runs?object=${ANN}`);
  await pollUntil(() => listedRuns(page), (runs) => runs.join() === runsOf('ann-first', 'ann-second').join(), { what: "only Ann's runs listed" });
  assert.equal(await sidewaysOverflow(page), 0, 'the filtered runs fit the phone');
  await screenshot(page, 'runs-by-customer');

  await page.goto(`/events/${sent.get('ann-second')!.event}`);
  await page.getByRole('region', { name: 'About' }).getByRole('link', { name: ANN }).waitFor();
  assert.equal(await sidewaysOverflow(page), 0, 'the event page fits the phone');
  await screenshot(page, 'event-detail-about');
  await page.context().close();
});
