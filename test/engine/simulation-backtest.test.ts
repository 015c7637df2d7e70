import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { Operation } from '../../src/engine/operation.ts';
import { BacktestRegistry } from '../../src/simulation/backtest-registry.ts';
import { previewDraft } from '../../src/simulation/preview-draft.ts';
import type { ReceivedEvent } from '../../src/store/event-store.ts';
import { createTestSystem, type TestSystem } from '../support/test-system.ts';

function workflowOf(name: string): Record<string, unknown> {
  const documents = parseAllDocuments(readFileSync(new URL(`../../examples/${name}.yaml`, import.meta.url), 'utf8')).map((document) => document.toJSON() as Record<string, unknown>);
  return documents.find((document) => document.kind === 'Workflow')!;
}

function storedEvent(id: string, type: string, object: Record<string, unknown>, receivedAt: Date): ReceivedEvent {
  const created = Math.floor(receivedAt.getTime() / 1000);
  return { id, type, account: null, connectorId: 'stripe', livemode: false, created, payload: { id, object: 'event', type, created, data: { object } }, source: 'webhook', receivedAt };
}

describe('backtest: stored events replayed through a draft', () => {
  let t: TestSystem;
  let registry: BacktestRegistry;
  const now = Date.now();
  const daysAgo = (days: number) => new Date(now - days * 86_400_000);
  before(async () => {
    t = await createTestSystem({ env: { STRIPE_SECRET_KEY: 'sk_test_simulation' } });
    await t.apply(`kind: Connector
id: stripe
type: stripe
config: { secret_key: "{{ env.STRIPE_SECRET_KEY }}" }
---
kind: Team
id: fulfillment
members: [{ email: pat@example.com }]
---
kind: Team
id: risk
members: [{ email: sam@example.com }]
---
kind: Team
id: finance
members: [{ email: fran@example.com }]
`);
    const pi = (id: string, amount: number) => ({ id, object: 'payment_intent', amount, currency: 'usd', customer: 'cus_1' });
    const warning = (id: string, charge: string) => ({ id, object: 'radar.early_fraud_warning', charge });
    await t.system.app.events.record(
      [
        storedEvent('evt_1', 'payment_intent.succeeded', pi('pi_1', 150_000), daysAgo(1)),
        storedEvent('evt_2', 'payment_intent.succeeded', pi('pi_2', 50_000), daysAgo(2)),
        storedEvent('evt_3', 'payment_intent.succeeded', pi('pi_3', 200_000), daysAgo(3)),
        storedEvent('evt_old', 'payment_intent.succeeded', pi('pi_old', 300_000), daysAgo(45)),
        storedEvent('evt_4', 'charge.succeeded', { id: 'ch_x', object: 'charge', amount: 500_000, currency: 'usd' }, daysAgo(1)),
        storedEvent('evt_w1', 'radar.early_fraud_warning.created', warning('issfr_1', 'ch_a'), daysAgo(1)),
        storedEvent('evt_w2', 'radar.early_fraud_warning.created', warning('issfr_2', 'ch_b'), daysAgo(2)),
        storedEvent('evt_w3', 'radar.early_fraud_warning.created', warning('issfr_3', 'ch_c'), daysAgo(3)),
      ].map((event) => ({ event, matches: [] })),
    );
    registry = new BacktestRegistry(t.system.app);
  });
  after(() => t.close());

  test('personalize-orders over the last 30 days: 3 events, 2 runs, 2 emails; the 45-day-old event is outside', async () => {
    const started = await registry.start({ definition: workflowOf('personalize-orders') });
    assert.equal(started.status, 'running');
    assert.deepEqual(started.progress, { done: 0, total: 3 });
    const backtest = await registry.finished(started.id);
    assert.equal(backtest.status, 'completed');
    assert.deepEqual(backtest.progress, { done: 3, total: 3 });
    assert.equal(backtest.report?.events, 3);
    assert.equal(backtest.report?.runs, 2);
    assert.deepEqual(backtest.report?.outcomes, [{ status: 'completed', outcome: null, count: 2 }]);
    assert.equal(backtest.report?.summary, 'would email team fulfillment 2 times');
    const { runs } = registry.runs(started.id, { limit: 10 });
    assert.deepEqual(runs.map((run) => run.eventId), ['evt_1', 'evt_3']);
    assert.deepEqual(runs[0]?.path, ['email_team']);
  });

  test('the last N events, whatever their age', async () => {
    const started = await registry.start({ definition: workflowOf('personalize-orders'), last: 4 });
    const backtest = await registry.finished(started.id);
    assert.equal(backtest.report?.events, 4);
    assert.equal(backtest.report?.runs, 3);
    assert.deepEqual(registry.runs(started.id, { limit: 2 }).runs.map((run) => run.eventId), ['evt_1', 'evt_3']);
    assert.deepEqual(registry.runs(started.id, { limit: 2, cursor: '2' }).runs.map((run) => run.eventId), ['evt_old']);
  });

  test('fraud-warning-refund with live reads: the refund total is the charges under 15 USD, less what was refunded', async () => {
    const charges: Record<string, { amount: number; amount_refunded: number }> = { ch_a: { amount: 1000, amount_refunded: 0 }, ch_b: { amount: 1400, amount_refunded: 400 }, ch_c: { amount: 5000, amount_refunded: 0 } };
    const operations = t.system.engine.operations as Map<string, Operation>;
    const retrieve = operations.get('stripe.charges.retrieve')!;
    operations.set('stripe.charges.retrieve', { spec: retrieve.spec, execute: (input) => Promise.resolve({ id: input.id, object: 'charge', currency: 'usd', ...charges[String(input.id)] }) });
    try {
      const started = await registry.start({ definition: workflowOf('fraud-warning-refund'), liveReads: true });
      const backtest = await registry.finished(started.id);
      assert.equal(backtest.report?.runs, 3);
      assert.equal(backtest.report?.summary, 'would refund 2 charges, 20.00 USD; would email team risk 1 time');
      assert.deepEqual(backtest.report?.effects.find((effect) => effect.operation === 'stripe.refunds.create')?.money, [{ currency: 'usd', amount: 2000 }]);
    } finally {
      operations.set('stripe.charges.retrieve', retrieve);
    }
  });

  test('without live reads a refund of unknown size is counted as such', async () => {
    const definition = workflowOf('fraud-warning-refund');
    const steps = (definition.steps as Record<string, unknown>[]).filter((step) => step.id !== 'charge' && step.id !== 'below_dispute_fee' && step.id !== 'investigate');
    const refundAll = { ...definition, steps: steps.map((step) => (step.id === 'refund' ? { ...step, with: { charge: '{{ object.charge }}', reason: 'fraudulent' } } : step)) };
    const backtest = await registry.finished((await registry.start({ definition: refundAll })).id);
    assert.equal(backtest.report?.summary, 'would refund 3 charges, 3 of unknown amount');
  });

  test('an unknown backtest is backtest_not_found; a manual trigger cannot be backtested; a bad window names the field', async () => {
    assert.throws(() => registry.get('bt_nope'), { code: 'backtest_not_found' });
    const manual = { kind: 'Workflow', id: 'manual-one', trigger: { type: 'manual' }, steps: [{ id: 'done', type: 'end' }] };
    await assert.rejects(registry.start({ definition: manual }), { code: 'backtest_trigger_invalid' });
    await assert.rejects(registry.start({ definition: workflowOf('personalize-orders'), since: 'last tuesday' }), { code: 'request_invalid', path: 'since' });
  });

  test('waits complete within the simulation; approvals are decided as asked', async () => {
    const definition = {
      kind: 'Workflow',
      id: 'wait-and-approve',
      trigger: { type: 'manual' },
      steps: [
        { id: 'cool_off', type: 'wait', for: '7d' },
        { id: 'sign_off', type: 'approval', assignee: { team: 'finance' }, on: { approved: 'yes', rejected: 'no' } },
        { id: 'yes', type: 'end', outcome: 'Approved' },
        { id: 'no', type: 'end', outcome: 'Rejected' },
      ],
    };
    const approved = await previewDraft(t.system.app, { definition });
    assert.equal(approved.run?.status, 'completed');
    assert.equal(approved.run?.outcome, 'Approved');
    assert.deepEqual(approved.run?.path, ['cool_off', 'sign_off', 'yes']);
    const rejected = await previewDraft(t.system.app, { definition, approval: 'reject' });
    assert.equal(rejected.run?.outcome, 'Rejected');
    assert.deepEqual(await t.system.app.approvals.list({ limit: 10 }), []);
  });

  test('nothing is written to the real store', async () => {
    assert.equal(await t.system.store.countRuns({}), 0);
    assert.equal((await t.system.app.outbox.list({ limit: 10 })).items.length, 0);
  });
});
