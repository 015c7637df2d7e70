import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventObjectOf, owningObjects } from '../../../src/core/event-object.ts';

test('an event is about its object, and belongs to its customer, payment and charge, ids or expanded objects', () => {
  const dispute = eventObjectOf({ data: { object: { id: 'dp_1', charge: { id: 'ch_1', object: 'charge' }, payment_intent: 'pi_1', customer: 7 } } });
  assert.deepEqual(dispute, { objectId: 'dp_1', customerId: null, chargeId: 'ch_1', paymentIntentId: 'pi_1' });
  assert.deepEqual(owningObjects(dispute), [
    { kind: 'payment', id: 'pi_1' },
    { kind: 'charge', id: 'ch_1' },
  ]);
  assert.deepEqual(eventObjectOf({ data: {} }), { objectId: null, customerId: null, chargeId: null, paymentIntentId: null });
});

test('what an object belongs to leaves out the object itself', () => {
  const customer = eventObjectOf({ data: { object: { id: 'cus_1', customer: 'cus_1' } } });
  assert.deepEqual(owningObjects(customer), []);
  const charge = eventObjectOf({ data: { object: { id: 'ch_1', customer: { id: 'cus_1' }, payment_intent: 'pi_1' } } });
  assert.deepEqual(owningObjects(charge), [
    { kind: 'customer', id: 'cus_1' },
    { kind: 'payment', id: 'pi_1' },
  ]);
});
