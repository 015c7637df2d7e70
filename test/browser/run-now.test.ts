// A workflow with a manual trigger is started from the web app: "Run now" on the workflow's page opens a
// form of the trigger's input fields, checked in the browser with the server's rules, and the run it
// starts opens, naming who started it. A workflow that starts on its trigger offers no "Run now".
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, logIn, newPage, screenshot, sidewaysOverflow, type ViewportName } from './support/browser.ts';
import { startTollgate, type BrowserTollgate } from './support/browser-tollgate.ts';

let tollgate: BrowserTollgate;
let browser: Browser;

const PAYOUT_CHECK = `
kind: Workflow
id: payout-check
title: Payout check
trigger:
  type: manual
  input:
    - { key: amount, label: Amount, type: number, required: true, min: 1 }
    - { key: reason, label: Reason, type: text, help: Why the payout is checked by hand }
steps:
  - id: size
    type: decision
    branches:
      - { when: amount >= 500, next: large }
    otherwise: small
  - { id: small, type: end, outcome: Small }
  - { id: large, type: end, outcome: Large }
`;

before(async () => {
  [tollgate, browser] = await Promise.all([startTollgate(), launchBrowser()]);
  const page = await signedIn();
  const applied = await page.context().request.post(`${tollgate.url}/api/v1/apply`, { data: PAYOUT_CHECK, headers: { 'content-type': 'application/yaml' } });
  assert.equal(applied.status(), 200, await applied.text());
  await page.context().close();
});

after(async () => {
  await browser?.close();
  await tollgate?.stop();
});

async function signedIn(viewport: ViewportName = 'desktop'): Promise<Page> {
  const page = await newPage(browser, tollgate.url, viewport);
  await logIn(page, tollgate.admin.email, tollgate.admin.password);
  return page;
}

void test('Run now starts a manual workflow with its input, refused in the browser until the input is right', async () => {
  const page = await signedIn();
  const starts: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/api/v1/workflows/payout-check/runs')) starts.push(request.headers()['idempotency-key'] ?? '(none)');
  });
  await page.goto('/workflows/payout-check');
  await page.getByRole('link', { name: 'Run now' }).waitFor();
  await screenshot(page, 'workflow-manual');
  await page.getByRole('link', { name: 'Run now' }).click();
  await page.waitForURL((url) => url.pathname === '/workflows/payout-check/run');
  await page.getByRole('heading', { name: 'Run Payout check' }).waitFor();
  await page.getByText('Why the payout is checked by hand').waitFor();

  await page.getByRole('button', { name: 'Start run' }).click();
  await page.getByText('One field needs attention before the run can start.').waitFor();
  const amount = page.getByLabel('Amount');
  await amount.and(page.locator('[aria-invalid="true"]')).waitFor();
  assert.deepEqual(starts, [], 'nothing was sent while a required field was empty');
  await screenshot(page, 'run-now-refused');

  await amount.fill('750');
  await page.getByLabel('Reason').fill('Customer asked twice');
  await screenshot(page, 'run-now');
  await page.getByRole('button', { name: 'Start run' }).click();
  await page.waitForURL((url) => /^\/runs\/[^/]+$/.test(url.pathname));
  const runId = new URL(page.url()).pathname.split('/').pop() ?? '';
  assert.equal(starts.length, 1, 'one start, with an idempotency key');
  assert.notEqual(starts[0], '(none)');
  await page.getByText(`Manual by ${tollgate.admin.email}`).waitFor();
  const run = (await (await page.context().request.get(`${tollgate.url}/api/v1/runs/${runId}`)).json()) as { run: { workflow: string; variables: Record<string, unknown> } };
  assert.equal(run.run.workflow, 'payout-check');
  assert.deepEqual([run.run.variables.amount, run.run.variables.reason], [750, 'Customer asked twice'], 'the input became the run\'s variables, the amount a number');
  await page.getByText('outcome Large').waitFor();
  await page.getByRole('img', { name: /Workflow graph/ }).locator('.react-flow__node').first().waitFor();
  await screenshot(page, 'run-now-started');
  await page.context().close();
});

void test('a workflow that starts on its trigger offers no Run now, and its run page says why', async () => {
  const page = await signedIn();
  await page.goto('/workflows/personalize-orders');
  await page.getByRole('link', { name: 'Edit' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Run now' }).count(), 0);
  await page.goto('/workflows/personalize-orders/run');
  await page.getByRole('alert').getByText(/starts on its trigger/).waitFor();
  await page.context().close();
});

void test('on a phone, the workflow page with its actions and the Run now form fit the screen', async () => {
  const page = await signedIn('phone');
  await page.goto('/workflows/payout-check');
  await page.getByRole('link', { name: 'Run now' }).waitFor();
  assert.equal(await sidewaysOverflow(page), 0, 'the workflow page fits 390 px');
  await screenshot(page, 'workflow-manual');
  await page.getByRole('link', { name: 'Run now' }).click();
  await page.getByRole('button', { name: 'Start run' }).waitFor();
  await page.getByRole('button', { name: 'Start run' }).click();
  await page.getByText('One field needs attention before the run can start.').waitFor();
  assert.equal(await sidewaysOverflow(page), 0, 'the Run now form, with its alerts, fits 390 px');
  await screenshot(page, 'run-now-refused');
  await page.context().close();
});
