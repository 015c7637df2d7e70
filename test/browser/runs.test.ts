import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { APIRequestContext, Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, linesOf, logIn, newPage, sawText, screenshot, sidewaysOverflow, watchForText, type ViewportName } from './support/browser.ts';
import { startTollgate, type BrowserTollgate } from './support/browser-tollgate.ts';

let tollgate: BrowserTollgate;
let browser: Browser;
/** A ledger the workflow calls: it refuses (400) until the test lets it answer. */
let ledger: Server;
let ledgerUp = false;
let failedRun: string;
let smallRun: string;

const workflows = (port: number) => `
kind: Workflow
id: ledger-check
title: Ledger check
trigger:
  type: manual
  input:
    - { key: amount, type: number, required: true }
steps:
  - id: size
    title: Size the amount
    type: decision
    branches:
      - { when: amount >= 500, next: call }
    otherwise: small
  - id: small
    title: Mark small
    type: set
    values: { size: small }
    next: done
  - id: call
    title: Call the ledger
    type: action
    uses: http.request
    with: { url: "http://127.0.0.1:${port}/ledger", method: POST, body: { amount: "{{ amount }}" } }
    retry: { attempts: 1 }
  - { id: done, type: end, outcome: Checked }
---
kind: Workflow
id: slow-check
title: Slow check
trigger: { type: manual }
steps:
  - { id: pause, type: wait, for: 1h }
  - { id: done, type: end, outcome: Waited }
---
kind: Workflow
id: payout-reconciliation
title: Reconcile Stripe payouts against the bank statement
trigger: { type: manual }
steps:
  - { id: pause, type: wait, for: 1h }
  - { id: done, type: end, outcome: Reconciled }
`;

/** A workflow whose title is longer than a chart's label: home shows it whole. */
const LONG_TITLE = 'Reconcile Stripe payouts against the bank statement';

async function startRun(request: APIRequestContext, workflow: string, input: object = {}): Promise<string> {
  const started = await request.post(`${tollgate.url}/api/v1/workflows/${workflow}/runs`, { data: { input }, headers: { 'idempotency-key': crypto.randomUUID() } });
  assert.equal(started.status(), 202, await started.text());
  return ((await started.json()) as { run: { id: string } }).run.id;
}

async function waitForStatus(request: APIRequestContext, id: string, statuses: string[]): Promise<void> {
  for (;;) {
    const answer = await request.get(`${tollgate.url}/api/v1/runs/${id}`);
    const status = ((await answer.json()) as { run: { status: string } }).run.status;
    if (statuses.includes(status)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

before(async () => {
  ledger = createServer((request, response) => {
    request.resume();
    response.writeHead(ledgerUp ? 200 : 400, { 'content-type': 'application/json' });
    response.end(JSON.stringify(ledgerUp ? { booked: true } : { error: 'ledger closed for the night' }));
  });
  await new Promise<void>((resolve) => ledger.listen(0, '127.0.0.1', resolve));
  [tollgate, browser] = await Promise.all([startTollgate(), launchBrowser()]);
  const page = await newPage(browser, tollgate.url);
  await logIn(page, tollgate.admin.email, tollgate.admin.password);
  const request = page.context().request;
  const applied = await request.post(`${tollgate.url}/api/v1/apply`, { data: workflows((ledger.address() as AddressInfo).port), headers: { 'content-type': 'application/yaml' } });
  assert.equal(applied.status(), 200, await applied.text());
  smallRun = await startRun(request, 'ledger-check', { amount: 100 });
  failedRun = await startRun(request, 'ledger-check', { amount: 900 });
  await startRun(request, 'payout-reconciliation');
  await waitForStatus(request, smallRun, ['succeeded']);
  await waitForStatus(request, failedRun, ['failed']);
  await page.context().close();
});

after(async () => {
  await browser?.close();
  await tollgate?.stop();
  await new Promise((resolve) => ledger?.close(resolve));
});

async function signedIn(viewport: ViewportName = 'desktop'): Promise<Page> {
  const page = await newPage(browser, tollgate.url, viewport);
  await logIn(page, tollgate.admin.email, tollgate.admin.password);
  return page;
}

/** The chart's bars are as wide as its slots allow (a bar per hour or per day), not hairlines. */
async function assertWideBars(chart: Locator, slots: number): Promise<void> {
  const plot = await chart.locator('.recharts-cartesian-grid').first().boundingBox();
  const bar = await chart.locator('.recharts-bar-rectangle path').first().boundingBox();
  assert.ok(plot !== null && bar !== null, 'the chart draws a bar');
  assert.ok(bar.width >= (plot.width / slots) * 0.5, `a bar is ${bar.width.toFixed(1)} px wide in a ${plot.width.toFixed(0)} px chart of ${slots} slots`);
}

void test('home shows the failed run of the last 24 hours and the charts, at both widths', async () => {
  for (const viewport of ['desktop', 'phone'] as const) {
    const page = await signedIn(viewport);
    // The step named by its id in words instead of its title, or the workflow by its id instead of its title.
    await page.addInitScript({ content: watchForText('[aria-labelledby="home-failed"]', ['at “Call”', 'ledger-check']) });
    await page.goto('/');
    const failed = page.getByRole('region', { name: 'Runs failed in the last 24 hours' });
    // The list gives the workflow's and the step's titles: the line is right as soon as it shows, with nothing else to wait for.
    const line = failed.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Ledger check', exact: true }) });
    await line.waitFor();
    assert.match(await line.innerText(), /at “Call the ledger”: .*answered 400/);
    assert.equal(await sawText(page), null, 'neither the workflow by its id nor the step by its id in words (“Call”) ever showed');
    const hourly = page.getByRole('region', { name: 'Runs per hour, last 24 hours' });
    await hourly.locator('.recharts-surface').first().waitFor();
    assert.match(await hourly.innerText(), /\d+ started · 1 succeeded · 1 failed/);
    await assertWideBars(hourly, 24);
    // Each workflow by its whole title, never cut, on the screen; it leads to the workflow's runs.
    const perWorkflow = page.getByRole('region', { name: 'Runs per workflow, last 7 days' });
    const longName = perWorkflow.getByRole('link', { name: LONG_TITLE, exact: true });
    await longName.waitFor();
    const [nameBox, cardBox] = await Promise.all([longName.boundingBox(), perWorkflow.boundingBox()]);
    assert.ok(nameBox !== null && cardBox !== null && nameBox.x >= cardBox.x && nameBox.x + nameBox.width <= cardBox.x + cardBox.width, 'the title shows whole inside its card');
    assert.match((await longName.getAttribute('href')) ?? '', /\/runs\?workflow=payout-reconciliation$/);
    assert.match(await perWorkflow.innerText(), /Ledger check\s+2 started · 1 succeeded · 1 failed/);
    assert.equal(await sidewaysOverflow(page), 0, 'home fits the screen');
    await page.getByRole('region', { name: 'My open approvals' }).waitFor();
    await page.getByRole('region', { name: 'My open requests' }).waitFor();
    await screenshot(page, 'home');
    await page.locator('label.segment', { hasText: 'Last 7 days' }).click();
    const daily = page.getByRole('region', { name: 'Runs per day, last 7 days' });
    assert.match(await daily.innerText(), /\d+ started · 1 succeeded · 1 failed/, "today's runs count in the week");
    await assertWideBars(daily, 7);
    await screenshot(page, 'home-week');
    if (viewport === 'desktop') {
      await failed.getByRole('link', { name: 'Ledger check' }).click();
      await page.waitForURL((url) => url.pathname === `/runs/${failedRun}`);
    }
    await page.context().close();
  }
});

void test('the runs list shows the runs and filters them, with the filters in the URL', async () => {
  const page = await signedIn();
  // Each run's workflow by the title the list gives, never by its id until the workflow names arrive.
  await page.addInitScript({ content: watchForText('.run-workflow', ['ledger-check']) });
  await page.goto('/runs');
  const table = page.getByRole('table', { name: 'Runs' });
  await table.getByRole('link', { name: failedRun }).waitFor();
  await table.getByRole('link', { name: smallRun }).waitFor();
  assert.match(await table.getByRole('row').filter({ has: page.getByRole('link', { name: failedRun }) }).locator('.run-workflow').innerText(), /^Ledger check v1$/);
  assert.equal(await sawText(page), null, 'a workflow was never named by its id');
  await screenshot(page, 'runs');
  // At 1280 the table fits its frame, a run id breaks into two lines at most, and a start time stays on one.
  const frame = await table.evaluate((element) => {
    const wrap = (element as unknown as { parentElement: { scrollWidth: number; clientWidth: number } }).parentElement;
    return { scroll: wrap.scrollWidth, width: wrap.clientWidth };
  });
  assert.equal(frame.scroll, frame.width, 'the runs table scrolls sideways');
  assert.ok((await linesOf(table.getByRole('link', { name: failedRun }))) <= 2, 'a run id takes more than two lines');
  assert.equal(await linesOf(table.locator('time').first()), 1, 'a start time wraps');

  await page.getByLabel('Status').selectOption('failed');
  await page.waitForURL((url) => url.searchParams.get('status') === 'failed');
  await table.getByRole('link', { name: smallRun }).waitFor({ state: 'detached' });
  assert.equal(await table.getByRole('link', { name: failedRun }).count(), 1);

  await page.getByLabel('Workflow').selectOption('slow-check');
  await page.getByText('No runs match these filters.').waitFor();
  await page.getByRole('button', { name: 'Clear' }).click();
  await page.waitForURL((url) => url.search === '');
  await table.getByRole('link', { name: smallRun }).waitFor();

  await page.getByLabel('Event id').fill('evt_none');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.waitForURL((url) => url.searchParams.get('event') === 'evt_none');
  await page.getByText('No runs match these filters.').waitFor();

  // A filtered list is a link: opening it again shows the same filters.
  await page.goto('/runs?workflow=ledger-check&status=succeeded');
  await table.getByRole('link', { name: smallRun }).waitFor();
  assert.equal(await page.getByLabel('Status').inputValue(), 'succeeded');
  assert.equal(await table.getByRole('link', { name: failedRun }).count(), 0);
  await page.context().close();

  const phone = await signedIn('phone');
  await phone.goto('/runs');
  await phone.getByRole('link', { name: failedRun }).waitFor();
  await screenshot(phone, 'runs');
  await phone.context().close();
});

void test('a started window that ends before it starts is refused at "Started before", and no list is asked for, at both widths', async () => {
  for (const viewport of ['desktop', 'phone'] as const) {
    const page = await signedIn(viewport);
    const asked: URL[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/v1/runs') asked.push(url);
    });
    await page.goto('/runs?workflow=ledger-check');
    const filters = page.getByRole('form', { name: 'Filter runs' });
    await page.getByRole('table', { name: 'Runs' }).getByRole('link', { name: smallRun }).waitFor();
    await filters.getByLabel('Started', { exact: true }).selectOption({ label: 'Custom' });
    await filters.getByLabel('Started from').fill('2030-01-02T00:00');
    await filters.getByLabel('Started before').fill('2030-01-01T00:00');
    await page.waitForURL((url) => url.searchParams.get('to') === '2030-01-01T00:00');
    await filters.getByText('Pick a time after “Started from”.').waitFor();
    assert.equal(await filters.getByLabel('Started before').getAttribute('aria-invalid'), 'true', viewport);
    assert.equal(await filters.getByLabel('Started before').getAttribute('aria-describedby'), 'runs-time-range-error', 'the field names its error');
    assert.equal(await page.getByRole('table', { name: 'Runs' }).count(), 0, 'no list stands under the refused range');
    assert.equal(await page.getByText('No runs match these filters.').count(), 0, 'nor "no runs match"');
    assert.deepEqual(
      asked.filter((url) => url.searchParams.has('created_before')),
      [],
      'no list is asked for with the impossible range',
    );
    assert.equal(await sidewaysOverflow(page), 0, `nothing sticks out sideways (${viewport})`);
    await screenshot(page, 'runs-time-range-refused');

    // A later "Started before" makes the window possible: the list is asked for again.
    await filters.getByLabel('Started before').fill('2030-01-03T00:00');
    await page.getByText('No runs match these filters.').waitFor();
    assert.equal(await filters.getByText('Pick a time after “Started from”.').count(), 0, 'the error is gone');
    assert.equal(await filters.getByLabel('Started before').getAttribute('aria-invalid'), 'false');
    await page.context().close();
  }
});

void test('run detail shows the graph with the path taken and the timeline; a failed run is retried from its failed step', async () => {
  // The header, the summary, the retry button and the timeline's headings name the workflow and the steps by the titles
  // the run's answer gives, from their first render: never the workflow by its id until the workflow names arrive, nor a
  // step by its id in words until the workflow's graph does ("Call", a heading "Call call" with the id beside it).
  const stepIdWords = watchForText('.page-header, [aria-labelledby="summary-heading"], .timeline-step h3', ['ledger-check', 'Failed at “Call”', 'Retry from “Call”', 'Call call', 'Size size']);
  const phone = await signedIn('phone');
  await phone.addInitScript({ content: stepIdWords });
  await phone.goto(`/runs/${failedRun}`);
  await phone.locator('.react-flow__node').first().waitFor();
  assert.match(await phone.locator('.run-error').innerText(), /^Failed at “Call the ledger”:/);
  assert.equal(await sawText(phone), null, 'neither the workflow nor a step was ever named by its id');
  await screenshot(phone, 'run-detail');
  await phone.context().close();

  const page = await signedIn();
  await page.addInitScript({ content: stepIdWords });
  await page.goto(`/runs/${failedRun}`);
  const graph = page.getByRole('img', { name: /Workflow graph/ });
  await graph.locator('.react-flow__node').first().waitFor();
  assert.equal(await graph.locator('.react-flow__node').count(), 4);
  const node = (title: string) => graph.locator('.graph-node', { hasText: title });
  assert.match((await node('Size the amount').getAttribute('class')) ?? '', /state-succeeded/);
  assert.match((await node('Call the ledger').getAttribute('class')) ?? '', /state-failed/);
  assert.match((await node('Mark small').getAttribute('class')) ?? '', /state-not_run/);
  assert.equal(await graph.locator('.graph-edge.taken').count(), 1, 'the decision led to the call');
  // The legend's labels in sentence case, like every label (a node says its state inside its label: "action · failed").
  const legend = (await page.getByRole('list', { name: 'Legend' }).getByRole('listitem').allInnerTexts()).map((item) => item.trim());
  assert.deepEqual(legend, ['Succeeded', 'Failed', 'Waiting', 'Not run', 'Path taken']);

  const timeline = page.getByRole('region', { name: 'Timeline' });
  await timeline.getByRole('heading', { name: /Call the ledger/ }).waitFor();
  assert.match(await timeline.innerText(), /answered 400/);
  assert.match(await timeline.innerText(), /Size the amount/);
  await screenshot(page, 'run-detail');
  // Large values start folded and unfold by keyboard.
  const fold = timeline.getByRole('button', { name: /^(Fold|Unfold) / }).first();
  const before = await fold.getAttribute('aria-expanded');
  await fold.focus();
  await page.keyboard.press('Enter');
  assert.notEqual(await fold.getAttribute('aria-expanded'), before);

  ledgerUp = true;
  // The step it failed at is named by its title, in the summary and on the retry button, not by its id.
  assert.match(await page.locator('.run-error').innerText(), /^Failed at “Call the ledger”:/);
  assert.equal(await sawText(page), null, 'neither the workflow nor a step was ever named by its id');
  await page.getByRole('button', { name: 'Retry from “Call the ledger”' }).click();
  await page.getByRole('heading', { name: /Ledger check/ }).getByText('Succeeded', { exact: true }).waitFor();
  await timeline.getByText('Attempt 2').waitFor();
  assert.match((await node('Call the ledger').getAttribute('class')) ?? '', /state-succeeded/);
  assert.equal(await graph.locator('.graph-edge.taken').count(), 2, 'then the call led to the end');
  // A step without a title is named by its id in words, the id beside it.
  assert.match((await node('Done').getAttribute('class')) ?? '', /state-succeeded/);
  assert.equal(await timeline.getByRole('heading', { name: 'Done done' }).count(), 1);
  assert.equal(await page.getByRole('button', { name: /Retry from/ }).count(), 0, 'a succeeded run offers no retry');
  await screenshot(page, 'run-detail-retried');
  await page.context().close();
});

void test('a waiting run is cancelled after a confirm step', async () => {
  const page = await signedIn();
  const id = await startRun(page.context().request, 'slow-check');
  await waitForStatus(page.context().request, id, ['waiting']);
  await page.goto(`/runs/${id}`);
  await page.getByRole('button', { name: 'Cancel run' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel this run?' });
  await dialog.waitFor();
  // The dialog says what cancelling does, and focus starts on the harmless choice.
  assert.match((await page.locator(`#${(await dialog.getAttribute('aria-describedby')) ?? 'none'}`).textContent()) ?? '', /cannot be resumed/);
  await dialog.locator('button:focus', { hasText: 'Keep running' }).waitFor();
  await screenshot(page, 'run-cancel-confirm');
  await dialog.getByRole('button', { name: 'Keep running' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Cancel run' }).click();
  await dialog.getByRole('button', { name: 'Yes, cancel the run' }).click();
  await page.getByRole('heading', { name: /Slow check/ }).getByText('Cancelled', { exact: true }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Cancel run' }).count(), 0);
  await page.context().close();
});
