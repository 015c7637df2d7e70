/**
 * What a workflow page tells about its trigger beyond its kind: a webhook workflow's inbound URL, to copy into
 * the sending system (and it starts a run when posted to); a scheduled workflow's next run.
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

/** The first 29 February, 12:00 UTC, after `after`: what the cron `0 12 29 2 *` fires next. */
function nextLeapDayNoon(after: Date): string {
  for (let year = after.getUTCFullYear(); ; year += 1) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const noon = new Date(Date.UTC(year, 1, 29, 12));
    if (leap && noon.getTime() > after.getTime()) return noon.toISOString();
  }
}

void test("a scheduled workflow shows when it runs next, on its page and in the workflows list; an inactive one does not", async () => {
  const page = await signedIn();
  const before = new Date();
  const applied = await page.request.post('/api/v1/apply', {
    headers: { 'content-type': 'application/yaml' },
    data: 'kind: Workflow\nid: leap-day-report\ntitle: Leap day report\ntrigger: { type: schedule, cron: "0 12 29 2 *", timezone: UTC }\nsteps:\n  - { id: done, type: end, outcome: Done }\n',
  });
  assert.equal(applied.status(), 200, await applied.text());
  const expected = nextLeapDayNoon(before);

  await page.goto('/workflows/leap-day-report');
  const overview = page.getByRole('region', { name: 'Overview' });
  await overview.getByText('Next run', { exact: true }).waitFor();
  const next = overview.locator(`time[datetime="${expected}"]`);
  await next.waitFor();
  assert.match(await next.innerText(), /^\d{1,2} Feb \d{4}, \d{2}:\d{2} \(in \d+ (days|months|years?)\)$/, 'the time, and how far off it is');
  await screenshot(page, 'workflow-next-run');

  await page.goto('/workflows');
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Leap day report' }) });
  await row.locator(`time[datetime="${expected}"]`).waitFor();
  assert.match(await row.innerText(), /Next run in \d+ (days|months|years?)/);
  await screenshot(page, 'workflows-next-run');

  await row.getByRole('button', { name: 'Deactivate Leap day report' }).click();
  await row.getByText('Inactive', { exact: true }).waitFor();
  assert.equal(await row.getByText(/Next run/).count(), 0, 'an inactive workflow runs on no schedule');
  await page.goto('/workflows/leap-day-report');
  await overview.getByText('Active version').waitFor();
  assert.equal(await overview.getByText('Next run', { exact: true }).count(), 0);
  await page.context().close();

  const phone = await signedIn('phone');
  const activated = await phone.request.post('/api/v1/workflows/leap-day-report/activate');
  assert.equal(activated.status(), 200, await activated.text());
  await phone.goto('/workflows/leap-day-report');
  await phone.locator(`time[datetime="${expected}"]`).waitFor();
  assert.equal(await sidewaysOverflow(phone), 0);
  await screenshot(phone, 'workflow-next-run');
  await phone.context().close();
});

void test("an event trigger's type wraps after its dots and underscores, never inside a word, in the list and on the workflow's page", async () => {
  for (const viewport of ['desktop', 'phone'] as const) {
    const page = await signedIn(viewport);
    const yaml = 'kind: Workflow\nid: early-fraud-warnings\ntitle: Early fraud warnings\ntrigger: { type: event, event: radar.early_fraud_warning.created }\nsteps:\n  - { id: done, type: end, outcome: Done }\n';
    const answer = await page.request.post('/api/v1/apply', { headers: { 'content-type': 'application/yaml' }, data: yaml });
    assert.equal(answer.status(), 200, await answer.text());
    await page.goto('/workflows');
    const trigger = page.getByText('On radar.early_fraud_warning.created');
    await trigger.waitFor();
    assert.deepEqual(await piecesBrokenInside(trigger), [], `${viewport}: the list breaks inside a word`);
    await screenshot(page, 'workflows-event-trigger');
    await page.goto('/workflows/early-fraud-warnings');
    const overview = page.getByRole('region', { name: 'Overview' }).getByText('On radar.early_fraud_warning.created');
    await overview.waitFor();
    assert.deepEqual(await piecesBrokenInside(overview), [], `${viewport}: the page breaks inside a word`);
    await page.context().close();
  }
});

/** The text pieces (between the places a name may wrap) of `element` that the browser drew on more lines than they have words. */
function piecesBrokenInside(element: ReturnType<Page['locator']>): Promise<string[]> {
  return element.evaluate((node) => {
    interface TextNode {
      textContent: string | null;
    }
    interface Dom {
      createTreeWalker(root: unknown, show: number): { nextNode(): TextNode | null };
      createRange(): { selectNodeContents(node: TextNode): void; getClientRects(): Iterable<{ top: number }> };
    }
    const dom = (globalThis as unknown as { document: Dom }).document;
    const SHOW_TEXT = 4;
    const broken: string[] = [];
    const walker = dom.createTreeWalker(node, SHOW_TEXT);
    for (let text = walker.nextNode(); text !== null; text = walker.nextNode()) {
      const range = dom.createRange();
      range.selectNodeContents(text);
      const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
      // "On " shares a node with the first piece: a wrap after its space is a wrap between words.
      if (lines.size > (text.textContent ?? '').trim().split(/\s+/).length) broken.push(text.textContent ?? '');
    }
    return broken;
  });
}
