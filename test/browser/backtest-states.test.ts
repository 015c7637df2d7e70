/**
 * The backtest page and the preview panel in each of their states, against the preview and
 * backtest API of issue 10 served by `page.route` (the pages' own logic, with known answers);
 * `backtest.test.ts` runs the same pages against the real API and the sandbox.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page, Route } from 'playwright-core';
import { logIn, newPage, screenshot, sidewaysOverflow, type ViewportName } from './support/browser.ts';
import { tollgateInBrowser } from './support/browser-tollgate.ts';
import { backtest, backtestRuns, CHARGES, previewOf, UNMATCHED_PREVIEW } from './support/simulation-fixtures.ts';

const suite = tollgateInBrowser();

interface Served {
  requests: { method: string; path: string; query: URLSearchParams; body: Record<string, unknown> | null }[];
  /** The backtest answers `running` until this is set. */
  finished: boolean;
}

/** Serves the simulation API from the fixtures and records what the page asked. */
async function serveSimulation(page: Page): Promise<Served> {
  const served: Served = { requests: [], finished: false };
  const answer = (route: Route, status: number, body: unknown) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
  await page.route(
    (url) => url.pathname === '/api/v1/preview' || url.pathname.startsWith('/api/v1/backtests'),
    async (route) => {
      const request = route.request();
      const url = new URL(request.url());
      const body = request.postData() === null ? null : (JSON.parse(request.postData() ?? 'null') as Record<string, unknown>);
      served.requests.push({ method: request.method(), path: url.pathname, query: url.searchParams, body });
      if (url.pathname === '/api/v1/preview') {
        if (body?.event !== undefined) return answer(route, 200, UNMATCHED_PREVIEW);
        return answer(route, 200, previewOf(body?.event_id as string | undefined, { sample: body?.event_id === undefined, liveReads: body?.live_reads === true }));
      }
      if (request.method() === 'POST' && url.pathname === '/api/v1/backtests') return answer(route, 202, { backtest: backtest('running', 0) });
      if (url.pathname === '/api/v1/backtests/bt_mock') return answer(route, 200, { backtest: served.finished ? backtest('completed', CHARGES.length) : backtest('running', 3) });
      if (url.pathname === '/api/v1/backtests/bt_mock/runs') return answer(route, 200, backtestRuns());
      return answer(route, 404, { error: { code: 'not_found', message: `No mock for ${request.method()} ${url.pathname}` } });
    },
  );
  return served;
}

void test('backtest page: progress while it runs, then the report with the money, the would-be runs and a drill-down to one refund', async () => {
  const page = await newPage(suite.browser, suite.tollgate.url);
  await logIn(page, suite.tollgate.admin.email, suite.tollgate.admin.password);
  const served = await serveSimulation(page);
  await page.goto('/workflows/fraud-warning-refund');
  await page.getByRole('link', { name: 'Backtest' }).click();
  await page.getByRole('heading', { name: 'Backtest: Take action based on fraud warnings', level: 1 }).waitFor();
  const form = page.getByRole('form', { name: 'Replay stored events' });
  await form.getByLabel('Definition').selectOption('1');
  assert.match(await form.getByLabel('Definition').locator('option:checked').innerText(), /^Version 1 \(active\)/);

  // A window that cannot be: said where, and nothing sent.
  await form.getByText('The last N events').click();
  await form.getByLabel('Number of events').fill('0');
  await form.getByRole('button', { name: 'Run backtest' }).click();
  await form.getByText(/A whole number of events, 1 to/).waitFor();
  assert.equal(served.requests.length, 0);

  await form.getByText('Last 7 days').click();
  await form.getByLabel('Live reads').check();
  await form.getByRole('button', { name: 'Run backtest' }).click();
  await page.getByText('3 of 4 events replayed').waitFor();
  await screenshot(page, 'backtest-running');
  const started = served.requests.find((request) => request.method === 'POST' && request.path === '/api/v1/backtests');
  assert.ok(started?.body);
  assert.equal(started.body.since, '7d');
  assert.equal(started.body.live_reads, true);
  assert.equal(started.body.approval, 'approve');
  assert.equal((started.body.definition as { id: string }).id, 'fraud-warning-refund');

  served.finished = true;
  const report = page.getByRole('region', { name: 'Report' });
  await report.getByText('would refund 2 charges, 21.00 USD; would email the team 2 times').waitFor();
  await report.getByRole('group', { name: 'Money it would move' }).getByText('21.00 USD', { exact: true }).waitFor();
  await report.getByRole('group', { name: 'Runs that would start' }).getByText('4', { exact: true }).waitFor();
  await report.getByRole('listitem').filter({ hasText: 'would refund 2 times' }).getByText('21.00 USD').waitFor();
  const runs = page.getByRole('region', { name: 'Would-be runs' });
  assert.equal(await runs.getByRole('row').count(), CHARGES.length + 1);
  await screenshot(page, 'backtest-report');

  await runs.getByRole('button', { name: 'Open the run for evt_mock_1' }).click();
  const drill = page.getByRole('region', { name: /Run for evt_mock_1/ });
  await drill.getByText('would refund 9.00 USD').waitFor();
  await drill.getByRole('group', { name: 'Input of refund' }).getByText('"ch_mock_1"').waitFor();
  await drill.getByText('Live read from Stripe', { exact: true }).waitFor();
  const drilled = served.requests.find((request) => request.path === '/api/v1/preview');
  assert.equal(drilled?.body?.event_id, 'evt_mock_1');
  assert.equal(drilled?.body?.live_reads, true, 'the drill-down reads as the backtest did');
  await screenshot(page, 'backtest-drill-down');

  // The page keeps the backtest across a reload.
  await page.reload();
  await page.getByRole('region', { name: 'Report' }).getByText(/would refund 2 charges/).waitFor();
  await page.context().close();
});

void test('preview panel: a sample event shows the email as it would be sent; pasted JSON is checked, and an unmatched event names the condition', async () => {
  const page = await newPage(suite.browser, suite.tollgate.url);
  await logIn(page, suite.tollgate.admin.email, suite.tollgate.admin.password);
  const served = await serveSimulation(page);
  await page.goto('/workflows/personalize-orders/backtest');
  await page.getByText('Preview one event first').click();
  const panel = page.getByRole('region', { name: 'Preview' });
  await panel.getByRole('button', { name: 'Run preview' }).click();
  await panel.getByRole('region', { name: /Email as it would be sent/ }).getByText('sam@example.com').waitFor();
  await panel.getByText(/A sample .* event, generated for the trigger/).waitFor();
  assert.equal(served.requests.at(-1)?.body?.event_id, undefined);
  assert.equal(served.requests.at(-1)?.body?.event, undefined);
  await screenshot(page, 'preview-sample');

  // No payment_intent.succeeded has arrived in this Tollgate: the picker says so, and nothing is sent.
  await panel.getByText('A past event').click();
  await panel.getByText(/has been received yet/).waitFor();
  const before = served.requests.length;
  await panel.getByRole('button', { name: 'Run preview' }).click();
  await panel.getByText('Choose a past event to run the preview on.').waitFor();
  assert.equal(served.requests.length, before);

  await panel.getByText('Paste JSON').click();
  await panel.getByLabel('Stripe event JSON').fill('{"type": "payment_intent.succeeded"');
  await panel.getByRole('button', { name: 'Run preview' }).click();
  await panel.getByText(/This is not JSON/).waitFor();
  const sent = served.requests.length;
  await panel.getByLabel('Stripe event JSON').fill('{"type": "payment_intent.succeeded"}');
  await panel.getByRole('button', { name: 'Run preview' }).click();
  await panel.getByText(/The event has no "data"/).waitFor();
  assert.equal(served.requests.length, sent, 'nothing sent while the JSON is wrong');

  await panel.getByLabel('Stripe event JSON').fill('{"type": "payment_intent.succeeded", "data": {"object": {"amount": 500, "currency": "usd"}}}');
  await panel.getByRole('button', { name: 'Run preview' }).click();
  await panel.getByText('No run would start:').waitFor();
  await panel.getByText('object.amount > $minor(1000, "usd") and object.currency = "usd"').waitFor();
  assert.deepEqual(served.requests.at(-1)?.body?.event, { type: 'payment_intent.succeeded', data: { object: { amount: 500, currency: 'usd' } } });
  await screenshot(page, 'preview-unmatched');

  // In sandbox mode the draft can run for real there, after a confirm.
  await panel.getByText('Sample event').click();
  await panel.getByRole('button', { name: 'Run for real in the sandbox' }).click();
  const dialog = page.getByRole('dialog', { name: 'Run this draft for real in the sandbox?' });
  await dialog.getByText(/Nothing reaches real Stripe/).waitFor();
  await screenshot(page, 'preview-sandbox-confirm');
  await dialog.getByRole('button', { name: 'Run in the sandbox' }).click();
  await dialog.waitFor({ state: 'detached' });
  await panel.getByText('This run ran for real in the sandbox.').waitFor();
  assert.equal(served.requests.at(-1)?.body?.effects, 'sandbox');
  await page.context().close();
});

for (const viewport of ['phone'] as ViewportName[]) {
  void test(`the backtest report reads on a ${viewport}`, async () => {
    const page = await newPage(suite.browser, suite.tollgate.url, viewport);
    await logIn(page, suite.tollgate.admin.email, suite.tollgate.admin.password);
    const served = await serveSimulation(page);
    served.finished = true;
    await page.goto('/workflows/fraud-warning-refund/backtest?version=1&backtest=bt_mock');
    await page.getByRole('region', { name: 'Report' }).getByText(/would refund 2 charges/).waitFor();
    await page.getByRole('button', { name: 'Open the run for evt_mock_3' }).click();
    await page.getByRole('region', { name: /Run for evt_mock_3/ }).getByText('Early fraud warning on ch_mock_3').first().waitFor();
    const overflow = await sidewaysOverflow(page);
    assert.equal(overflow, 0, 'nothing sticks out sideways');
    await screenshot(page, 'backtest-report');
    await page.context().close();
  });
}
