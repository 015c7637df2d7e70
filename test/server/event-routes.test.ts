import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EventBody, EventSummaryBody } from '../../src/server/event-schemas.ts';
import type { ErrorBody } from '../../src/server/response-schemas.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { startApi } from './api-harness.ts';

const LISTENERS = `
kind: Workflow
id: big-refunds
title: Big refunds
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
    const reasons = Object.fromEntries((smallEvent?.matches ?? []).map((match) => [match.workflow, [match.reason, match.run, match.workflow_title]]));
    // Each workflow by its title now (by its id when it has none), so the events pages name it from the first answer.
    assert.deepEqual(reasons['big-refunds'], ['condition_false', null, 'Big refunds']);
    assert.deepEqual(reasons['every-refund'], ['started', small.runs[0], 'every-refund']);
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
    assert.deepEqual(one.body.event.matches.map((match) => `${match.workflow_title}: ${match.reason}`).sort(), ['Big refunds: started', 'every-refund: started']);

    const missing = await api.get<ErrorBody>('/api/v1/events/evt_nope');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'event_not_found');
    const badCursor = await api.get<ErrorBody>('/api/v1/events?cursor=nonsense');
    assert.equal(badCursor.status, 400);
  } finally {
    await api.close();
  }
});

test('received events filter by type and by when they were received: since included, until not', async () => {
  const clock = new ManualClock(new Date('2026-03-01T09:00:00Z'));
  const api = await startApi({ clock });
  try {
    const receive = async (id: string, type: string, at: string) => {
      clock.set(new Date(at));
      await api.t.system.app.stripeIntake.accept({ id, type, livemode: false, created: 1_700_000_000, data: { object: { id: `ch_${id}`, object: 'charge' } } }, { connectorId: 'stripe', source: 'webhook' });
    };
    await receive('evt_feb', 'charge.refunded', '2026-02-28T23:59:59.999Z');
    await receive('evt_mar_start', 'charge.refunded', '2026-03-01T00:00:00.000Z');
    await receive('evt_mar_other', 'charge.succeeded', '2026-03-01T12:00:00.000Z');
    await receive('evt_mar_end', 'charge.refunded', '2026-03-02T00:00:00.000Z');
    const ids = async (query: string) => {
      const answer = await api.get<{ events: EventSummaryBody[] }>(`/api/v1/events?${query}`);
      assert.equal(answer.status, 200, answer.text);
      return answer.body.events.map((event) => event.id);
    };
    const march1 = 'since=2026-03-01T00:00:00Z&until=2026-03-02T00:00:00Z';
    assert.deepEqual(await ids(march1), ['evt_mar_other', 'evt_mar_start'], 'the first instant counts, the last does not');
    assert.deepEqual(await ids(`${march1}&type=charge.refunded`), ['evt_mar_start'], 'with a type too');
    assert.deepEqual(await ids('since=2026-03-01T12:00:00%2B01:00'), ['evt_mar_end', 'evt_mar_other'], 'an offset is read as written');
    assert.deepEqual(await ids('until=2026-03-01T00:00:00Z'), ['evt_feb']);
    const paged = await api.get<{ events: EventSummaryBody[]; next_cursor: string | null }>(`/api/v1/events?${march1}&limit=1`);
    const rest = await ids(`${march1}&limit=1&cursor=${encodeURIComponent(paged.body.next_cursor ?? '')}`);
    assert.deepEqual([...paged.body.events.map((event) => event.id), ...rest], ['evt_mar_other', 'evt_mar_start'], 'pages keep the window');

    const backwards = await api.get<ErrorBody>('/api/v1/events?since=2026-03-02T00:00:00Z&until=2026-03-01T00:00:00Z');
    assert.equal(backwards.status, 400);
    assert.equal(backwards.body.error.path, 'until');
    const notATime = await api.get<ErrorBody>('/api/v1/events?since=yesterday');
    assert.equal(notATime.status, 400);
    assert.match(notATime.text, /since/);
  } finally {
    await api.close();
  }
});
