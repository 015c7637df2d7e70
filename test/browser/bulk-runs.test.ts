/**
 * The runs list's bulk actions: runs picked with checkboxes (or every run
 * matching the filters), retried or cancelled after a confirmation that states
 * the count, then a summary of what was done and what was skipped and why.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { launchBrowser, logIn, newPage, screenshot, sidewaysOverflow, type ViewportName } from './support/browser.ts';
import { startTollgate, type BrowserTollgate } from './support/browser-tollgate.ts';

let tollgate: BrowserTollgate;
let browser: Browser;
/** A ledger the workflow calls: down (503) until the test brings it back. */
let ledger: Server;
let ledgerUp = false;

const workflows = (port: number) => `
kind: Workflow
id: ledger-sync
title: Ledger sync
trigger:
  type: manual
  input:
    - { key: amount, type: number, required: true }
steps:
  - id: book
    title: Book in the ledger
    type: action
    uses: http.request
    with: { url: "http://127.0.0.1:${port}/ledger", method: POST, body: { amount: "{{ amount }}" } }
    retry: { attempts: 1 }
  - { id: done, type: end, outcome: Booked }
---
kind: Workflow
id: follow-up
title: Follow up
trigger: { type: manual }
steps:
  - { id: pause, type: wait, for: 1d }
  - { id: done, type: end, outcome: Followed up }
`;

async function startRun(request: APIRequestContext, workflow: string, input: object = {}): Promise<string> {
  const started = await request.post(`${tollgate.url}/api/v1/workflows/${workflow}/runs`, { data: { input }, headers: { 'idempotency-key': crypto.randomUUID() } });
  assert.equal(started.status(), 202, await started.text());
  return ((await started.json()) as { run: { id: string } }).run.id;
}

async function statusOf(request: APIRequestContext, id: string): Promise<string> {
  return ((await (await request.get(`${tollgate.url}/api/v1/runs/${id}`)).json()) as { run: { status: string } }).run.status;
}

async function waitForStatus(request: APIRequestContext, id: string, status: string): Promise<void> {
  while ((await statusOf(request, id)) !== status) await new Promise((resolve) => setTimeout(resolve, 100));
}

async function signedIn(viewport: ViewportName = 'desktop'): Promise<Page> {
  const page = await newPage(browser, tollgate.url, viewport);
  await logIn(page, tollgate.admin.email, tollgate.admin.password);
  return page;
}

const failed: string[] = [];
const waiting: string[] = [];

before(async () => {
  ledger = createServer((request, response) => {
    request.resume();
    response.writeHead(ledgerUp ? 200 : 503, { 'content-type': 'application/json' });
    response.end(JSON.stringify(ledgerUp ? { booked: true } : { error: 'ledger down for maintenance' }));
  });
  await new Promise<void>((resolve) => ledger.listen(0, '127.0.0.1', resolve));
  [tollgate, browser] = await Promise.all([startTollgate({ examples: false }), launchBrowser()]);
  const page = await signedIn();
  const request = page.context().request;
  const applied = await request.post(`${tollgate.url}/api/v1/apply`, { data: workflows((ledger.address() as AddressInfo).port), headers: { 'content-type': 'application/yaml' } });
  assert.equal(applied.status(), 200, await applied.text());
  for (const amount of [1200, 3400, 560]) failed.push(await startRun(request, 'ledger-sync', { amount }));
  for (let n = 0; n < 2; n += 1) waiting.push(await startRun(request, 'follow-up'));
  for (const id of failed) await waitForStatus(request, id, 'failed');
  for (const id of waiting) await waitForStatus(request, id, 'waiting');
  await page.context().close();
});

after(async () => {
  await browser?.close();
  await tollgate?.stop();
  await new Promise((resolve) => ledger?.close(resolve));
});

void test('every failed run matching the filter is retried after a confirmation stating the count', async () => {
  const page = await signedIn();
  await page.goto('/runs?status=failed');
  const table = page.getByRole('table', { name: 'Runs' });
  for (const id of failed) await table.getByRole('link', { name: id }).waitFor();
  const bar = page.getByRole('region', { name: 'Selected runs' });
  assert.equal(await bar.count(), 0, 'no bar before anything is selected');

  await page.getByRole('checkbox', { name: `Select run ${failed[0]}` }).check();
  await page.getByRole('checkbox', { name: `Select run ${failed[1]}` }).check();
  await bar.getByText('2 runs selected.').waitFor();
  assert.equal(await page.getByRole('checkbox', { name: 'Select the runs on this page' }).evaluate((box) => (box as unknown as { indeterminate: boolean }).indeterminate), true);
  await screenshot(page, 'runs-bulk-selected');

  await page.getByRole('checkbox', { name: 'Select the runs on this page' }).check();
  await bar.getByText('3 runs selected.').waitFor();
  await bar.getByRole('button', { name: 'Select all runs matching these filters' }).click();
  await bar.getByText('All 3 runs matching these filters are selected.').waitFor();

  ledgerUp = true;
  await bar.getByRole('button', { name: 'Retry…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Retry 3 runs?' });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /refunds included, are not run again/);
  await screenshot(page, 'runs-bulk-retry-confirm');
  await dialog.getByRole('button', { name: 'Yes, retry 3 runs' }).click();
  const result = page.getByRole('region', { name: 'Bulk result' });
  await result.getByText('Retried 3 runs.').waitFor();
  assert.match(await result.innerText(), /None skipped\./);
  assert.equal(await bar.count(), 0, 'the selection is cleared');
  for (const id of failed) await waitForStatus(page.context().request, id, 'succeeded');
  await page.reload();
  await page.getByText('No runs match these filters.').waitFor();
  await page.context().close();
});

void test('cancelling a mixed selection skips the ended run and says why', async () => {
  const page = await signedIn();
  await page.goto('/runs');
  const table = page.getByRole('table', { name: 'Runs' });
  for (const id of [...waiting, failed[0] ?? '']) {
    await table.getByRole('link', { name: id }).waitFor();
    await page.getByRole('checkbox', { name: `Select run ${id}` }).check();
  }
  const bar = page.getByRole('region', { name: 'Selected runs' });
  await bar.getByText('3 runs selected.').waitFor();
  assert.equal(await bar.getByRole('button', { name: /Select all runs matching/ }).count(), 0, 'no filter, no "all matching"');
  await bar.getByRole('button', { name: 'Cancel runs…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel 2 runs?' });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /1 run of the 3 selected will be left as they are: 1 already ended\./);
  await dialog.locator('button:focus', { hasText: 'Keep them running' }).waitFor();
  await dialog.getByRole('button', { name: 'Yes, cancel 2 runs' }).click();
  const result = page.getByRole('region', { name: 'Bulk result' });
  await result.getByText('Cancelled 2 runs.').waitFor();
  assert.match(await result.innerText(), /Skipped 1: 1 already ended\./);
  await result.getByText('The skipped runs').click();
  assert.match(await result.innerText(), new RegExp(`run ${failed[0]} already ended \\(succeeded\\)`));
  await screenshot(page, 'runs-bulk-cancelled');
  for (const id of waiting) assert.equal(await statusOf(page.context().request, id), 'cancelled');
  await page.context().close();
});

void test('on a phone: select, confirm, see the result, nothing sticks out sideways', async () => {
  const desk = await signedIn();
  const request = desk.context().request;
  const fresh = [await startRun(request, 'follow-up'), await startRun(request, 'follow-up')];
  for (const id of fresh) await waitForStatus(request, id, 'waiting');
  await desk.context().close();

  const phone = await signedIn('phone');
  await phone.goto('/runs?status=waiting');
  for (const id of fresh) await phone.getByRole('link', { name: id }).waitFor();
  await phone.getByRole('checkbox', { name: `Select run ${fresh[0]}` }).check();
  const bar = phone.getByRole('region', { name: 'Selected runs' });
  await bar.getByText('1 run selected.').waitFor();
  assert.equal(await sidewaysOverflow(phone), 0);
  await screenshot(phone, 'runs-bulk-selected');
  await bar.getByRole('button', { name: 'Cancel runs…' }).click();
  const dialog = phone.getByRole('dialog', { name: 'Cancel 1 run?' });
  await dialog.waitFor();
  await screenshot(phone, 'runs-bulk-cancel-confirm');
  await dialog.getByRole('button', { name: 'Yes, cancel 1 run' }).click();
  await phone.getByRole('region', { name: 'Bulk result' }).getByText('Cancelled 1 run.').waitFor();
  assert.equal(await sidewaysOverflow(phone), 0);
  await screenshot(phone, 'runs-bulk-cancelled');
  assert.equal(await statusOf(phone.context().request, fresh[0] ?? ''), 'cancelled');
  assert.equal(await statusOf(phone.context().request, fresh[1] ?? ''), 'waiting', 'the run not selected is left alone');
  await phone.context().close();
});
