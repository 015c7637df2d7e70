import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EventBody, EventSummaryBody } from '../../src/server/event-schemas.ts';
import type { ErrorBody } from '../../src/server/response-schemas.ts';
import { startApi } from './api-harness.ts';

const LISTENERS = `
kind: Workflow
id: big-refunds
trigger:
  type: event
  event: charge.refunded
  when: object.amount_refunded >= 1000
steps:
  - { id: done, type: end, outcome: Big }
---
kind: Workflow
id: every-refund
trigger: { type: event, event: charge.refunded }
steps:
  - { id: done, type: end, outcome: Seen }
`;

function refundEvent(id: string, amount: number, created: number) {
  return { id, type: 'charge.refunded', livemode: false, created, data: { object: { id: `ch_${id}`, object: 'charge', amount_refunded: amount } } };
}

test('received events list with the runs they started or why none; one event shows its payload', async () => {
  const api = await startApi();
  try {
    assert.equal((await api.postYaml('/api/v1/apply', LISTENERS)).status, 200);
    const small = await api.t.system.app.stripeIntake.accept(refundEvent('evt_small', 500, 1_700_000_000), { connectorId: 'stripe', source: 'webhook' });
    assert.equal(small.runs.length, 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const big = await api.t.system.app.stripeIntake.accept(refundEvent('evt_big', 5000, 1_700_000_100), { connectorId: 'stripe', source: 'poll' });
    assert.equal(big.runs.length, 2);

    const listed = await api.get<{ events: EventSummaryBody[]; next_cursor: string | null }>('/api/v1/events');
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.events.map((event) => event.id), ['evt_big', 'evt_small'], 'newest first');
    const smallEvent = listed.body.events[1];
    assert.equal(smallEvent?.source, 'webhook');
    assert.equal(smallEvent?.connector, 'stripe');
    const reasons = Object.fromEntries((smallEvent?.matches ?? []).map((match) => [match.workflow, [match.reason, match.run]]));
    assert.deepEqual(reasons['big-refunds'], ['condition_false', null]);
    assert.deepEqual(reasons['every-refund'], ['started', small.runs[0]]);
    assert.equal('payload' in (smallEvent ?? {}), false, 'the list leaves payloads out');

    const paged = await api.get<{ events: EventSummaryBody[]; next_cursor: string | null }>('/api/v1/events?limit=1');
    assert.deepEqual(paged.body.events.map((event) => event.id), ['evt_big']);
    assert.equal(typeof paged.body.next_cursor, 'string');
    const rest = await api.get<{ events: EventSummaryBody[] }>(`/api/v1/events?limit=1&cursor=${encodeURIComponent(paged.body.next_cursor ?? '')}`);
    assert.deepEqual(rest.body.events.map((event) => event.id), ['evt_small']);
    const other = await api.get<{ events: EventSummaryBody[] }>('/api/v1/events?type=payment_intent.succeeded');
    assert.deepEqual(other.body.events, []);

    const one = await api.get<{ event: EventBody }>('/api/v1/events/evt_big');
    assert.equal(one.status, 200);
    assert.equal(one.body.event.type, 'charge.refunded');
    assert.equal(one.body.event.created, 1_700_000_100);
    assert.deepEqual((one.body.event.payload as { data: unknown }).data, refundEvent('evt_big', 5000, 0).data);
    assert.deepEqual(one.body.event.matches.map((match) => match.reason).sort(), ['started', 'started']);

    const missing = await api.get<ErrorBody>('/api/v1/events/evt_nope');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'event_not_found');
    const badCursor = await api.get<ErrorBody>('/api/v1/events?cursor=nonsense');
    assert.equal(badCursor.status, 400);
  } finally {
    await api.close();
  }
});
