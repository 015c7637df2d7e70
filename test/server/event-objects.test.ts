// A Stripe object (a payment, a charge, a customer, a refund) is looked up through the events about it or about
// what belongs to it, the runs they started and the runs that moved money on it: GET /events?object= and
// GET /runs?object=, on both dialects; a bad id is refused where it was given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EventSummaryBody } from '../../src/server/event-schemas.ts';
import type { VerifiedEvent } from '../../src/triggers/stripe-signature.ts';
import type { ErrorBody, RunBody } from '../../src/server/response-schemas.ts';
import { startApi } from './api-harness.ts';

const LISTENER = `
kind: Workflow
id: every-charge
trigger: { type: event, event: charge.succeeded }
steps:
  - { id: done, type: end, outcome: Seen }
`;

function chargeEvent(id: string, charge: string, customer: unknown): VerifiedEvent {
  return { id, type: 'charge.succeeded', livemode: false, created: 1_700_000_000, data: { object: { id: charge, object: 'charge', amount: 1000, customer } } };
}

test('events and runs are found by the object they are about, or by its customer', async () => {
  const api = await startApi();
  try {
    assert.equal((await api.postYaml('/api/v1/apply', LISTENER)).status, 200);
    const accept = (event: VerifiedEvent) => api.t.system.app.stripeIntake.accept(event, { connectorId: 'stripe', source: 'webhook' });
    const first = await accept(chargeEvent('evt_one', 'ch_one', 'cus_ann'));
    const second = await accept(chargeEvent('evt_two', 'ch_two', { id: 'cus_ann', object: 'customer' }));
    const other = await accept(chargeEvent('evt_other', 'ch_other', 'cus_bob'));
    await accept({ id: 'evt_bare', type: 'charge.succeeded', livemode: false, created: 1_700_000_000, data: { object: { object: 'charge' } } });

    const events = async (object: string) => (await api.get<{ events: EventSummaryBody[] }>(`/api/v1/events?object=${object}`)).body.events;
    const byCharge = await events('ch_two');
    assert.deepEqual(byCharge.map((event) => [event.id, event.object, event.customer]), [['evt_two', 'ch_two', 'cus_ann']], 'an expanded customer counts by its id');
    assert.deepEqual((await events('cus_ann')).map((event) => event.id).sort(), ['evt_one', 'evt_two'], "a customer's id finds the events about its charges");
    assert.deepEqual(await events('ch_nobody'), []);
    const bare = (await api.get<{ events: EventSummaryBody[] }>('/api/v1/events')).body.events.find((event) => event.id === 'evt_bare');
    assert.deepEqual([bare?.object, bare?.customer], [null, null], 'an event without an object id is about nothing');

    const runs = async (object: string) => (await api.get<{ runs: RunBody[] }>(`/api/v1/runs?object=${object}`)).body.runs.map((run) => run.id).sort();
    assert.deepEqual(await runs('cus_ann'), [...first.runs, ...second.runs].sort());
    assert.deepEqual(await runs('ch_other'), other.runs);
    assert.deepEqual(await runs('cus_nobody'), []);

    for (const path of ['/api/v1/events?object=ch%20one', '/api/v1/runs?object=%27%3B--']) {
      const refused = await api.get<ErrorBody>(path);
      assert.equal(refused.status, 400, path);
      assert.equal(refused.body.error.path, 'query.object', path);
    }
  } finally {
    await api.close();
  }
});

const DISPUTE_LISTENERS = `
kind: Workflow
id: every-warning
trigger: { type: event, event: radar.early_fraud_warning.created }
steps:
  - { id: done, type: end, outcome: Seen }
---
kind: Workflow
id: every-dispute
trigger: { type: event, event: charge.dispute.created }
steps:
  - { id: done, type: end, outcome: Seen }
`;

test("a payment's or a charge's id finds its warnings and disputes, and a refund's id the run that made it", async () => {
  const api = await startApi();
  try {
    assert.equal((await api.postYaml('/api/v1/apply', `${LISTENER}---${DISPUTE_LISTENERS}`)).status, 200);
    const accept = (event: VerifiedEvent) => api.t.system.app.stripeIntake.accept(event, { connectorId: 'stripe', source: 'webhook' });
    const object = (id: string, type: string, data: Record<string, unknown>): VerifiedEvent => ({ id, type, livemode: false, created: 1_700_000_000, data: { object: data } });
    const charge = await accept(object('evt_charge', 'charge.succeeded', { id: 'ch_efw', object: 'charge', payment_intent: 'pi_efw', customer: 'cus_eve' }));
    const warning = await accept(object('evt_warning', 'radar.early_fraud_warning.created', { id: 'issfr_1', object: 'radar.early_fraud_warning', charge: 'ch_efw', payment_intent: 'pi_efw' }));
    const dispute = await accept(object('evt_dispute', 'charge.dispute.created', { id: 'dp_1', object: 'dispute', charge: { id: 'ch_disputed', object: 'charge' }, payment_intent: { id: 'pi_disputed', object: 'payment_intent' } }));

    const events = async (id: string) => (await api.get<{ events: EventSummaryBody[] }>(`/api/v1/events?object=${id}`)).body.events;
    assert.deepEqual((await events('pi_efw')).map((event) => event.id).sort(), ['evt_charge', 'evt_warning'], "a payment's id finds its charge and the warning about it");
    assert.deepEqual((await events('ch_efw')).map((event) => event.id).sort(), ['evt_charge', 'evt_warning'], "a charge's id finds the warning about it");
    const [disputed] = await events('ch_disputed');
    assert.deepEqual([disputed?.id, disputed?.object, disputed?.charge, disputed?.payment_intent], ['evt_dispute', 'dp_1', 'ch_disputed', 'pi_disputed'], 'expanded charges and payments count by their id');
    assert.deepEqual((await events('pi_disputed')).map((event) => event.id), ['evt_dispute']);

    // The warning's run refunded the charge; the dispute's run gave the customer of another charge a goodwill refund.
    const [warningRun] = warning.runs;
    const [disputeRun] = dispute.runs;
    assert.ok(warningRun !== undefined && disputeRun !== undefined);
    const ledger = api.t.system.store.refundLedger;
    const refund = async (runId: string, n: number, target: { charge: string; paymentIntent: string | null; customer: string | null }, resultId: string) => {
      const reserved = await ledger.reserve(
        { idempotencyKey: `key-${n}`, operation: 'stripe.refunds.create', targetId: target.charge, paymentIntentId: target.paymentIntent, customerId: target.customer, workflowId: 'every', runId, stepPath: 'refund', amount: 500, currency: 'usd' },
        { available: 1_000_000, caps: [] },
        new Date(),
      );
      assert.equal(reserved.kind, 'reserved');
      if (reserved.kind === 'reserved') await ledger.settle(reserved.reservation.id, resultId, new Date());
    };
    await refund(warningRun, 1, { charge: 'ch_efw', paymentIntent: 'pi_efw', customer: 'cus_eve' }, 're_efw');
    await refund(disputeRun, 2, { charge: 'ch_goodwill', paymentIntent: 'pi_goodwill', customer: 'cus_carl' }, 're_goodwill');

    const runs = async (id: string) => (await api.get<{ runs: RunBody[] }>(`/api/v1/runs?object=${id}`)).body.runs.map((run) => run.id).sort();
    assert.deepEqual(await runs('re_efw'), [warningRun], 'the refund id finds the run that created it');
    assert.deepEqual(await runs('pi_efw'), [...charge.runs, warningRun].sort(), 'a payment finds its events\' runs once each, also the one that refunded it');
    assert.deepEqual(await runs('re_goodwill'), [disputeRun]);
    assert.deepEqual(await runs('ch_goodwill'), [disputeRun], 'a charge refunded by a run no event about it started');
    assert.deepEqual(await runs('pi_goodwill'), [disputeRun]);
    assert.deepEqual(await runs('cus_carl'), [disputeRun], 'a customer finds the runs that refunded it');
    assert.deepEqual(await runs('re_nobody'), []);
  } finally {
    await api.close();
  }
});
