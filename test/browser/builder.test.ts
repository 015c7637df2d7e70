import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { pollUntil } from '../support/poll-until.ts';
import { logIn, newPage, screenshot } from './support/browser.ts';
import { tollgateInBrowser } from './support/browser-tollgate.ts';

const suite = tollgateInBrowser({ examples: false });

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

/** Drags from a node's handle (the field it sets) onto another node, as a person connects two steps. */
async function connect(page: Page, from: string, handle: string, to: string): Promise<void> {
  const source = await node(page, from).locator(`.react-flow__handle[data-handleid="${handle}"]`).boundingBox();
  const target = await node(page, to).boundingBox();
  assert.ok(source !== null && target !== null, `${from} (${handle}) and ${to} are on screen`);
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 8 });
  await page.mouse.move(target.x + target.width / 2, target.y + 6, { steps: 4 });
  await page.mouse.up();
}

const addStep = (page: Page, type: string) => page.getByRole('toolbar', { name: 'Add a step' }).getByRole('button', { name: `Add ${type} step` }).click();

void test('a new workflow starts on an empty canvas; steps are added, connected and deleted, and an unsaved draft survives a reload', async () => {
  const page = await newPage(suite.browser, suite.tollgate.url);
  await logIn(page, suite.tollgate.admin.email, suite.tollgate.admin.password);
  await page.goto('/workflows');
  await page.getByRole('link', { name: 'New workflow' }).click();
  await page.getByRole('button', { name: 'Start building' }).click();
  await page.getByText('Give the workflow an id').waitFor();
  await page.getByLabel('Workflow id').fill('vip-alerts');
  await page.getByLabel('Title').fill('VIP alerts');
  await page.getByRole('button', { name: 'Start building' }).click();
  await page.waitForURL(/\/workflows\/vip-alerts\/edit$/);
  await page.getByRole('heading', { name: 'VIP alerts', level: 1 }).waitFor();
  // No trigger yet and no steps: the draft cannot be saved, and the trigger node says why.
  await node(page, '$trigger').getByText('starts on: not chosen yet').waitFor();
  await node(page, '$trigger').getByText(/\d+ problems?/).waitFor();
  await page.getByText(/^Not saved: \d+ problems?$/).waitFor();

  await addStep(page, 'Decision');
  await page.getByRole('region', { name: 'Step decision' }).waitFor();
  await addStep(page, 'End');
  await addStep(page, 'End');
  await addStep(page, 'Wait');
  await node(page, 'wait').waitFor();
  // The decision names no step yet: its node carries the validator's problems.
  await pollUntil(() => node(page, 'decision').locator('.builder-node-issues').textContent(), (text) => text !== null && /problem/.test(text), { what: 'problems on the decision node', intervalMs: 100 });

  await page.getByRole('button', { name: 'Fit View' }).click();
  await connect(page, 'decision', 'branch:0', 'end');
  await connect(page, 'decision', 'otherwise', 'end_2');
  await page.locator('.react-flow__edge').filter({ hasText: 'otherwise' }).waitFor();
  await page.locator('.react-flow__edge').filter({ hasText: 'branch 1' }).waitFor();
  // An end step leads nowhere: its node offers no handle to drag from.
  assert.equal(await node(page, 'end').locator('.react-flow__handle-bottom').count(), 0);

  // Deleting a step a decision names leaves the decision flagged, not silently rewired.
  await node(page, 'end_2').click();
  await page.getByRole('region', { name: 'Step end_2' }).getByRole('button', { name: 'Delete step' }).click();
  await node(page, 'end_2').waitFor({ state: 'detached' });
  await page.getByText('Point steps.0.otherwise at another step').waitFor();
  await node(page, 'wait').click();
  await page.keyboard.press('Delete');
  await node(page, 'wait').waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Fit View' }).click();
  await screenshot(page, 'builder-new');

  // Refused by the server (no trigger), the draft lives in this browser: a reload brings it back.
  await page.reload();
  await page.getByText('Your unsaved changes were restored from this browser.').waitFor();
  for (const id of ['decision', 'end']) await node(page, id).waitFor();
  assert.equal(await node(page, 'end_2').count(), 0);
  await page.getByText(/^Not saved: \d+ problems?$/).waitFor();
  await page.context().close();
});

const DRAFT = {
  kind: 'Workflow',
  id: 'nightly-check',
  title: 'Nightly check',
  trigger: { type: 'manual' },
  steps: [
    { id: 'note', type: 'set', values: { checked: true } },
    { id: 'done', type: 'end', status: 'succeeded' },
  ],
};

void test('parallel and foreach are drawn as groups; a valid draft autosaves, an invalid one stays local with the problem on its node; publish with an annotation', async () => {
  const page = await newPage(suite.browser, suite.tollgate.url);
  await logIn(page, suite.tollgate.admin.email, suite.tollgate.admin.password);
  const applied = await page.request.post('/api/v1/apply?draft=true', { data: { documents: [DRAFT] } });
  assert.equal(applied.status(), 200, await applied.text());
  await page.goto('/workflows/nightly-check');
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.waitForURL(/\/workflows\/nightly-check\/edit$/);
  await page.getByText('Never published').waitFor();
  await node(page, 'note').click();
  await addStep(page, 'Parallel');
  await node(page, 'parallel/0/parallel_wait').waitFor();
  // With a parallel selected, a step can go into a new branch of it.
  await page.getByLabel('where').selectOption({ label: 'inside "parallel", a new branch' });
  await addStep(page, 'Set variables');
  await node(page, 'parallel/1/set').waitFor();
  // A container's header selects it (its middle is its steps).
  await node(page, 'parallel').click({ position: { x: 40, y: 16 } });
  await addStep(page, 'For each');
  await page.getByLabel('where').selectOption({ label: 'inside "foreach" (each item)' });
  await addStep(page, 'Wait');
  await node(page, 'foreach/*/wait').waitFor();
  // The bodies are drawn inside their container's box.
  for (const [container, child] of [['parallel', 'parallel/1/set'], ['foreach', 'foreach/*/wait']] as const) {
    const outer = (await node(page, container).boundingBox())!;
    const inner = (await node(page, child).boundingBox())!;
    assert.ok(inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width + 1 && inner.y + inner.height <= outer.y + outer.height + 1, `${child} is drawn inside ${container}`);
  }
  await page.getByText(/^Saved · \d+ s ago$/).waitFor();
  await page.getByRole('button', { name: 'Fit View' }).click();
  await screenshot(page, 'builder-groups');

  await page.reload();
  await node(page, 'foreach/*/wait').waitFor();
  assert.equal(await page.getByText('Your unsaved changes were restored').count(), 0, 'the server held the saved draft');
  const saved = (await (await page.request.get('/api/v1/workflows/nightly-check')).json()) as { workflow: { draft: { steps: { id: string }[] } } };
  assert.deepEqual(saved.workflow.draft.steps.map((step) => step.id), ['note', 'parallel', 'foreach', 'done']);

  // An action with no operation is refused: the problem shows on its node, and the edit is kept locally.
  await node(page, 'done').click();
  await addStep(page, 'Action');
  await page.getByText(/^Not saved: \d+ problems?$/).waitFor();
  await pollUntil(() => node(page, 'action').locator('.builder-node-issues').textContent(), (text) => text !== null && /problem/.test(text), { what: 'problems on the action node', intervalMs: 100 });
  await screenshot(page, 'builder-invalid');
  await page.reload();
  await page.getByText('Your unsaved changes were restored from this browser.').waitFor();
  await node(page, 'action').locator('.builder-node-issues').waitFor();
  await node(page, 'action').click();
  await page.getByRole('region', { name: 'Step action' }).getByRole('button', { name: 'Delete step' }).click();
  // Back to what the server holds: saved, with nothing left in this browser.
  await page.getByText(/^Saved$/).waitFor();
  await pollUntil(() => page.evaluate<string | null>("localStorage.getItem('tollgate.builder.draft.nightly-check')"), (value) => value === null, { what: 'the local copy removed', intervalMs: 100 });

  await page.getByRole('button', { name: 'Publish' }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish this draft?' });
  await dialog.getByLabel('What changed').fill('Runs the checks side by side');
  await dialog.getByLabel(/Make it the active version/).check();
  await screenshot(page, 'builder-publish');
  await dialog.getByRole('button', { name: 'Publish and activate' }).click();
  await page.getByRole('link', { name: 'Published as v1' }).waitFor();
  const versions = (await (await page.request.get('/api/v1/workflows/nightly-check/versions')).json()) as { versions: { version: number; annotation: string | null }[] };
  assert.deepEqual(versions.versions.map((version) => [version.version, version.annotation]), [[1, 'Runs the checks side by side']]);
  const workflow = (await (await page.request.get('/api/v1/workflows/nightly-check')).json()) as { workflow: { status: string; active_version: number } };
  assert.deepEqual([workflow.workflow.status, workflow.workflow.active_version], ['active', 1]);
  // Opened again, the draft is the published version and says so.
  await page.reload();
  await page.getByRole('link', { name: 'Published as v1' }).click();
  await page.waitForURL(/\/workflows\/nightly-check\?version=1$/);
  await page.context().close();
});
