/**
 * The builder's YAML tab and preview panel against a real `tollgate start`: the YAML and the graph
 * edit the same draft both ways, text that does not parse is kept, a server validation issue shows
 * at its line and on its node, and a preview on an edited sample event lights the path it took.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { pollUntil } from '../support/poll-until.ts';
import { logIn, newPage, screenshot } from './support/browser.ts';
import { tollgateInBrowser } from './support/browser-tollgate.ts';

const suite = tollgateInBrowser({ examples: false });

const DRAFT = {
  kind: 'Workflow',
  id: 'big-charges',
  title: 'Big charges',
  trigger: { type: 'event', event: 'charge.succeeded', when: 'object.amount > $minor(1000, "usd") and object.currency = "usd"' },
  steps: [
    { id: 'size', type: 'decision', branches: [{ when: 'object.amount > 500000', next: 'refund' }], otherwise: 'done' },
    { id: 'refund', type: 'action', uses: 'stripe.refunds.create', with: { charge: '{{ object.id }}', amount: 100 } },
    { id: 'done', type: 'end' },
  ],
};

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const tab = (page: Page, name: 'Canvas' | 'YAML') => page.getByRole('tab', { name }).click();
const editor = (page: Page) => page.getByRole('textbox', { name: 'The workflow definition as YAML' });

/** The editor's text, line by line as CodeMirror shows it (the draft is short: every line is drawn). */
async function yamlText(page: Page): Promise<string> {
  return (await page.locator('.cm-content .cm-line').allInnerTexts()).join('\n');
}

/** Replaces the editor's text as a paste would: select all, then insert. */
async function setYaml(page: Page, text: string): Promise<void> {
  await editor(page).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

async function savedDraft(page: Page): Promise<typeof DRAFT & { steps: Record<string, unknown>[] }> {
  const answer = await page.request.get(`/api/v1/workflows/${DRAFT.id}`);
  return ((await answer.json()) as { workflow: { draft: typeof DRAFT & { steps: Record<string, unknown>[] } } }).workflow.draft;
}

void test('the YAML tab and the graph edit the same draft both ways; unparsable text is kept; a server issue shows at its line and on its node', async () => {
  const page = await newPage(suite.browser, suite.tollgate.url);
  await logIn(page, suite.tollgate.admin.email, suite.tollgate.admin.password);
  const applied = await page.request.post('/api/v1/apply?draft=true', { data: { documents: [DRAFT] } });
  assert.equal(applied.status(), 200, await applied.text());
  await page.goto(`/workflows/${DRAFT.id}/edit`);
  await node(page, 'size').waitFor();
  await page.locator('.react-flow__edge').filter({ hasText: 'object.amount > 500000' }).waitFor();

  // YAML → graph: a new step and a changed branch condition.
  await tab(page, 'YAML');
  await editor(page).waitFor();
  const original = await yamlText(page);
  assert.match(original, /id: refund/);
  const edited = original.replace('object.amount > 500000', 'object.amount > 200000').replace(/(\n {2}- id: done)/, '\n  - id: note\n    type: set\n    values:\n      flagged: true$1');
  assert.notEqual(edited, original);
  await setYaml(page, edited);
  await page.getByText('YAML and graph are in step.').waitFor();
  await screenshot(page, 'builder-yaml-edited');
  await tab(page, 'Canvas');
  await node(page, 'note').waitFor();
  await page.locator('.react-flow__edge').filter({ hasText: 'object.amount > 200000' }).waitFor();
  assert.equal(await page.locator('.react-flow__edge').filter({ hasText: 'object.amount > 500000' }).count(), 0);
  await pollUntil(() => savedDraft(page), (draft) => draft.steps.some((step) => step.id === 'note'), { what: 'the YAML edit autosaved', intervalMs: 200 });
  assert.equal(((await savedDraft(page)).steps[0]?.branches as { when: string }[])[0]?.when, 'object.amount > 200000');

  // Graph → YAML: a step added on the canvas and a title typed in its form show in the text.
  await node(page, 'note').click();
  await page.getByRole('toolbar', { name: 'Add a step' }).getByRole('button', { name: 'Add Wait step' }).click();
  await node(page, 'wait').waitFor();
  await node(page, 'note').click();
  await page.getByRole('region', { name: 'Step note' }).getByLabel('Title', { exact: true }).fill('Flag the charge');
  await tab(page, 'YAML');
  await pollUntil(() => yamlText(page), (text) => /title: Flag the charge\n {2}- id: wait\n\s+type: wait/.test(text), { what: 'the canvas edits in the YAML', intervalMs: 100 });
  await page.getByText(/^Saved · \d+ s ago$/).waitFor();

  // A syntax error: the text stays as typed, the error says where, and a look at the canvas keeps it.
  const valid = await yamlText(page);
  await setYaml(page, valid.replace('title: Flag the charge', 'title: [Flag the charge'));
  const status = page.locator('.yaml-editor-status');
  await status.getByText(/The text does not parse: .+ your text is kept as typed\./).waitFor();
  await page.locator('.cm-lintRange-error').first().waitFor();
  await screenshot(page, 'builder-yaml-syntax-error');
  await tab(page, 'Canvas');
  await node(page, 'note').waitFor();
  await tab(page, 'YAML');
  assert.match(await yamlText(page), /title: \[Flag the charge/, 'the unparsable text survives a look at the canvas');
  await status.getByText(/The text does not parse/).waitFor();

  // A server validation issue: `next` to a step that does not exist, at its line and on its node.
  await setYaml(page, valid.replace('title: Flag the charge', 'title: Flag the charge\n    next: nowhere'));
  await page.getByText(/^Not saved: \d+ problems?$/).waitFor();
  const badLine = page.locator('.cm-line').filter({ hasText: 'next: nowhere' });
  await badLine.locator('.cm-lintRange-error').waitFor();
  await badLine.locator('.cm-lintRange-error').hover();
  await page.locator('.cm-tooltip-lint, .cm-tooltip-hover').filter({ hasText: /nowhere/ }).first().waitFor();
  await screenshot(page, 'builder-yaml-server-issue');
  await tab(page, 'Canvas');
  await pollUntil(() => node(page, 'note').locator('.builder-node-issues').textContent(), (text) => text !== null && /problem/.test(text), { what: 'the problem on the note node', intervalMs: 100 });
  assert.equal(await node(page, 'note').locator('.builder-node.has-errors').count(), 1);
  await node(page, 'note').click();
  await page.getByRole('region', { name: 'Step note' }).getByText(/no step "nowhere"/).first().waitFor();
  await page.getByRole('button', { name: 'Fit View' }).click();
  await screenshot(page, 'builder-yaml-issue-on-node');
  await page.context().close();
});

void test('preview in the builder: the sample event is edited to match the condition, the path lights up on the graph, and each step shows its input and output', async () => {
  const page = await newPage(suite.browser, suite.tollgate.url);
  await logIn(page, suite.tollgate.admin.email, suite.tollgate.admin.password);
  const draft = { ...DRAFT, id: 'big-charges-preview' };
  const applied = await page.request.post('/api/v1/apply?draft=true', { data: { documents: [draft] } });
  assert.equal(applied.status(), 200, await applied.text());
  await page.goto(`/workflows/${draft.id}/edit`);
  await node(page, 'size').waitFor();
  const panel = page.getByRole('region', { name: 'Preview' });

  // The generated sample (20 USD) is below the trigger's 1,000 USD: no run starts.
  const sample = panel.getByLabel(/The sample charge\.succeeded's object/);
  await pollUntil(() => sample.inputValue(), (text) => /"amount": \d+/.test(text), { what: 'the sample prefilled', intervalMs: 100 });
  await panel.getByRole('button', { name: 'Run preview' }).click();
  await panel.getByText(/No run would start/).waitFor();

  // 1,500 USD in the sample: the run starts, takes the `otherwise` branch (not above 5,000 USD) and ends.
  await sample.fill((await sample.inputValue()).replace(/"amount": \d+/, '"amount": 150000'));
  await panel.getByRole('button', { name: 'Back to the generated sample' }).waitFor();
  await panel.getByRole('button', { name: 'Run preview' }).click();
  await panel.getByText('A run would start and end').waitFor();
  await panel.getByText('The charge.succeeded event you gave').waitFor();
  await pollUntil(() => node(page, 'done').locator('.builder-node').getAttribute('class'), (classes) => classes?.includes('state-succeeded') === true, { what: 'the done node lit', intervalMs: 100 });
  assert.match((await node(page, 'size').locator('.builder-node').getAttribute('class')) ?? '', /state-succeeded/);
  assert.match((await node(page, 'refund').locator('.builder-node').getAttribute('class')) ?? '', /dimmed/, 'the refund was not on the path');
  await panel.getByRole('group', { name: 'Output of size' }).getByText('"done"').first().waitFor();
  await screenshot(page, 'builder-preview-otherwise');

  // 6,000 USD: the branch to the refund; its request shows the charge and the amount as sent.
  await sample.fill((await sample.inputValue()).replace(/"amount": \d+/, '"amount": 600000'));
  await panel.getByRole('button', { name: 'Run preview' }).click();
  await pollUntil(() => node(page, 'refund').locator('.builder-node').getAttribute('class'), (classes) => classes?.includes('state-succeeded') === true, { what: 'the refund node lit', intervalMs: 100 });
  const chargeId = /"id": "(ch_[^"]+)"/.exec(await sample.inputValue())?.[1];
  assert.ok(chargeId !== undefined, 'the sample has a charge id');
  await panel.getByRole('group', { name: 'Input of refund' }).getByText(`"${chargeId}"`).waitFor();
  await panel.getByRole('group', { name: 'Output of refund' }).getByText('"refund"').first().waitFor();
  await panel.getByText(/would refund .*1\.00 USD/).first().waitFor();
  await screenshot(page, 'builder-preview-refund');
  await page.context().close();
});
