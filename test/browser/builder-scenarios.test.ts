/**
 * The builder scenarios, clicked through as a payment-ops lead would (no YAML typed):
 * personalize-orders built from an empty canvas, previewed, published and fired in the sandbox;
 * then tag-valuable-customers with a decision branch that tags the customer VIP.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { pollUntil } from '../support/poll-until.ts';
import { logIn, newPage, reloadUntilVisible, screenshot } from './support/browser.ts';
import { tollgateInBrowser } from './support/browser-tollgate.ts';

const suite = tollgateInBrowser({ examples: false });

const FULFILLMENT = { kind: 'Team', id: 'fulfillment', title: 'Fulfillment', members: [{ email: 'pat@example.com', name: 'Pat' }] };
const CONDITION_1000 = 'object.amount > $minor(1000, "usd") and object.currency = "usd"';
const CONDITION_2000 = 'object.amount > $minor(2000, "usd") and object.currency = "usd"';

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const addStep = (page: Page, type: string) => page.getByRole('toolbar', { name: 'Add a step' }).getByRole('button', { name: `Add ${type} step` }).click();

async function adminPage(): Promise<Page> {
  const page = await newPage(suite.browser, suite.tollgate.url);
  await logIn(page, suite.tollgate.admin.email, suite.tollgate.admin.password);
  return page;
}

/** New workflow → id and title → the builder on an empty canvas. */
async function newWorkflow(page: Page, id: string, title: string, shot?: string): Promise<void> {
  await page.goto('/workflows');
  await page.getByRole('link', { name: 'New workflow' }).click();
  await page.getByLabel('Workflow id').fill(id);
  await page.getByLabel('Title').fill(title);
  await page.getByRole('button', { name: 'Start building' }).click();
  await page.waitForURL(new RegExp(`/workflows/${id}/edit$`));
  await node(page, '$trigger').getByText('starts on: not chosen yet').waitFor();
  if (shot !== undefined) await screenshot(page, shot);
}

/** A condition row "<field> is greater than <amount> USD", built with the field picker. */
async function amountOver(scope: ReturnType<Page['getByRole']>, amount: string): Promise<void> {
  await scope.getByRole('button', { name: '+ Add condition' }).click();
  const row = scope.getByRole('group', { name: 'Condition on a field' });
  await row.getByLabel('Field').selectOption('object.amount');
  const filled = scope.getByRole('group', { name: 'Condition on object.amount' });
  await filled.getByLabel('Operator').selectOption({ label: 'is greater than' });
  assert.equal(await filled.getByLabel('Currency').inputValue(), 'USD', 'the currency defaults to the account\'s');
  await filled.getByLabel('Amount').fill(amount);
}

/** Trigger: payment_intent.succeeded from the searchable list, only when the amount is over 1,000 USD. */
async function buildTrigger(page: Page, shots: boolean): Promise<void> {
  const trigger = page.getByRole('region', { name: 'Trigger' });
  await trigger.getByRole('radio', { name: /Stripe event/ }).click();
  await trigger.getByRole('searchbox', { name: 'Stripe event types' }).fill('payment_intent succ');
  if (shots) await screenshot(page, 'scenario-trigger-form');
  await trigger.getByRole('group', { name: 'Stripe event types' }).getByRole('button', { name: 'payment_intent.succeeded', exact: true }).click();
  await trigger.getByRole('list', { name: 'Chosen event types' }).getByText('payment_intent.succeeded').waitFor();
  const only = trigger.getByRole('group', { name: 'Only when' });
  await amountOver(only, '1,000');
  await only.getByText(CONDITION_1000, { exact: true }).waitFor();
  if (shots) await screenshot(page, 'scenario-condition');
}

/** An email step to the fulfillment team with Customer ID and Amount appended, the amount picked through `{{ }}`. */
async function buildEmail(page: Page, shots: boolean): Promise<void> {
  await node(page, '$trigger').click();
  await addStep(page, 'Action');
  const form = page.getByRole('region', { name: 'Step action' });
  await form.getByRole('searchbox', { name: 'Operations' }).fill('email');
  await form.getByRole('group', { name: 'Operations' }).getByRole('button', { name: /^email\.send/ }).click();
  await form.getByLabel('Step id').fill('email_team');
  await form.getByLabel('Step id').blur();
  const email = page.getByRole('region', { name: 'Step email_team' });
  await email.getByLabel('To: kind').selectOption('team');
  await email.getByRole('combobox', { name: 'To', exact: true }).selectOption('fulfillment');
  await email.getByRole('textbox', { name: 'Subject', exact: true }).fill('Handwritten note for order ');
  await email.getByRole('button', { name: 'Insert a variable into Subject' }).click();
  await email.getByRole('searchbox', { name: 'Variables for Subject' }).fill('object.id');
  await email.getByRole('group', { name: 'Variables for Subject' }).getByRole('button', { name: /^object\.id\b/ }).first().click();
  await email.getByRole('textbox', { name: 'Body', exact: true }).fill('Please add a handwritten thank-you note before shipping.');
  await email.getByRole('button', { name: '+ Add field' }).click();
  await email.getByRole('textbox', { name: 'Field 1 label', exact: true }).fill('Customer ID');
  await email.getByRole('textbox', { name: 'Field 1 value', exact: true }).fill('{{ object.customer }}');
  await email.getByRole('button', { name: '+ Add field' }).click();
  await email.getByRole('textbox', { name: 'Field 2 label', exact: true }).fill('Amount');
  await email.getByRole('button', { name: 'Insert a variable into Field 2 value' }).click();
  await email.getByRole('searchbox', { name: 'Variables for Field 2 value' }).fill('amount');
  await email.getByRole('group', { name: 'Variables for Field 2 value' }).getByRole('button', { name: /^object\.amount\b/ }).first().click();
  if (shots) await screenshot(page, 'scenario-email-form');
}

interface SavedDraft {
  workflow: { draft: { trigger: { event: string; when: string }; steps: { id: string; type: string; uses?: string; with?: Record<string, unknown>; branches?: unknown; otherwise?: string }[] } };
}

async function savedDraft(page: Page, id: string): Promise<SavedDraft['workflow']['draft']> {
  await page.getByText(/^Saved · \d+ s ago$/).waitFor();
  const answer = await page.request.get(`/api/v1/workflows/${id}`);
  assert.equal(answer.status(), 200, await answer.text());
  return ((await answer.json()) as SavedDraft).workflow.draft;
}

async function publish(page: Page, annotation: string): Promise<void> {
  await page.getByRole('button', { name: 'Publish' }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish this draft?' });
  await dialog.getByLabel('What changed').fill(annotation);
  await dialog.getByLabel(/Make it the active version/).check();
  await dialog.getByRole('button', { name: 'Publish and activate' }).click();
  await page.getByRole('link', { name: 'Published as v1' }).waitFor();
}

void test('personalize-orders: built from an empty canvas by clicking, previewed on a matching event, published, and run by a 1,500 USD sandbox payment', async () => {
  const page = await adminPage();
  const team = await page.request.post('/api/v1/apply', { data: { documents: [FULFILLMENT] } });
  assert.equal(team.status(), 200, await team.text());
  await newWorkflow(page, 'personalize-orders', 'Personalize orders', 'scenario-empty-canvas');
  await buildTrigger(page, true);
  await buildEmail(page, true);

  const draft = await savedDraft(page, 'personalize-orders');
  assert.deepEqual([draft.trigger.event, draft.trigger.when], ['payment_intent.succeeded', CONDITION_1000]);
  assert.deepEqual(draft.steps.map(({ id, type, uses, with: params }) => ({ id, type, uses, with: params })), [
    {
      id: 'email_team',
      type: 'action',
      uses: 'email.send',
      with: {
        to: { team: 'fulfillment' },
        subject: 'Handwritten note for order {{ object.id }}',
        body: 'Please add a handwritten thank-you note before shipping.',
        fields: [
          { label: 'Customer ID', value: '{{ object.customer }}' },
          { label: 'Amount', value: '{{ $money(object.amount, object.currency) }}' },
        ],
      },
    },
  ]);

  // The sample event is 20 USD: below the condition, the preview says no run would start.
  const preview = page.getByRole('region', { name: 'Preview' });
  await preview.getByRole('button', { name: 'Run preview' }).click();
  await preview.getByText('No run would start:').waitFor();
  await screenshot(page, 'scenario-preview-unmatched');
  // A matching payment, pasted as Stripe sends it.
  await preview.getByText('Paste JSON').click();
  await preview.getByLabel('Stripe event JSON').fill(JSON.stringify({ type: 'payment_intent.succeeded', data: { object: { id: 'pi_preview', object: 'payment_intent', amount: 150000, currency: 'usd', customer: 'cus_preview' } } }));
  await preview.getByRole('button', { name: 'Run preview' }).click();
  await preview.getByText('Handwritten note for order pi_preview').first().waitFor();
  await preview.getByText(/Customer ID.*cus_preview/).first().waitFor();
  await preview.getByText(/Amount.*1,500\.00/).first().waitFor();
  await screenshot(page, 'scenario-preview');

  await publish(page, 'Ask fulfillment for a handwritten note over 1,000 USD');
  await screenshot(page, 'scenario-published');

  // A 1,500 USD payment in the sandbox starts a run; the runs page lists it and the mail is in the outbox.
  const fired = await page.request.post(`${suite.tollgate.sandboxUrl}/_sandbox/trigger`, { data: { event: 'payment_intent.succeeded', amount: 150000, currency: 'usd' } });
  assert.equal(fired.status(), 200, await fired.text());
  const payment = ((await fired.json()) as { data: { object: { id: string } } }).data.object.id;
  const run = await pollUntil(
    async () => ((await (await page.request.get('/api/v1/runs', { params: { workflow: 'personalize-orders' } })).json()) as { runs: { id: string; status: string }[] }).runs[0],
    (found) => found !== undefined && !['pending', 'running'].includes(found.status),
    { what: 'the run personalize-orders started', intervalMs: 200 },
  );
  assert.equal(run?.status, 'succeeded', JSON.stringify(run));
  await page.goto('/runs');
  await page.getByRole('table', { name: 'Runs' }).getByRole('link', { name: run.id }).click();
  await page.waitForURL(new RegExp(`/runs/${run.id}$`));
  await page.getByText('email_team').first().waitFor();
  await screenshot(page, 'scenario-run');
  await page.goto('/events/outbox');
  const mail = page.getByRole('link', { name: `Handwritten note for order ${payment}` });
  await reloadUntilVisible(page, () => mail);
  await mail.first().click();
  const body = page.frameLocator('iframe.email-frame');
  await body.getByText('Please add a handwritten thank-you note before shipping.').waitFor();
  await body.getByText(/1,500\.00/).first().waitFor();
  await screenshot(page, 'scenario-mail');
  await page.context().close();
});

void test('tag-valuable-customers: a decision branch over 2,000 USD to "update a customer" with metadata Tier = VIP, otherwise end; a 2,500 USD payment tags the customer', async () => {
  const page = await adminPage();
  await newWorkflow(page, 'tag-valuable-customers', 'Tag valuable customers');
  await buildTrigger(page, false);
  await buildEmail(page, false);

  // A decision after the email, whose branch goes to a new "update a customer" action.
  await addStep(page, 'Decision');
  const decision = page.getByRole('region', { name: 'Step decision' });
  await decision.getByLabel('Step id').fill('is_vip');
  await decision.getByLabel('Step id').blur();
  const isVip = page.getByRole('region', { name: 'Step is_vip' });
  const branch = isVip.getByRole('group', { name: 'When' });
  await amountOver(branch, '2,000');
  await branch.getByText(CONDITION_2000, { exact: true }).waitFor();

  await addStep(page, 'Action');
  const action = page.getByRole('region', { name: 'Step action' });
  await action.getByRole('searchbox', { name: 'Operations' }).fill('customer update');
  await action.getByRole('group', { name: 'Operations' }).getByRole('button', { name: /^stripe\.customers\.update/ }).click();
  await action.getByLabel('Step id').fill('tag_vip');
  await action.getByLabel('Step id').blur();
  const tag = page.getByRole('region', { name: 'Step tag_vip' });
  await tag.getByRole('textbox', { name: 'id', exact: true }).fill('{{ object.customer }}');
  await tag.getByText(/More parameters/).click();
  await tag.getByRole('group', { name: 'metadata' }).getByRole('button', { name: '+ Add row' }).click();
  await tag.getByLabel('metadata: key 1').fill('Tier');
  await tag.getByRole('textbox', { name: 'metadata: Tier', exact: true }).fill('VIP');

  await addStep(page, 'End');
  const end = page.getByRole('region', { name: 'Step end' });
  await end.getByLabel('Step id').fill('done');
  await end.getByLabel('Step id').blur();

  await node(page, 'is_vip').click();
  await isVip.getByLabel('Then go to').selectOption('tag_vip');
  await isVip.getByLabel('Otherwise, go to').selectOption('done');
  await page.getByRole('button', { name: 'Fit View' }).click();
  await page.locator('.react-flow__edge').filter({ hasText: 'otherwise' }).waitFor();
  await screenshot(page, 'scenario-branch');

  const draft = await savedDraft(page, 'tag-valuable-customers');
  assert.deepEqual(draft.steps.map((step) => [step.id, step.type]), [['email_team', 'action'], ['is_vip', 'decision'], ['tag_vip', 'action'], ['done', 'end']]);
  assert.deepEqual(draft.steps[1]?.branches, [{ when: CONDITION_2000, next: 'tag_vip' }]);
  assert.equal(draft.steps[1]?.otherwise, 'done');
  assert.deepEqual(draft.steps[2]?.with, { id: '{{ object.customer }}', metadata: { Tier: 'VIP' } });

  await publish(page, 'Tag customers VIP over 2,000 USD');
  const fired = await page.request.post(`${suite.tollgate.sandboxUrl}/_sandbox/trigger`, { data: { event: 'payment_intent.succeeded', amount: 250000, currency: 'usd' } });
  assert.equal(fired.status(), 200, await fired.text());
  const customer = ((await fired.json()) as { data: { object: { customer: string } } }).data.object.customer;
  const metadata = await pollUntil(
    async () => {
      const answer = await page.request.get(`${suite.tollgate.sandboxUrl}/v1/customers/${customer}`, { headers: { authorization: 'Bearer sk_test_scenarios' } });
      return ((await answer.json()) as { metadata?: Record<string, string> }).metadata ?? {};
    },
    (value) => value.Tier !== undefined,
    { what: 'the customer tagged by the run', intervalMs: 200 },
  );
  assert.deepEqual(metadata, { Tier: 'VIP' });
  await page.context().close();
});
