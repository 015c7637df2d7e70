/**
 * Thin Stripe events (an event destination with a thin payload) at the webhook
 * intake, against the sandbox over HTTP with its endpoint switched to thin
 * payloads: the intake fetches each event's object from the sandbox (as the
 * connected account in `context`) and takes the event in as the v1 event, so
 * workflows start as for a snapshot. A fetch that fails for now answers 503,
 * one refused for good a coded 422; neither stores anything.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Stripe from 'stripe';
import { thinEventPayload, type StripeEvent, type ThinEventPayload } from '../../src/sandbox/index.ts';
import { startStripeStack, type StripeStack } from '../support/stripe-stack.ts';

const WORKFLOWS = `
kind: Workflow
id: big-payments
trigger: { type: event, event: payment_intent.succeeded, when: "object.amount >= 5000" }
steps:
  - { id: note, type: set, values: { amount: "{{ object.amount }}", currency: "{{ object.currency }}" } }
---
kind: Workflow
id: connected-payments
trigger: { type: event, event: payment_intent.succeeded, account: connected }
steps:
  - { id: note, type: set, values: { amount: "{{ object.amount }}" } }
`;

interface ErrorAnswer {
  error: { code: string; message: string; path?: string };
}

void describe('thin Stripe events at the webhook intake', () => {
  let stack: StripeStack;

  before(async () => {
    stack = await startStripeStack();
    const [endpoint] = stack.sandbox.endpoints;
    assert.ok(endpoint);
    stack.sandbox.addEndpoint({ id: endpoint.id, url: endpoint.url, eventPayload: 'thin' });
    await stack.apply(WORKFLOWS);
  });
  after(() => stack.close());

  const runsOf = async (workflowId: string) => (await stack.system.store.listRuns({ workflowId, limit: 100 })).runs;
  const intentOf = (event: StripeEvent) => event.data.object.id;
  const fetchesOf = (intent: string) => stack.sandbox.requests.filter((request) => request.method === 'GET' && request.path === `/v1/payment_intents/${intent}`);
  /** Delivers a thin body to the intake, signed as Stripe signs it. */
  const deliver = (body: object) => {
    const payload = JSON.stringify(body);
    return stack.server.inject({
      method: 'POST',
      url: '/webhooks/stripe/stripe',
      headers: { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: stack.webhookSecret }) },
      payload,
    });
  };
  const thinAbout = (intent: string, id: string): ThinEventPayload => ({
    id,
    object: 'v2.core.event',
    type: 'v1.payment_intent.succeeded',
    created: new Date().toISOString(),
    livemode: false,
    related_object: { id: intent, type: 'payment_intent', url: `/v1/payment_intents/${intent}` },
    reason: null,
  });

  void it("starts the matching workflow with the fetched object's fields, stored as a thin event; a repeated delivery starts nothing more", async () => {
    const big = stack.sandbox.trigger('payment_intent.succeeded', { amount: 7300, currency: 'usd' });
    const small = stack.sandbox.trigger('payment_intent.succeeded', { amount: 1200, currency: 'usd' });
    await stack.settle();
    const delivered = stack.sandbox.deliveries.filter((delivery) => delivery.eventId === big.id || delivery.eventId === small.id);
    assert.deepEqual(delivered.map((delivery) => [delivery.status, delivery.lastStatus]), [['succeeded', 200], ['succeeded', 200]]);

    const stored = await stack.system.app.events.get(big.id);
    assert.ok(stored, "the thin event is stored under its snapshot event's id");
    assert.deepEqual([stored.type, stored.source, stored.account, stored.created, stored.livemode], ['payment_intent.succeeded', 'webhook_thin', null, big.created, false]);
    const payload = stored.payload as { object: string; data: { object: { id: string; amount: number } }; related_object: { url: string } };
    assert.deepEqual([payload.object, payload.data.object.id, payload.data.object.amount], ['event', intentOf(big), 7300], 'the v1 event, with the object as fetched');
    assert.equal(payload.related_object.url, `/v1/payment_intents/${intentOf(big)}`);
    // The endpoint takes every type: payment_intent.created came thin too, and its object was fetched as well.
    const fetched = fetchesOf(intentOf(big));
    assert.ok(fetched.length > 0 && fetched.every((request) => request.account === null && request.status === 200), "fetched at receipt, as the platform's own");

    const runs = await runsOf('big-payments');
    assert.equal(runs.length, 1, 'only the payment the condition (on the fetched amount) lets through');
    assert.equal(runs[0]?.status, 'succeeded', JSON.stringify(runs[0]?.error));
    assert.deepEqual([runs[0]?.variables.amount, runs[0]?.variables.currency], [7300, 'usd']);
    const smallMatches = (await stack.system.app.events.get(small.id))?.matches ?? [];
    assert.deepEqual(smallMatches.find((match) => match.workflowId === 'big-payments')?.reason, 'condition_false');
    assert.match(smallMatches.find((match) => match.workflowId === 'connected-payments')?.reason ?? '', /^account_mismatch/);
    assert.equal((await runsOf('connected-payments')).length, 0, "the platform's own event starts no connected-account workflow");

    const again = await deliver(thinEventPayload(big));
    assert.equal(again.statusCode, 200, again.body);
    assert.deepEqual(JSON.parse(again.body), { received: true, event_id: big.id, duplicate: true, runs: [] });
    assert.equal(fetchesOf(intentOf(big)).length, fetched.length, 'a repeated delivery asks Stripe nothing');
    await stack.settle();
    assert.equal((await runsOf('big-payments')).length, 1);
  });

  void it('takes the thin and the snapshot delivery of one change in as one event, whichever comes first: one run, no second fetch', async () => {
    // Thin first (the sandbox's endpoint is thin): the snapshot delivery of the same change, or its recovery, is a duplicate.
    const paid = stack.sandbox.trigger('payment_intent.succeeded', { amount: 8800, currency: 'usd' });
    await stack.settle();
    const stored = await stack.system.app.events.get(paid.id);
    assert.equal(stored?.source, 'webhook_thin', "taken in under the snapshot event's id");
    assert.equal((stored?.payload as { thin_event?: string }).thin_event, thinEventPayload(paid).id, "the thin event's own id is kept");
    const snapshot = await deliver(paid);
    assert.equal(snapshot.statusCode, 200, snapshot.body);
    assert.deepEqual(JSON.parse(snapshot.body), { received: true, event_id: paid.id, duplicate: true, runs: [] });

    // Snapshot first: the thin delivery that names it fetches nothing and starts nothing.
    const other = stack.sandbox.trigger('payment_intent.succeeded', { amount: 9100, currency: 'usd' });
    await stack.settle();
    const fetched = fetchesOf(intentOf(other)).length;
    const direct: StripeEvent = { ...other, id: 'evt_snapshot_direct' };
    assert.equal((await deliver(direct)).statusCode, 200);
    const thin = await deliver({ ...thinAbout(intentOf(other), 'evt_v2_direct'), snapshot_event: 'evt_snapshot_direct' });
    assert.equal(thin.statusCode, 200, thin.body);
    assert.deepEqual(JSON.parse(thin.body), { received: true, event_id: 'evt_snapshot_direct', duplicate: true, runs: [] });
    assert.equal(fetchesOf(intentOf(other)).length, fetched, 'a duplicate asks Stripe nothing');
    assert.equal(await stack.system.app.events.get('evt_v2_direct'), undefined);
    await stack.settle();
    const runs = (await runsOf('big-payments')).filter((run) => [8800, 9100].includes(run.variables.amount as number));
    assert.deepEqual(runs.map((run) => run.variables.amount).sort(), [8800, 9100, 9100], 'one run per delivery taken in: the thin 9100 and the direct snapshot, no third');
  });

  void it("fetches a connected account's thin event as that account, and starts its account: connected workflow", async () => {
    const theirs = stack.sandbox.trigger('payment_intent.succeeded', { amount: 900, currency: 'eur', account: 'acct_thin_connected' });
    await stack.settle();
    const fetched = fetchesOf(intentOf(theirs));
    assert.ok(fetched.length > 0, 'fetched at receipt');
    assert.deepEqual(new Set(fetched.map((request) => `${String(request.account)} ${String(request.status)}`)), new Set(['acct_thin_connected 200']), 'read with Stripe-Account: the context');
    const stored = await stack.system.app.events.get(theirs.id);
    assert.deepEqual([stored?.account, stored?.source], ['acct_thin_connected', 'webhook_thin']);
    const runs = (await runsOf('connected-payments')).filter((run) => (run.variables.object as { id: string }).id === intentOf(theirs));
    assert.equal(runs.length, 1);
    assert.equal(runs[0]?.status, 'succeeded', JSON.stringify(runs[0]?.error));
    assert.equal(runs[0]?.variables.amount, 900);
  });

  void it('answers 503 with Retry-After, storing nothing, when the fetch fails for now; the next delivery is taken in', async () => {
    const payment = stack.sandbox.trigger('payment_intent.succeeded', { amount: 5100, currency: 'usd' });
    await stack.settle();
    const intent = intentOf(payment);
    const runsBefore = (await runsOf('big-payments')).length;
    stack.sandbox.failNext(1, { kind: 'status', status: 503, match: { method: 'GET', path: `/v1/payment_intents/${intent}` } });
    const thin = thinAbout(intent, 'evt_thin_outage');

    const refused = await deliver(thin);
    assert.equal(refused.statusCode, 503, refused.body);
    const { error } = JSON.parse(refused.body) as ErrorAnswer;
    assert.equal(error.code, 'thin_event_fetch_failed');
    assert.match(error.message, new RegExp(`payment_intent ${intent}`));
    assert.ok(Number(refused.headers['retry-after']) > 0, `Retry-After: ${String(refused.headers['retry-after'])}`);
    assert.equal(await stack.system.app.events.get('evt_thin_outage'), undefined, 'nothing stored');
    assert.equal((await runsOf('big-payments')).length, runsBefore);

    const retried = await deliver(thin);
    assert.equal(retried.statusCode, 200, retried.body);
    assert.equal((JSON.parse(retried.body) as { runs: string[] }).runs.length, 1);
    assert.equal((await stack.system.app.events.get('evt_thin_outage'))?.source, 'webhook_thin');
  });

  void it('answers 422 thin_event_object_unavailable, naming the object and storing nothing, when Stripe has no such object', async () => {
    const answer = await deliver(thinAbout('pi_deleted_since', 'evt_thin_gone'));
    assert.equal(answer.statusCode, 422, answer.body);
    const { error } = JSON.parse(answer.body) as ErrorAnswer;
    assert.equal(error.code, 'thin_event_object_unavailable');
    assert.equal(error.path, 'related_object');
    assert.match(error.message, /payment_intent pi_deleted_since/);
    assert.equal(await stack.system.app.events.get('evt_thin_gone'), undefined);
  });

  void it('refuses a thin event of a v2 resource, or one without related_object, with 400 at the field', async () => {
    const { related_object: _related, ...bare } = thinAbout('pi_1', 'evt_thin_bare');
    const cases: [object, string][] = [
      [{ ...thinAbout('pi_1', 'evt_thin_v2'), type: 'v2.core.account.created' }, 'type'],
      [bare, 'related_object'],
    ];
    for (const [body, path] of cases) {
      const answer = await deliver(body);
      assert.equal(answer.statusCode, 400, answer.body);
      const { error } = JSON.parse(answer.body) as ErrorAnswer;
      assert.deepEqual([error.code, error.path], ['thin_event_invalid', path]);
    }
    assert.equal(await stack.system.app.events.get('evt_thin_v2'), undefined);
    assert.equal(await stack.system.app.events.get('evt_thin_bare'), undefined);
  });
});
