/**
 * The dispute operations in the builder: the operation picker lists them under
 * "Stripe disputes", and an evidence field Stripe does not take is shown where
 * it was typed, with the field it probably meant.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { logIn, newPage, screenshot } from './support/browser.ts';
import { tollgateInBrowser } from './support/browser-tollgate.ts';

const suite = tollgateInBrowser({ examples: false });

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

void test('stage dispute evidence: the picker finds stripe.disputes.update, evidence rows are checked, and the draft keeps submit: false', async () => {
  const page = await newPage(suite.browser, suite.tollgate.url);
  await logIn(page, suite.tollgate.admin.email, suite.tollgate.admin.password);
  await page.goto('/workflows');
  await page.getByRole('link', { name: 'New workflow' }).click();
  await page.getByLabel('Workflow id').fill('stage-evidence');
  await page.getByLabel('Title').fill('Stage dispute evidence');
  await page.getByRole('button', { name: 'Start building' }).click();
  await page.waitForURL(/\/workflows\/stage-evidence\/edit$/);

  const trigger = page.getByRole('region', { name: 'Trigger' });
  await trigger.getByRole('radio', { name: /Stripe event/ }).click();
  await trigger.getByRole('searchbox', { name: 'Stripe event types' }).fill('dispute created');
  await trigger.getByRole('group', { name: 'Stripe event types' }).getByRole('button', { name: 'charge.dispute.created', exact: true }).click();

  await node(page, '$trigger').click();
  await page.getByRole('toolbar', { name: 'Add a step' }).getByRole('button', { name: 'Add Action step' }).click();
  const form = page.getByRole('region', { name: 'Step action' });
  await form.getByRole('searchbox', { name: 'Operations' }).fill('dispute');
  const picker = form.getByRole('group', { name: 'Operations' });
  for (const name of ['stripe.disputes.retrieve', 'stripe.disputes.list', 'stripe.disputes.update', 'stripe.disputes.close']) {
    await picker.getByRole('button', { name: new RegExp(`^${name.replaceAll('.', '\\.')}`) }).waitFor();
  }
  await screenshot(page, 'builder-dispute-operations');
  await picker.getByRole('button', { name: /^stripe\.disputes\.update/ }).click();
  await form.getByLabel('Step id').fill('stage');
  await form.getByLabel('Step id').blur();

  const stage = page.getByRole('region', { name: 'Step stage' });
  await stage.getByRole('textbox', { name: 'id', exact: true }).fill('{{ object.id }}');
  await stage.getByText(/More parameters/).click();
  await stage.getByRole('group', { name: 'evidence' }).getByRole('button', { name: '+ Add row' }).click();
  await stage.getByLabel('evidence: key 1').fill('customer_nmae');
  await stage.getByRole('textbox', { name: 'evidence: customer_nmae', exact: true }).fill('Jenny Rosen');
  await stage.getByLabel('submit', { exact: true }).selectOption('false');
  const issue = page.getByText(/unknown field "customer_nmae" of stripe\.disputes\.update evidence \(did you mean "customer_name"\?\)/).first();
  await issue.waitFor();
  await screenshot(page, 'builder-dispute-evidence-issue');

  await stage.getByLabel('evidence: key 1').fill('customer_name');
  await issue.waitFor({ state: 'detached' });
  await page.getByText(/^Saved · \d+ s ago$/).waitFor();
  const answer = await page.request.get('/api/v1/workflows/stage-evidence');
  const draft = ((await answer.json()) as { workflow: { draft: { steps: { id: string; uses?: string; with?: Record<string, unknown> }[] } } }).workflow.draft;
  assert.deepEqual(draft.steps.find((step) => step.id === 'stage')?.with, { id: '{{ object.id }}', evidence: { customer_name: 'Jenny Rosen' }, submit: false });
  await screenshot(page, 'builder-dispute-evidence');
});
