/**
 * What a workflow page tells about its trigger beyond its kind: a webhook workflow's inbound URL, to copy into
 * the sending system (and it starts a run when posted to).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { logIn, newPage, screenshot, sidewaysOverflow, type ViewportName } from './support/browser.ts';
import { tollgateInBrowser } from './support/browser-tollgate.ts';

const suite = tollgateInBrowser({ examples: false });

const WORKFLOWS = `
kind: Workflow
id: partner-orders
title: Partner orders
trigger: { type: webhook }
steps:
  - { id: done, type: end, outcome: Received }
---
kind: Workflow
id: signed-partner-orders
title: Signed partner orders
trigger: { type: webhook, secret: "{{ env.PARTNER_WEBHOOK_SECRET }}" }
steps:
  - { id: done, type: end, outcome: Received }
`;

async function signedIn(viewport: ViewportName = 'desktop'): Promise<Page> {
  const page = await newPage(suite.browser, suite.tollgate.url, viewport);
  await logIn(page, suite.tollgate.admin.email, suite.tollgate.admin.password);
  return page;
}

void test("a webhook workflow's page shows its inbound URL with a Copy button, and posting to the URL starts a run", async () => {
  const page = await signedIn();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.tollgate.url });
  const applied = await page.request.post('/api/v1/apply', { headers: { 'content-type': 'application/yaml' }, data: WORKFLOWS });
  assert.equal(applied.status(), 200, await applied.text());

  await page.goto('/workflows/partner-orders');
  const overview = page.getByRole('region', { name: 'Overview' });
  const url = `${suite.tollgate.url}/webhooks/workflows/partner-orders`;
  await overview.getByText(url, { exact: true }).waitFor();
  await overview.getByText(/Unsigned: anyone who knows the URL can start a run/).waitFor();
  await overview.getByRole('button', { name: 'Copy the inbound URL' }).click();
  await overview.getByRole('button', { name: 'Copy the inbound URL' }).getByText('Copied').waitFor();
  const copied = await page.evaluate<string>('navigator.clipboard.readText()');
  assert.equal(copied, url);
  await screenshot(page, 'workflow-webhook-url');

  // The copied URL is the workflow's: a JSON POST there starts its run.
  const delivered = await fetch(copied, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ order: 'po_1' }) });
  const answer = await delivered.text();
  assert.equal(delivered.status, 202, answer);
  const { run_id: runId } = JSON.parse(answer) as { run_id: string };
  const run = await page.request.get(`/api/v1/runs/${runId}`);
  assert.equal(((await run.json()) as { run: { workflow: string } }).run.workflow, 'partner-orders');

  await page.goto('/workflows/signed-partner-orders');
  await overview.getByText(`${suite.tollgate.url}/webhooks/workflows/signed-partner-orders`, { exact: true }).waitFor();
  await overview.getByText(/Sign each delivery with X-Tollgate-Signature/).waitFor();
  assert.equal(await overview.getByText(/Unsigned/).count(), 0);

  // A workflow started otherwise has no inbound URL.
  const manual = await page.request.post('/api/v1/apply', { headers: { 'content-type': 'application/yaml' }, data: 'kind: Workflow\nid: by-hand\ntrigger: { type: manual }\nsteps:\n  - { id: done, type: end, outcome: Done }\n' });
  assert.equal(manual.status(), 200, await manual.text());
  await page.goto('/workflows/by-hand');
  await overview.getByText('Started by hand', { exact: false }).waitFor();
  assert.equal(await overview.getByText('Inbound URL').count(), 0);
  await page.context().close();

  const phone = await signedIn('phone');
  await phone.goto('/workflows/signed-partner-orders');
  await phone.getByRole('button', { name: 'Copy the inbound URL' }).waitFor();
  assert.equal(await sidewaysOverflow(phone), 0, 'the URL wraps on a phone');
  await screenshot(phone, 'workflow-webhook-url');
  await phone.context().close();
});
