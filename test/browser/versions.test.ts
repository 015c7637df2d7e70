import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { APIRequestContext } from 'playwright-core';
import { logIn, newPage, screenshot, sidewaysOverflow } from './support/browser.ts';
import { tollgateInBrowser } from './support/browser-tollgate.ts';

const suite = tollgateInBrowser({ examples: false });

/** Three versions of one workflow: v2 changes a condition, v3 adds a step that emails the team. */
const version = (n: 1 | 2 | 3) => `
kind: Workflow
id: large-orders
title: Large orders
trigger:
  type: manual
  input:
    - { key: amount, type: number, required: true }
steps:
  - id: size
    title: Size the order
    type: decision
    branches:
      - { when: amount >= ${n === 1 ? 500 : 1000}, next: ${n === 3 ? 'notify' : 'large'} }
    otherwise: small
${
  n === 3
    ? `  - id: notify
    title: Notify the team
    type: set
    values: { notified: true }
    next: large
`
    : ''
}  - { id: large, title: Mark large, type: set, values: { size: large }, next: done }
  - { id: small, title: Mark small, type: set, values: { size: small }, next: done }
  - { id: done, type: end, outcome: Sized }
`;

const ANNOTATIONS = { 1: 'First cut: 500 is large', 2: 'Raise the bar to 1000', 3: 'Tell the team about large orders' } as const;

async function publishThree(request: APIRequestContext, url: string): Promise<void> {
  for (const n of [1, 2, 3] as const) {
    const applied = await request.post(`${url}/api/v1/apply?annotation=${encodeURIComponent(ANNOTATIONS[n])}`, { data: version(n), headers: { 'content-type': 'application/yaml' } });
    assert.equal(applied.status(), 200, await applied.text());
  }
}

async function definitionOf(request: APIRequestContext, url: string, n: number): Promise<{ definition: unknown; hash: string; annotation: string | null }> {
  const answer = await request.get(`${url}/api/v1/workflows/large-orders/versions/${n}`);
  assert.equal(answer.status(), 200, await answer.text());
  return ((await answer.json()) as { version: { definition: unknown; hash: string; annotation: string | null } }).version;
}

void test('compare two versions (a line diff and both graphs with the added step marked), then roll back to the first', async () => {
  const { url, admin } = suite.tollgate;
  const page = await newPage(suite.browser, url);
  await logIn(page, admin.email, admin.password);
  const request = page.context().request;
  await publishThree(request, url);

  await page.goto('/workflows/large-orders');
  const versions = page.getByRole('region', { name: 'Versions' });
  for (const text of Object.values(ANNOTATIONS)) await versions.getByText(text).waitFor();
  await page.getByText('Tick two versions to compare them.').waitFor();
  await page.getByLabel('Compare version 3').check();
  await page.getByLabel('Compare version 1').check();
  await page.getByRole('link', { name: 'Compare version 1 with version 3' }).click();
  await page.waitForURL(/\/workflows\/large-orders\/compare\?a=1&b=3$/);

  // The summary, then the text diff: the changed condition and the new step, with line numbers.
  await page.getByText(/^1 step added, 1 step changed; \d+ lines added, \d+ removed\.$/).waitFor();
  const diff = page.getByRole('region', { name: 'Line diff of version 1 and version 3' });
  await diff.waitFor();
  const removed = diff.locator('tr.diff-removed');
  const added = diff.locator('tr.diff-added');
  assert.ok((await removed.allInnerTexts()).some((row) => row.includes('amount >= 500')), 'the old condition is a removed line');
  assert.ok((await added.allInnerTexts()).some((row) => row.includes('amount >= 1000')), 'the new condition is an added line');
  assert.ok((await added.allInnerTexts()).some((row) => row.includes('title: Notify the team')), 'the new step is added lines');
  const numbered = await added.first().locator('td.diff-number').allInnerTexts();
  assert.equal(numbered[0], '', 'an added line has no old line number');
  assert.match(numbered[1] ?? '', /^\d+$/, 'an added line has its new line number');

  // Both graphs: the new step is marked added on version 3, the decision changed on both.
  const newer = page.getByRole('img', { name: /^Graph of version 3/ });
  await newer.locator('.graph-node').first().waitFor();
  assert.deepEqual(await newer.locator('.graph-node.change-added .graph-node-title').allInnerTexts(), ['Notify the team']);
  assert.deepEqual(await newer.locator('.graph-node.change-changed .graph-node-title').allInnerTexts(), ['Size the order']);
  const older = page.getByRole('img', { name: /^Graph of version 1/ });
  await older.locator('.graph-node').first().waitFor();
  assert.deepEqual(await older.locator('.graph-node.change-changed .graph-node-title').allInnerTexts(), ['Size the order']);
  assert.equal(await older.locator('.graph-node.change-added, .graph-node.change-removed').count(), 0);
  // The legend's labels in sentence case, like every label.
  const legend = (await page.getByRole('list', { name: 'Legend' }).getByRole('listitem').allInnerTexts()).map((item) => item.trim());
  assert.deepEqual(legend, ['Added in version 3', 'Removed from version 1', 'Changed']);
  await screenshot(page, 'versions-compare');

  // Roll back to version 1 from the compare page: a question first, then version 4 is version 1 again.
  const olderCard = page.locator('section.compare-graph').filter({ has: page.getByRole('heading', { name: /^Version 1/ }) });
  assert.equal(await page.locator('section.compare-graph').filter({ has: page.getByRole('heading', { name: /^Version 3/ }) }).getByRole('button', { name: /Roll back/ }).count(), 0, 'the latest version offers no roll back');
  await olderCard.getByRole('button', { name: 'Roll back to version 1' }).click();
  const dialog = page.getByRole('dialog', { name: 'Roll back Large orders to version 1?' });
  await dialog.getByText('is published again as version 4, and runs that start from now on use it').waitFor();
  await dialog.getByText(ANNOTATIONS[1]).waitFor();
  await screenshot(page, 'versions-rollback-question');
  await dialog.getByRole('button', { name: 'Roll back to version 1' }).click();
  await page.waitForURL(/\/workflows\/large-orders\?version=4$/);
  await page.getByRole('heading', { name: /^Version 4/ }).waitFor();
  await page.locator('.definition').getByText('rollback to version 1').waitFor();

  const [first, fourth] = await Promise.all([definitionOf(request, url, 1), definitionOf(request, url, 4)]);
  assert.deepEqual(fourth.definition, first.definition);
  assert.equal(fourth.hash, first.hash);
  assert.equal(fourth.annotation, 'rollback to version 1');
  const workflow = (await (await request.get(`${url}/api/v1/workflows/large-orders`)).json()) as { workflow: { active_version: number | null; latest_version: number } };
  assert.equal(workflow.workflow.latest_version, 4);
  assert.equal(workflow.workflow.active_version, 4, 'the active workflow runs the rolled-back version');
  await screenshot(page, 'versions-after-rollback');

  // The same definition compares as such.
  await page.goto('/workflows/large-orders/compare?a=1&b=4');
  await page.getByText('Versions 1 and 4 have the same definition.').waitFor();
  assert.equal(await page.getByRole('region', { name: 'Line diff of version 1 and version 4' }).locator('tr.diff-added, tr.diff-removed').count(), 0);
  await page.context().close();
});

void test('the compare page reads on a phone', async () => {
  const { url, admin } = suite.tollgate;
  const page = await newPage(suite.browser, url, 'phone');
  await logIn(page, admin.email, admin.password);
  await page.goto('/workflows/large-orders/compare?a=2&b=3');
  await page.getByRole('region', { name: 'Line diff of version 2 and version 3' }).waitFor();
  await page.getByRole('img', { name: /^Graph of version 3/ }).locator('.graph-node').first().waitFor();
  const overflow = await sidewaysOverflow(page);
  assert.equal(overflow, 0, 'nothing sticks out sideways');
  await screenshot(page, 'versions-compare');
  await page.context().close();
});
