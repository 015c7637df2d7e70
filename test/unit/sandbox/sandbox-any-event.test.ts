import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { StripeSandbox } from '../../../src/sandbox/index.ts';
import { idPrefixOf, objectKindOf } from '../../../src/sandbox/generated-event-object.ts';
import { SandboxApiError } from '../../../src/sandbox/sandbox-errors.ts';
import { startReceiver, startSandbox } from './sandbox-fixture.ts';

void describe('Stripe sandbox: any event type, event documents, faults over HTTP, a durable queue', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-any-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  void it('names the object kind and id prefix of an event type', () => {
    assert.deepEqual(
      ['charge.dispute.created', 'customer.subscription.deleted', 'issuing_card.created', 'checkout.session.completed', 'invoice.payment_succeeded', 'treasury.received_credit.created'].map(objectKindOf),
      ['dispute', 'subscription', 'issuing.card', 'checkout.session', 'invoice', 'treasury.received_credit'],
    );
    assert.deepEqual(['dispute', 'checkout.session', 'treasury.received_credit'].map(idPrefixOf), ['dp', 'cs_test', 'rc']);
  });

  void it('generates an object of the right kind, with amount and currency where they fit, and a real object where the sandbox keeps the kind', async () => {
    const fx = await startSandbox();
    try {
      const payout = fx.sandbox.trigger('payout.paid', { amount: 1234, currency: 'eur', metadata: { batch: '7' } }).data.object;
      assert.deepEqual({ ...payout, id: 'x', created: 0 }, { id: 'x', object: 'payout', created: 0, livemode: false, metadata: { batch: '7' }, amount: 1234, currency: 'eur', status: 'paid' });
      assert.match(payout.id, /^po_/);
      const product = fx.sandbox.trigger('product.created', { amount: 1234 }).data.object;
      assert.equal(product.object, 'product');
      assert.equal('amount' in product, false, 'a product has no amount');
      const captured = fx.sandbox.trigger('charge.captured', { amount: 900 }).data.object;
      assert.equal((await fx.stripe.charges.retrieve(captured.id)).amount, 900);
    } finally {
      await fx.close();
    }
  });

  void it('sends an event document as is, filling id, created and api_version; refuses one without a type, naming the field', async () => {
    const fx = await startSandbox();
    try {
      const sent = await fetch(`${fx.url}/_sandbox/events`, { method: 'POST', body: JSON.stringify({ event: { type: 'charge.dispute.closed', data: { object: { id: 'dp_1', object: 'dispute', status: 'won' } } } }) });
      assert.equal(sent.status, 200);
      const event = (await sent.json()) as { id: string; created: number; api_version: string; data: { object: unknown } };
      assert.match(event.id, /^evt_/);
      assert.ok(Number.isInteger(event.created) && event.api_version !== '');
      assert.deepEqual(event.data.object, { id: 'dp_1', object: 'dispute', status: 'won' });
      assert.equal((await fx.stripe.events.retrieve(event.id)).type, 'charge.dispute.closed');
      const typeless = await fetch(`${fx.url}/_sandbox/events`, { method: 'POST', body: JSON.stringify({ object: { object: 'dispute' } }) });
      assert.equal(typeless.status, 400);
      assert.equal(((await typeless.json()) as { error: { param: string } }).error.param, 'type');
    } finally {
      await fx.close();
    }
  });

  void it('refuses types outside the configured list with its message', async () => {
    const fx = await startSandbox({ eventTypes: { known: ['payout.paid'], unknown: (type) => `no ${type} here` } });
    try {
      assert.throws(() => fx.sandbox.trigger('payout.pad'), (error: unknown) => error instanceof SandboxApiError && error.message === 'no payout.pad here');
    } finally {
      await fx.close();
    }
  });

  void it('queues faults over HTTP, validates each field, lists and clears them', async () => {
    const fx = await startSandbox();
    try {
      const post = async (body: unknown) => {
        const response = await fetch(`${fx.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify(body) });
        return { status: response.status, body: (await response.json()) as { error?: { param: string; message: string }; data?: unknown[] } };
      };
      for (const [body, param] of [[{ count: 0, status: 500 }, 'count'], [{ status: 500, kind: 'timeout' }, 'status'], [{ kind: 'slow' }, 'kind'], [{ status: 500, method: 'PUT' }, 'method'], [{ status: 500, colour: 1 }, 'colour'], [{ status: 500, retry_after: 3 }, 'retry_after']] as const) {
        const refused = await post(body);
        assert.equal(refused.status, 400, JSON.stringify(body));
        assert.equal(refused.body.error?.param, param, JSON.stringify(refused.body));
      }
      assert.equal((await post({ count: 2, kind: 'timeout', path: '/v1/customers' })).status, 200);
      const queued = await post({ status: 503, method: 'post', path: '/v1/refunds' });
      assert.deepEqual(queued.body.data, [{ count: 2, kind: 'timeout', after_processing: false, path: '/v1/customers' }, { count: 1, status: 503, after_processing: false, method: 'POST', path: '/v1/refunds' }]);
      await assert.rejects(fx.stripe.refunds.create({ charge: 'ch_nope' }), (error: { statusCode?: number }) => error.statusCode === 503);
      assert.deepEqual(await (await fetch(`${fx.url}/_sandbox/faults`, { method: 'DELETE' })).json(), { deleted: 1 });
      assert.deepEqual(((await (await fetch(`${fx.url}/_sandbox/faults`)).json()) as { data: unknown[] }).data, []);
    } finally {
      await fx.close();
    }
  });

  void it('keeps pending deliveries in the state file: a new sandbox on the same file delivers them, once released', async () => {
    const stateFile = join(dir, 'state.json');
    const receiver = await startReceiver();
    const first = new StripeSandbox({ stateFile, holdDeliveries: true });
    await first.start();
    first.addEndpoint({ url: receiver.url, secret: 'whsec_kept' });
    const event = first.trigger('customer.created');
    assert.equal(first.status().deliveries.pending, 1);
    await first.stop();

    const second = new StripeSandbox({ stateFile, webhookRetryDelaysMs: [10] });
    try {
      await second.start();
      await second.idle();
      assert.deepEqual(receiver.received.map((webhook) => (JSON.parse(webhook.body) as { id: string }).id), [event.id]);
      const status = second.status();
      assert.deepEqual([status.deliveries.pending, status.deliveries.succeeded], [0, 1]);
      assert.equal(status.endpoints[0]?.secret, 'whsec_****', 'a short secret is masked whole');
    } finally {
      await second.stop();
      await receiver.close();
    }
  });
});
