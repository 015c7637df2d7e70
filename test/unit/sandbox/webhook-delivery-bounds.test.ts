import assert from 'node:assert/strict';
import { test } from 'node:test';
import { systemClock } from '../../../src/core/clock.ts';
import type { StripeEvent, WebhookEndpoint } from '../../../src/sandbox/stripe-objects.ts';
import { MAX_SETTLED_DELIVERIES, WebhookDelivery, type DeliveryRecord } from '../../../src/sandbox/webhook-delivery.ts';
import { startReceiver } from './sandbox-fixture.ts';

test('the delivery queue keeps the latest settled deliveries and every pending one, however many events were sent', async () => {
  const receiver = await startReceiver();
  try {
    const endpoint = { id: 'we_1', url: receiver.url, secret: 'whsec_test', status: 'enabled' } as WebhookEndpoint;
    const event = { id: 'evt_new', type: 'customer.created', data: { object: {} } } as unknown as StripeEvent;
    let saves = 0;
    const delivery = new WebhookDelivery({
      clock: systemClock,
      retryDelaysMs: [],
      timeoutMs: 10_000,
      endpoint: () => endpoint,
      event: () => event,
      changed: () => (saves += 1),
    });
    const settled = (index: number): DeliveryRecord => ({ eventId: `evt_${index}`, eventType: 'customer.created', endpointId: 'we_1', url: receiver.url, status: 'succeeded', attempts: 1, lastStatus: 200, lastError: null, created: index });
    delivery.restore(Array.from({ length: MAX_SETTLED_DELIVERIES }, (_, index) => settled(index)));
    delivery.enqueue(event, [endpoint]);
    await delivery.idle();
    assert.equal(receiver.received.length, 1, JSON.stringify(delivery.records.at(-1)));
    assert.equal(saves, 1);
    assert.equal(delivery.records.length, MAX_SETTLED_DELIVERIES);
    assert.equal(delivery.records[0]?.eventId, 'evt_1', 'the oldest settled delivery was forgotten');
    assert.deepEqual(delivery.records.at(-1), { ...delivery.records.at(-1), eventId: 'evt_new', status: 'succeeded' });
    delivery.stop();
  } finally {
    await receiver.close();
  }
});
