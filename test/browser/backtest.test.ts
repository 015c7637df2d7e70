/**
 * Backtest fraud-warning-refund over early fraud warnings fired in the sandbox: the refund total
 * the page reports is the sum of the charges below the 15 USD dispute fee, read live from Stripe,
 * and one would-be run opens its refund request. Runs against the real preview and backtest API.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatAmount } from '../../src/expression/money.ts';
import { pollUntil } from '../support/poll-until.ts';
import { logIn, newPage, screenshot } from './support/browser.ts';
import { tollgateInBrowser } from './support/browser-tollgate.ts';

const suite = tollgateInBrowser();

const WORKFLOW = 'fraud-warning-refund';
const EVENT = 'radar.early_fraud_warning.created';
/** Charges in cents: below 1500 are refunded, the others go to the team. */
const AMOUNTS = [900, 1450, 1500, 4200, 700];

void test('a backtest with live reads reports the refunds the events call for, and drills into one refund request', async () => {
  const page = await newPage(suite.browser, suite.tollgate.url);
  await logIn(page, suite.tollgate.admin.email, suite.tollgate.admin.password);
  const api = page.context().request;
  // The example is active: left so, it would refund the charges for real before the backtest reads them.
  const deactivated = await api.post(`/api/v1/workflows/${WORKFLOW}/deactivate`);
  assert.equal(deactivated.status(), 200, await deactivated.text());

  const fired: { event: string; charge: string; amount: number }[] = [];
  for (const amount of AMOUNTS) {
    const answer = await api.post(`${suite.tollgate.sandboxUrl}/_sandbox/trigger`, { data: { event: EVENT, amount, currency: 'usd' } });
    assert.equal(answer.status(), 200, await answer.text());
    const event = (await answer.json()) as { id: string; data: { object: { charge: string } } };
    fired.push({ event: event.id, charge: event.data.object.charge, amount });
  }
  await pollUntil(
    async () => ((await (await api.get('/api/v1/events', { params: { type: EVENT, limit: 200 } })).json()) as { events: { id: string }[] }).events.map((event) => event.id),
    (ids) => fired.every((item) => ids.includes(item.event)),
    { what: 'the sandbox delivered every fraud warning' },
  );
  const refunded = fired.filter((item) => item.amount < 1500);
  const total = refunded.reduce((sum, item) => sum + item.amount, 0);

  await page.goto(`/workflows/${WORKFLOW}`);
  await page.getByRole('link', { name: 'Backtest' }).click();
  const form = page.getByRole('form', { name: 'Replay stored events' });
  await form.getByText('Last 24 hours').click();
  await form.getByLabel('Live reads').check();
  await form.getByRole('button', { name: 'Run backtest' }).click();

  const report = page.getByRole('region', { name: 'Report' });
  await report.waitFor({ timeout: 120_000 });
  await report.getByRole('group', { name: 'Runs that would start' }).getByText(String(fired.length), { exact: true }).waitFor();
  await report.getByRole('group', { name: 'Money it would move' }).getByText(formatAmount(total, 'usd'), { exact: true }).waitFor();
  assert.match(await report.locator('.backtest-summary').innerText(), new RegExp(`${refunded.length} charges?, ${formatAmount(total, 'usd').replace('.', '\\.')}`));
  await screenshot(page, 'backtest-real-report');

  const first = refunded[0];
  assert.ok(first);
  const runs = page.getByRole('region', { name: 'Would-be runs' });
  await runs.getByRole('button', { name: `Open the run for ${first.event}` }).click();
  const drill = page.getByRole('region', { name: new RegExp(`Run for ${first.event}`) });
  await drill.getByText(formatAmount(first.amount, 'usd')).first().waitFor();
  const request = drill.getByRole('group', { name: 'Input of refund' });
  await request.getByText(`"${first.charge}"`).waitFor();
  await request.getByText('"fraudulent"').waitFor();
  await screenshot(page, 'backtest-real-drill-down');

  // Nothing was refunded: every side effect was stubbed.
  const refunds = await api.get(`${suite.tollgate.sandboxUrl}/v1/refunds`, { params: { charge: first.charge }, headers: { authorization: 'Bearer sk_test_backtest' } });
  assert.deepEqual(((await refunds.json()) as { data: unknown[] }).data, []);
  await page.context().close();
});
