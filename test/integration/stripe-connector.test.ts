import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { systemClock } from '../../src/core/clock.ts';
import { PermanentError, TransientError } from '../../src/core/errors.ts';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import type { Operation, OperationContext } from '../../src/engine/operation.ts';
import { stripeOperations, stripeOperationSpecs } from '../../src/connectors/stripe/index.ts';
import { StripeSandbox } from '../../src/sandbox/index.ts';
import { createTestSystem } from '../support/test-system.ts';

const KEY = 'sk_test_connector';

void describe('stripe connector against the sandbox', () => {
  const sandbox = new StripeSandbox();
  let stripe: Stripe;
  let operations: Map<string, Operation>;
  let keyCounter = 0;

  const context = (overrides: Partial<OperationContext> & { apiBase?: string } = {}): OperationContext => ({
    idempotencyKey: overrides.idempotencyKey ?? `tg:run_test:step${(keyCounter += 1)}`,
    connector: { id: 'stripe', type: 'stripe', config: { secret_key: KEY, api_base: overrides.apiBase ?? sandbox.url } },
    signal: overrides.signal ?? new AbortController().signal,
    runId: 'run_test',
    stepPath: 'step',
    clock: systemClock,
  });
  const call = (name: string, input: Record<string, unknown>, ctx: OperationContext = context()): Promise<unknown> => {
    const operation = operations.get(name);
    assert.ok(operation, `operation ${name} exists`);
    return operation.execute(input, ctx);
  };
  const paidCharge = async (amount = 2000): Promise<string> => {
    const intent = await stripe.paymentIntents.create({ amount, currency: 'usd', confirm: true, payment_method: 'pm_card_visa' });
    assert.equal(typeof intent.latest_charge, 'string');
    return intent.latest_charge as string;
  };

  before(async () => {
    const { port } = await sandbox.start();
    stripe = new Stripe(KEY, { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });
    operations = new Map(stripeOperations().map((operation) => [operation.spec.name, operation]));
  });
  after(() => sandbox.stop());

  void it('declares specs: required ids, money movers, connector type', () => {
    const specs = new Map(stripeOperationSpecs().map((spec) => [spec.name, spec]));
    assert.deepEqual([...specs.keys()].sort(), [
      'stripe.charges.list', 'stripe.charges.retrieve', 'stripe.creditNotes.create', 'stripe.customers.list', 'stripe.customers.retrieve',
      'stripe.customers.update', 'stripe.disputes.close', 'stripe.disputes.list', 'stripe.disputes.retrieve', 'stripe.disputes.update', 'stripe.invoices.list', 'stripe.invoices.retrieve', 'stripe.paymentIntents.list', 'stripe.paymentIntents.retrieve',
      'stripe.paymentIntents.update', 'stripe.radar.earlyFraudWarnings.list', 'stripe.refunds.create', 'stripe.request', 'stripe.subscriptions.list',
    ]);
    assert.equal(specs.get('stripe.customers.update')?.params.id?.required, true);
    assert.equal(specs.get('stripe.refunds.create')?.movesMoney, true);
    assert.equal(specs.get('stripe.creditNotes.create')?.movesMoney, true);
    assert.equal(specs.get('stripe.charges.retrieve')?.movesMoney, undefined);
    assert.ok(specs.get('stripe.charges.list')?.params.auto_paginate);
    assert.ok([...specs.values()].every((spec) => spec.connectorType === 'stripe' && 'stripe_account' in spec.params));
  });

  void it('retrieves a charge', async () => {
    const chargeId = await paidCharge(1500);
    const charge = (await call('stripe.charges.retrieve', { id: chargeId })) as Stripe.Charge;
    assert.equal(charge.id, chargeId);
    assert.equal(charge.amount, 1500);
    assert.equal(JSON.parse(JSON.stringify(charge)).lastResponse, undefined, 'the output is plain JSON');
  });

  void it('updates customer metadata by merging keys', async () => {
    const customer = await stripe.customers.create({ email: 'merge@example.com', metadata: { tier: 'gold', region: 'eu' } });
    const updated = (await call('stripe.customers.update', { id: customer.id, metadata: { tier: 'vip', flagged: 'true' } })) as Stripe.Customer;
    assert.deepEqual(updated.metadata, { tier: 'vip', region: 'eu', flagged: 'true' });
    const stored = sandbox.getObject(customer.id) as { metadata: Record<string, string> } | undefined;
    assert.deepEqual(stored?.metadata, { tier: 'vip', region: 'eu', flagged: 'true' });
  });

  void it('creates one refund when called twice with the same idempotency key', async () => {
    const chargeId = await paidCharge(3000);
    sandbox.clearRequests();
    const ctx = context({ idempotencyKey: 'tg:run_refund:refund' });
    const first = (await call('stripe.refunds.create', { charge: chargeId, amount: 1000, reason: 'requested_by_customer' }, ctx)) as Stripe.Refund;
    const second = (await call('stripe.refunds.create', { charge: chargeId, amount: 1000, reason: 'requested_by_customer' }, ctx)) as Stripe.Refund;
    assert.equal(second.id, first.id);
    const refunds = await stripe.refunds.list({ charge: chargeId });
    assert.deepEqual(refunds.data.map((refund) => refund.id), [first.id]);
    assert.equal((await stripe.charges.retrieve(chargeId)).amount_refunded, 1000);
    const posts = sandbox.requests.filter((request) => request.method === 'POST' && request.path === '/v1/refunds');
    assert.deepEqual(posts.map((request) => [request.idempotencyKey, request.replayed]), [
      ['tg:run_refund:refund', false],
      ['tg:run_refund:refund', true],
    ]);
  });

  void it('sends no idempotency key on GET and the connected account on every call', async () => {
    sandbox.clearRequests();
    await call('stripe.customers.list', { limit: 1 });
    await call('stripe.customers.update', { id: (await stripe.customers.create({}, { stripeAccount: 'acct_connected1' })).id, name: 'Connected' }, context({ idempotencyKey: 'tg:acct:1' }));
    const mine = sandbox.requests.filter((request) => request.path.startsWith('/v1/customers'));
    assert.equal(mine[0]?.idempotencyKey, null);
    assert.equal(mine[0]?.account, null);
    await call('stripe.customers.list', { limit: 1, stripe_account: 'acct_connected1' });
    const last = sandbox.requests.at(-1);
    assert.equal(last?.account, 'acct_connected1');
    assert.equal(last?.method, 'GET');
  });

  void it('maps charge_already_refunded to a PermanentError with Stripe code and request id', async () => {
    const chargeId = await paidCharge(500);
    await call('stripe.refunds.create', { charge: chargeId });
    await assert.rejects(call('stripe.refunds.create', { charge: chargeId }), (error: unknown) => {
      assert.ok(error instanceof PermanentError);
      assert.equal(error.code, 'charge_already_refunded');
      assert.equal(error.details?.stripe_type, 'invalid_request_error');
      assert.equal(error.details?.status, 400);
      assert.match(String(error.details?.request_id), /^req_/);
      assert.match(error.message, /stripe\.refunds\.create: Stripe refused the call \(request req_/);
      return true;
    });
  });

  void it('refuses a refund without charge or payment_intent before calling Stripe', async () => {
    sandbox.clearRequests();
    await assert.rejects(call('stripe.refunds.create', { amount: 100 }), (error: unknown) => error instanceof PermanentError && error.code === 'stripe_param_missing');
    assert.equal(sandbox.requests.length, 0);
  });

  void it('maps an injected 500 to a TransientError, and 429 with its Retry-After', async () => {
    const chargeId = await paidCharge(700);
    sandbox.failNext(1, { kind: 'status', status: 500 });
    await assert.rejects(call('stripe.charges.retrieve', { id: chargeId }), (error: unknown) => {
      assert.ok(error instanceof TransientError);
      assert.equal(error.code, 'stripe_api_error');
      assert.equal(error.details?.status, 500);
      return true;
    });
    sandbox.failNext(1, { kind: 'status', status: 429, retryAfter: 7 });
    await assert.rejects(call('stripe.charges.retrieve', { id: chargeId }), (error: unknown) => {
      assert.ok(error instanceof TransientError);
      assert.equal(error.code, 'rate_limit');
      assert.equal(error.retryAfterMs, 7000);
      return true;
    });
  });

  void it('maps a refused connection to a TransientError', async () => {
    await assert.rejects(call('stripe.customers.list', {}, context({ apiBase: 'http://127.0.0.1:1' })), (error: unknown) => {
      assert.ok(error instanceof TransientError);
      assert.equal(error.code, 'stripe_connection_error');
      return true;
    });
  });

  void it('stops waiting when the step is aborted', async () => {
    sandbox.failNext(1, { kind: 'hang', match: { path: '/v1/customers' } });
    const controller = new AbortController();
    const pending = call('stripe.customers.list', {}, context({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(pending, (error: unknown) => error instanceof TransientError && error.code === 'step_aborted');
  });

  void it('keeps to the connector\'s rate_limit, and a refund goes ahead of the reads waiting for it', async () => {
    const chargeId = await paidCharge(2500);
    const limited = (overrides: Partial<OperationContext> = {}): OperationContext => ({
      ...context(overrides),
      connector: { id: 'stripe', type: 'stripe', config: { secret_key: 'sk_test_limited', api_base: sandbox.url, rate_limit: 4 } },
    });
    sandbox.clearRequests();
    // Four tokens a second, one kept for money: three reads go at once, the other seven one every quarter second.
    const reads = Array.from({ length: 10 }, () => call('stripe.customers.list', { limit: 1 }, limited()));
    const refund = (await call('stripe.refunds.create', { charge: chargeId, amount: 100 }, limited({ idempotencyKey: 'tg:run_limited:refund' }))) as Stripe.Refund;
    await Promise.all(reads);
    const mine = sandbox.requests.filter((request) => request.path === '/v1/customers' || request.path === '/v1/refunds' || request.path.startsWith('/v1/charges/'));
    const order = mine.map((request) => (request.path === '/v1/customers' ? 'read' : request.method === 'POST' ? 'refund' : 'check'));
    assert.equal(order.filter((kind) => kind === 'read').length, 10);
    assert.ok(order.indexOf('refund') < order.lastIndexOf('read') - 3, `the refund did not wait behind the reads: ${order.join(' ')}`);
    assert.equal(refund.amount, 100);
    const readTimes = mine.filter((request) => request.path === '/v1/customers').map((request) => request.at.getTime());
    // Seven reads at four a second, less the token the refund took: at least 1.5 s from the first read to the last.
    assert.ok(Math.max(...readTimes) - Math.min(...readTimes) >= 1_400, `the reads were spread over ${Math.max(...readTimes) - Math.min(...readTimes)} ms`);
  });

  void it('lists one page, or every page with auto_paginate up to max_items', async () => {
    const email = 'paged@example.com';
    for (let i = 0; i < 12; i += 1) await stripe.customers.create({ email, name: `Paged ${i}` });
    const page = (await call('stripe.customers.list', { email, limit: 5 })) as Stripe.ApiList<Stripe.Customer>;
    assert.equal(page.data.length, 5);
    assert.equal(page.has_more, true);
    const all = (await call('stripe.customers.list', { email, limit: 5, auto_paginate: true })) as { data: Stripe.Customer[]; has_more: boolean };
    assert.equal(all.data.length, 12);
    assert.equal(new Set(all.data.map((customer) => customer.id)).size, 12);
    assert.equal(all.has_more, false);
    const capped = (await call('stripe.customers.list', { email, limit: 5, auto_paginate: true, max_items: 7 })) as { data: Stripe.Customer[]; has_more: boolean };
    assert.equal(capped.data.length, 7);
    assert.equal(capped.has_more, true);
    await assert.rejects(call('stripe.customers.list', { auto_paginate: 'yes' }), (error: unknown) => error instanceof PermanentError && error.path === 'with.auto_paginate');
  });

  void it('calls any endpoint with stripe.request', async () => {
    sandbox.clearRequests();
    const created = (await call('stripe.request', { method: 'POST', path: '/v1/customers', params: { email: 'raw@example.com', metadata: { source: 'raw' } } }, context({ idempotencyKey: 'tg:raw:1' }))) as Stripe.Customer;
    assert.equal(created.email, 'raw@example.com');
    assert.deepEqual(created.metadata, { source: 'raw' });
    assert.equal(sandbox.requests[0]?.idempotencyKey, 'tg:raw:1');
    const fetched = (await call('stripe.request', { path: `/v1/customers/${created.id}` })) as Stripe.Customer;
    assert.equal(fetched.id, created.id);
    const listed = (await call('stripe.request', { method: 'get', path: '/v1/customers', params: { email: 'raw@example.com', limit: 1 } })) as Stripe.ApiList<Stripe.Customer>;
    assert.deepEqual(listed.data.map((customer) => customer.id), [created.id]);
    await assert.rejects(call('stripe.request', { path: 'https://evil.example/v1/x' }), (error: unknown) => error instanceof PermanentError && error.code === 'stripe_param_invalid');
  });

  void it('refuses a connector without a usable secret key', async () => {
    const ctx = { ...context(), connector: { id: 'bad', type: 'stripe', config: { secret_key: 'pk_test_nope' } } };
    await assert.rejects(call('stripe.customers.list', {}, ctx), (error: unknown) => error instanceof PermanentError && error.code === 'stripe_config_invalid' && /secret_key/.test(error.message));
  });

  void it('refunds through a workflow, and a second refund is refused before Stripe (charge_already_refunded) and goes on_error', async () => {
    const t = await createTestSystem();
    try {
      await t.apply(`
kind: Connector
id: stripe
type: stripe
config: { secret_key: ${KEY}, api_base: "${sandbox.url}" }
---
kind: Workflow
id: refund
trigger:
  type: manual
  input:
    - { key: charge, type: text, required: true }
steps:
  - id: refund
    type: action
    uses: stripe.refunds.create
    with: { charge: "{{ charge }}", reason: requested_by_customer, metadata: { run: "{{ run.id }}" } }
    on_error: failed
  - id: done
    type: end
    outcome: Refunded
  - id: failed
    type: end
    outcome: NotRefunded
    status: failed
`);
      const chargeId = await paidCharge(4200);
      const first = await t.waitForRun((await invokeWorkflow(t.system.app, { workflowId: 'refund', input: { charge: chargeId } })).id);
      assert.equal(first.status, 'succeeded');
      assert.equal(first.outcome, 'Refunded');
      const refund = first.variables.refund as { id: string; amount: number; metadata: Record<string, string> };
      assert.equal(refund.amount, 4200);
      assert.equal(refund.metadata.run, first.id);
      const posts = sandbox.requests.filter((request) => request.path === '/v1/refunds' && request.idempotencyKey === `tg:${first.id}:refund`);
      assert.equal(posts.length, 1, 'the refund went out with the step\'s idempotency key');

      const second = await t.waitForRun((await invokeWorkflow(t.system.app, { workflowId: 'refund', input: { charge: chargeId } })).id);
      assert.equal(second.outcome, 'NotRefunded');
      const error = second.variables.error as { code: string };
      assert.equal(error.code, 'charge_already_refunded', 'the money guard refuses it before Stripe would, with Stripe\'s own code');
      assert.equal(sandbox.requests.filter((request) => request.path === '/v1/refunds' && request.idempotencyKey === `tg:${second.id}:refund`).length, 0, 'no second refund call');
      assert.equal((await stripe.refunds.list({ charge: chargeId })).data.length, 1);
    } finally {
      await t.close();
    }
  });
});
