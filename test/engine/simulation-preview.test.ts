import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { Operation } from '../../src/engine/operation.ts';
import { previewDraft } from '../../src/simulation/preview-draft.ts';
import { createTestSystem, type TestSystem } from '../support/test-system.ts';

/** The documents of an example file: the workflow, and the YAML of the rest (its teams) to apply. */
function example(name: string): { workflow: Record<string, unknown>; rest: string } {
  const documents = parseAllDocuments(readFileSync(new URL(`../../examples/${name}.yaml`, import.meta.url), 'utf8')).map((document) => document.toJSON() as Record<string, unknown>);
  const workflow = documents.find((document) => document.kind === 'Workflow')!;
  const rest = documents.filter((document) => document.kind === 'Team').map((document) => JSON.stringify(document)).join('\n---\n');
  return { workflow, rest };
}

function paymentIntentEvent(amount: number): Record<string, unknown> {
  return { id: 'evt_pi_1', type: 'payment_intent.succeeded', data: { object: { id: 'pi_123', object: 'payment_intent', amount, currency: 'usd', customer: 'cus_ABC' } } };
}

describe('preview: a draft runs on the real engine with its side effects stubbed', () => {
  let t: TestSystem;
  before(async () => {
    t = await createTestSystem({ env: { STRIPE_SECRET_KEY: 'sk_test_simulation' } });
    await t.apply('kind: Connector\nid: stripe\ntype: stripe\nconfig: { secret_key: "{{ env.STRIPE_SECRET_KEY }}" }\n');
    for (const name of ['personalize-orders', 'fraud-warning-refund', 'dispute-evidence']) {
      const { rest } = example(name);
      if (rest !== '') await t.apply(rest);
    }
  });
  after(() => t.close());

  test('personalize-orders matches a 1,500 USD payment and renders the email with Customer ID and Amount', async () => {
    const { workflow } = example('personalize-orders');
    const preview = await previewDraft(t.system.app, { definition: workflow, event: paymentIntentEvent(150_000) });
    assert.equal(preview.matched, true);
    assert.equal(preview.event?.sample, false);
    assert.equal(preview.run?.status, 'completed');
    assert.deepEqual(preview.run?.path, ['email_team']);
    const step = preview.run?.steps[0];
    assert.equal(step?.effect, 'simulated');
    assert.deepEqual(step?.email?.to, ['"Pat" <pat@example.com>']);
    assert.match(step?.email?.text ?? '', /Customer ID: cus_ABC/);
    assert.match(step?.email?.text ?? '', /Amount: \$1,500\.00/);
    assert.deepEqual(preview.run?.effects, [{ operation: 'email.send', label: 'would email team fulfillment', count: 1, money: [], unknown_amounts: 0 }]);
  });

  test('a payment under the condition does not match: no run', async () => {
    const { workflow } = example('personalize-orders');
    const preview = await previewDraft(t.system.app, { definition: workflow, event: paymentIntentEvent(50_000) });
    assert.equal(preview.matched, false);
    assert.equal(preview.run, null);
  });

  test('fraud-warning-refund on a sample warning: the 20 USD charge behind it, read from the sample, goes to the team', async () => {
    const { workflow } = example('fraud-warning-refund');
    const preview = await previewDraft(t.system.app, { definition: workflow });
    assert.equal(preview.event?.sample, true);
    assert.equal(preview.event?.type, 'radar.early_fraud_warning.created');
    assert.equal(preview.run?.status, 'completed');
    assert.deepEqual(preview.run?.path, ['charge', 'below_dispute_fee', 'investigate', 'done']);
    const charge = preview.run?.steps.find((step) => step.step === 'charge');
    assert.equal(charge?.effect, 'simulated');
    assert.equal((charge?.output as { amount: number }).amount, 2000);
    assert.match(preview.run?.steps.find((step) => step.step === 'investigate')?.email?.text ?? '', /Amount: \$20\.00/);
  });

  test('fraud-warning-refund below 15 USD with live reads: would refund, and the money is counted', async () => {
    const realReads: string[] = [];
    const operations = t.system.engine.operations as Map<string, Operation>;
    const retrieve = operations.get('stripe.charges.retrieve')!;
    operations.set('stripe.charges.retrieve', {
      spec: retrieve.spec,
      execute: (input) => {
        realReads.push(String(input.id));
        return Promise.resolve({ id: input.id, object: 'charge', amount: 1200, amount_refunded: 200, currency: 'usd' });
      },
    });
    try {
      const { workflow } = example('fraud-warning-refund');
      const event = { type: 'radar.early_fraud_warning.created', data: { object: { id: 'issfr_1', object: 'radar.early_fraud_warning', charge: 'ch_small' } } };
      const preview = await previewDraft(t.system.app, { definition: workflow, event, liveReads: true });
      assert.deepEqual(preview.run?.path, ['charge', 'below_dispute_fee', 'refund', 'done']);
      assert.deepEqual(realReads, ['ch_small']);
      const charge = preview.run?.steps.find((step) => step.step === 'charge');
      assert.equal(charge?.effect, 'live_read');
      const refund = preview.run?.steps.find((step) => step.step === 'refund');
      assert.equal(refund?.effect, 'simulated');
      assert.deepEqual(refund?.input, { charge: 'ch_small', amount: 1000, reason: 'fraudulent', metadata: { early_fraud_warning: 'issfr_1' } });
      assert.deepEqual(refund?.money, { amount: 1000, currency: 'usd' });
      assert.match(String((refund?.output as { id: string }).id), /^re_sim_/);
      assert.deepEqual(preview.run?.effects, [{ operation: 'stripe.refunds.create', label: 'would refund', count: 1, money: [{ currency: 'usd', amount: 1000 }], unknown_amounts: 0 }]);
    } finally {
      operations.set('stripe.charges.retrieve', retrieve);
    }
  });

  test('dispute-evidence on a sample dispute: would stage evidence (not submit) and email the team; with submit: true the report says it would submit', async () => {
    const { workflow } = example('dispute-evidence');
    const preview = await previewDraft(t.system.app, { definition: workflow });
    assert.equal(preview.event?.type, 'charge.dispute.created');
    assert.deepEqual(preview.run?.path, ['charge', 'evidence', 'tell_team', 'done']);
    const staged = preview.run?.steps.find((step) => step.step === 'evidence');
    assert.equal(staged?.effect, 'simulated');
    const output = staged?.output as { id: string; status: string; evidence: Record<string, unknown> };
    assert.equal(output.status, 'needs_response', 'staged, not submitted');
    assert.equal(output.id, staged?.input && (staged.input as { id: string }).id);
    assert.match(output.id, /^dp_/);
    assert.deepEqual(preview.run?.effects.map((effect) => [effect.operation, effect.label, effect.count]), [
      ['stripe.disputes.update', 'would stage evidence on', 1],
      ['email.send', 'would email team payments-ops', 1],
    ]);
    const steps = workflow.steps as { id: string; with?: Record<string, unknown> }[];
    const submitting = { ...workflow, steps: steps.map((step) => (step.id === 'evidence' ? { ...step, with: { ...step.with, submit: true } } : step)) };
    const submitted = await previewDraft(t.system.app, { definition: submitting });
    assert.equal((submitted.run?.steps.find((step) => step.step === 'evidence')?.output as { status: string }).status, 'under_review');
    assert.equal(submitted.run?.effects[0]?.label, 'would submit evidence on');
  });

  test('nothing is written to the real store: no runs, an empty outbox', async () => {
    assert.equal(await t.system.store.countRuns({}), 0);
    assert.equal((await t.system.app.outbox.list({ limit: 10 })).items.length, 0);
    assert.equal((await t.system.store.listWorkflows()).length, 0);
  });
});
