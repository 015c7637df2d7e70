import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Stripe from 'stripe';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { MASKED_SECRET } from '../../src/core/stored-secrets.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { startStripeStack, type StripeStack } from '../support/stripe-stack.ts';
import { waitForRun } from '../support/wait-for-run.ts';

let stack: StripeStack;
let stripe: Stripe;

before(async () => {
  stack = await startStripeStack();
  const url = new URL(stack.sandbox.url);
  stripe = new Stripe('sk_test_redaction', { host: url.hostname, port: Number(url.port), protocol: 'http' });
});
after(() => stack.close());

test("a run's stored step outputs show a payment intent's client_secret as **redacted**, and nothing in step_attempts or the run's variables holds it", async () => {
  const intent = await stripe.paymentIntents.create({ amount: 1500, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, metadata: { order: 'redaction' } });
  assert.ok(intent.client_secret, 'the sandbox gives a client_secret');
  await stack.apply(`
kind: Workflow
id: read-intent
trigger: { type: manual, input: [{ key: intent, type: text, required: true }] }
steps:
  - id: fetched
    type: action
    uses: stripe.paymentIntents.retrieve
    with: { id: "{{ intent }}" }
  - id: listed
    type: action
    uses: stripe.paymentIntents.list
    with: { limit: 5 }
`);
  const run = await invokeWorkflow(stack.system.app, { workflowId: 'read-intent', input: { intent: intent.id } });
  const finished = await waitForRun(stack.system.store, run.id, { timeoutMs: 60_000 });
  assert.equal(finished.status, 'succeeded', JSON.stringify(finished.error));

  const rows = await inspectDatabase(stack.system.store).selectFrom('step_attempts').select(['step_id', 'input', 'output']).where('run_id', '=', run.id).execute();
  const output = (stepId: string): Record<string, unknown> => {
    const row = rows.find((item) => item.step_id === stepId);
    assert.ok(row, `a journal row for ${stepId}`);
    return JSON.parse(String(row.output)) as Record<string, unknown>;
  };
  const fetched = output('fetched');
  assert.equal(fetched.id, intent.id);
  assert.equal(fetched.amount, 1500, 'the rest of the object is kept');
  assert.equal(fetched.client_secret, MASKED_SECRET);
  const listed = output('listed').data as Record<string, unknown>[];
  assert.ok(listed.some((item) => item.id === intent.id));
  assert.ok(listed.every((item) => item.client_secret === MASKED_SECRET));
  const secret = intent.client_secret.split('_secret_')[1] ?? intent.client_secret;
  assert.ok(!JSON.stringify(rows).includes(secret), 'no journal row holds the secret');
  const variables = await inspectDatabase(stack.system.store).selectFrom('runs').select('variables').where('id', '=', run.id).executeTakeFirstOrThrow();
  assert.ok(String(variables.variables).includes(intent.id), "the run's variables keep the payment intent");
  assert.ok(!String(variables.variables).includes(secret), "the run's variables do not hold the secret");
});
