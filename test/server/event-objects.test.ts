// A Stripe object (a payment, a charge, a customer) is looked up through the events about it and the runs they
// started: GET /events?object= and GET /runs?object=, on both dialects; a bad id is refused where it was given.
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
