import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Stripe from 'stripe';
import { createApiKey } from '../../src/identity/api-key-admin.ts';
import { createUser } from '../../src/identity/user-admin.ts';
import { startStripeStack, type StripeStack } from '../support/stripe-stack.ts';

const recipe = (name: string) => readFileSync(new URL(`../../examples/${name}.yaml`, import.meta.url), 'utf8');

void describe('the Stripe recipes, end to end through the sandbox', () => {
  let stack: StripeStack;
  let stripe: Stripe;
  before(async () => {
    stack = await startStripeStack();
    const url = new URL(stack.sandbox.url);
    stripe = new Stripe('sk_test_recipes', { host: url.hostname, port: Number(url.port), protocol: 'http', maxNetworkRetries: 0 });
    await stack.apply([recipe('personalize-orders'), recipe('tag-valuable-customers'), recipe('fraud-warning-refund')].join('\n---\n'));
  });
  after(() => stack.close());

  const runsFor = async (workflowId: string) => (await stack.system.store.listRuns({ workflowId, limit: 100 })).runs;
  const mailsTo = async (address: string) => (await stack.system.app.outbox.list({ limit: 100 })).items.filter((mail) => mail.to.some((to) => to.includes(address)));

  void it('personalize-orders emails fulfillment only above 1,000 USD', async () => {
    const above = stack.sandbox.trigger('payment_intent.succeeded', { amount: 150_000, currency: 'usd' });
    const at = stack.sandbox.trigger('payment_intent.succeeded', { amount: 100_000, currency: 'usd' });
    const below = stack.sandbox.trigger('payment_intent.succeeded', { amount: 5_000, currency: 'usd' });
    const euros = stack.sandbox.trigger('payment_intent.succeeded', { amount: 150_000, currency: 'eur' });
    await stack.settle();
    const runs = await runsFor('personalize-orders');
    assert.equal(runs.length, 1, 'one run: only the event above 1,000 USD');
    assert.equal(runs[0]?.status, 'succeeded', JSON.stringify(runs[0]?.error));
    const intent = (above.data.object as { id: string }).id;
    assert.equal((runs[0]?.variables.object as { id: string }).id, intent);
    const mails = (await mailsTo('pat@example.com')).filter((mail) => mail.subject === `Handwritten note for order ${intent}`);
    assert.equal(mails.length, 2, 'personalize-orders and tag-valuable-customers each email fulfillment once');
    assert.match(mails[0]!.text, /Amount: \$1,500\.00/);
    const { events } = await stack.system.app.events.list({ limit: 50 });
    for (const skipped of [at, below, euros]) {
      const stored = events.find((event) => event.id === skipped.id);
      assert.ok(stored, `event ${skipped.id} is stored even though it started nothing`);
      assert.deepEqual(stored.matches.find((match) => match.workflowId === 'personalize-orders'), { workflowId: 'personalize-orders', generation: 0, runId: null, reason: 'condition_false', replayedBy: null, replayedAt: null });
    }
  });

  void it('tag-valuable-customers tags VIP above 2,000 USD, merging metadata', async () => {
    const rich = await stripe.customers.create({ email: 'rich@example.com', metadata: { source: 'import' } });
    const modest = await stripe.customers.create({ email: 'modest@example.com', metadata: { source: 'import' } });
    stack.sandbox.trigger('payment_intent.succeeded', { amount: 250_000, currency: 'usd', customer: rich.id });
    stack.sandbox.trigger('payment_intent.succeeded', { amount: 150_000, currency: 'usd', customer: modest.id });
    await stack.settle();
    assert.deepEqual((await stripe.customers.retrieve(rich.id) as Stripe.Customer).metadata, { source: 'import', Tier: 'VIP' });
    assert.deepEqual((await stripe.customers.retrieve(modest.id) as Stripe.Customer).metadata, { source: 'import' });
    const runs = await runsFor('tag-valuable-customers');
    assert.ok(runs.every((run) => run.status === 'succeeded'));
  });

  void it('fraud-warning-refund refunds below 15 USD, once, for the remaining amount', async () => {
    const warning = stack.sandbox.trigger('radar.early_fraud_warning.created', { amount: 1_000, currency: 'usd' });
    await stack.settle();
    const chargeId = (warning.data.object as unknown as { charge: string }).charge;
    const refunds = await stripe.refunds.list({ charge: chargeId });
    assert.equal(refunds.data.length, 1);
    assert.equal(refunds.data[0]?.amount, 1_000);
    assert.equal(refunds.data[0]?.reason, 'fraudulent');
    assert.equal(refunds.data[0]?.metadata?.early_fraud_warning, (warning.data.object as { id: string }).id);
    const refundCalls = stack.sandbox.requests.filter((request) => request.method === 'POST' && request.path === '/v1/refunds');
    assert.equal(new Set(refundCalls.map((call) => call.idempotencyKey)).size, 1);
  });

  void it('fraud-warning-refund emails risk at or above 15 USD and refunds nothing', async () => {
    const warning = stack.sandbox.trigger('radar.early_fraud_warning.created', { amount: 1_500, currency: 'usd' });
    await stack.settle();
    const chargeId = (warning.data.object as unknown as { charge: string }).charge;
    assert.equal((await stripe.refunds.list({ charge: chargeId })).data.length, 0);
    const mails = (await mailsTo('sam@example.com')).filter((mail) => mail.subject === `Early fraud warning on ${chargeId}`);
    assert.equal(mails.length, 1);
    assert.match(mails[0]!.text, /Amount: \$15\.00/);
  });

  void it('a duplicate delivery of the same event starts nothing more', async () => {
    const before = (await runsFor('fraud-warning-refund')).length;
    const event = stack.sandbox.trigger('radar.early_fraud_warning.created', { amount: 700, currency: 'usd' });
    await stack.settle();
    const body = JSON.stringify(event);
    const header = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: stack.webhookSecret });
    const replay = await stack.server.inject({ method: 'POST', url: '/webhooks/stripe/stripe', headers: { 'content-type': 'application/json', 'stripe-signature': header }, payload: body });
    assert.equal(replay.statusCode, 200);
    assert.equal(replay.json<{ duplicate: boolean }>().duplicate, true);
    await stack.settle();
    assert.equal((await runsFor('fraud-warning-refund')).length, before + 1);
  });

  void it('refuses a forged or stale delivery and stores nothing', async () => {
    const event = { id: 'evt_forged', object: 'event', type: 'radar.early_fraud_warning.created', created: 1, livemode: false, data: { object: { id: 'issfr_x', charge: 'ch_x' } } };
    const body = JSON.stringify(event);
    const forged = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: 'whsec_wrong' });
    const stale = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: stack.webhookSecret, timestamp: Math.floor(Date.now() / 1000) - 3600 });
    for (const header of [forged, stale, undefined]) {
      const response = await stack.server.inject({ method: 'POST', url: '/webhooks/stripe/stripe', headers: { 'content-type': 'application/json', ...(header ? { 'stripe-signature': header } : {}) }, payload: body });
      assert.equal(response.statusCode, 400);
      assert.equal(response.json<{ error: { code: string } }>().error.code, 'signature_invalid');
    }
    const { events } = await stack.system.app.events.list({ limit: 200 });
    assert.equal(events.some((stored) => stored.id === 'evt_forged'), false);
    assert.equal((await stack.server.inject({ method: 'GET', url: '/metrics' })).statusCode, 401, 'the metrics need credentials');
    const scraper = await createUser(stack.system.app.identity, { email: 'scraper@example.com', roles: ['admin'] });
    const key = await createApiKey(stack.system.app.identity, undefined, { name: 'prometheus', user: scraper.id, scopes: ['metrics.read'] });
    const metrics = await stack.server.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${key.secret}` } });
    assert.equal(metrics.statusCode, 200);
    assert.match(metrics.body, /tollgate_webhook_deliveries_total\{source="stripe",result="rejected"\} 3/, 'each refusal is counted');
    assert.match(metrics.body, /tollgate_runs_finished_total\{status="succeeded"\} [1-9]/, 'the runs of the earlier tests are counted');
  });
});
