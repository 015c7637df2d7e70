import assert from 'node:assert/strict';
import { test } from 'node:test';
import { logIn, newPage, reloadUntilVisible, screenshot } from './support/browser.ts';
import { tollgateInBrowser } from './support/browser-tollgate.ts';

// The test loop in the browser: replay a stored event, and end a 2-day wait now (the sandbox allows it).
const suite = tollgateInBrowser();

const FOLLOW_UP = `kind: Workflow
id: follow-up
title: Follow up in two days
trigger: { type: manual }
steps:
  - { id: two_days, type: wait, for: 2d }
  - { id: done, type: end, outcome: Followed up }
`;

void test('an event page replays the event: nothing where runs exist, new runs only after a confirm', async () => {
  const page = await newPage(suite.browser, suite.tollgate.url);
  await logIn(page, suite.tollgate.admin.email, suite.tollgate.admin.password);
  const fired = await page.request.post(`${suite.tollgate.sandboxUrl}/_sandbox/trigger`, { data: { event: 'payment_intent.succeeded', amount: 150000, currency: 'usd' } });
  const event = ((await fired.json()) as { id: string }).id;
  await page.goto(`/events/${event}`);
  const runs = page.getByRole('region', { name: 'Runs it started' });
  await reloadUntilVisible(page, () => runs.getByRole('listitem').filter({ hasText: 'Personalize orders' }).getByRole('link', { name: /^run_/ }));

  const replay = page.getByRole('region', { name: 'Replay' });
  await replay.getByRole('button', { name: 'Replay where no run started' }).click();
  const results = replay.getByRole('list', { name: 'What the replay did' });
  await results.getByRole('listitem').filter({ hasText: 'Personalize orders' }).getByText(/already ran/).waitFor();

  await replay.getByRole('button', { name: 'Start again everywhere…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start every matching workflow again?' });
  await dialog.getByText(/happens again/).waitFor();
  await dialog.getByRole('button', { name: 'Yes, start new runs' }).click();
  await dialog.waitFor({ state: 'detached' });
  await results.getByRole('listitem').filter({ hasText: 'Personalize orders' }).getByText(/started .*\(replay 1\)/).waitFor();
  // The event's own list now shows the replayed run beside the first one.
  await runs.getByText(/replay 1 by admin@localhost/).first().waitFor();
  assert.equal(await runs.getByRole('listitem').filter({ hasText: 'Personalize orders' }).count(), 2);
  await screenshot(page, 'event-replayed');
  await page.context().close();
});

void test('a run waiting two days is woken from its page and goes on', async () => {
  const page = await newPage(suite.browser, suite.tollgate.url);
  await logIn(page, suite.tollgate.admin.email, suite.tollgate.admin.password);
  const applied = await page.request.post('/api/v1/apply', { headers: { 'content-type': 'application/yaml' }, data: FOLLOW_UP });
  assert.equal(applied.status(), 200, await applied.text());
  const started = await page.request.post('/api/v1/workflows/follow-up/runs', { data: { input: {} } });
  assert.equal(started.status(), 202, await started.text());
  const run = ((await started.json()) as { run: { id: string } }).run.id;

  await page.goto(`/runs/${run}`);
  const wake = page.getByRole('button', { name: 'End the wait now' });
  await reloadUntilVisible(page, () => wake);
  await screenshot(page, 'run-waiting');
  await wake.click();
  await reloadUntilVisible(page, () => page.getByText('Followed up'));
  await page.getByText(/Woken early by admin@localhost/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'End the wait now' }).count(), 0);
  await screenshot(page, 'run-woken');
  await page.context().close();
});
