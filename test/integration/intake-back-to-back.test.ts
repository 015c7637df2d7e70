// The intake batches the events handed in while it writes. An event handed in
// just as the previous one is answered (a caller that awaits each event, as a
// poller or a test does) must start a write of its own, not wait for a batch
// that has already ended.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { VerifiedEvent } from '../../src/triggers/stripe-signature.ts';
import { createTestSystem } from '../support/test-system.ts';

function event(id: string): VerifiedEvent {
  return { id, type: 'charge.refunded', livemode: false, created: 1_700_000_000, data: { object: { id: `ch_${id}`, object: 'charge' } } };
}

/** `value` after `hops` more turns of the microtask queue. */
async function later<T>(value: Promise<T>, hops: number): Promise<T> {
  let result = await value;
  for (let hop = 0; hop < hops; hop += 1) result = await Promise.resolve(result);
  return result;
}

test('an event handed in as the previous one is answered is stored and answered, however soon after', async () => {
  const t = await createTestSystem();
  try {
    const intake = t.system.app.stripeIntake;
    const origin = { connectorId: 'stripe', source: 'webhook' };
    // Each number of turns hands the next event in at another moment of the first one's batch winding down.
    for (let hops = 0; hops <= 8; hops += 1) {
      let answered = false;
      await later(intake.accept(event(`evt_first_${hops}`), origin), hops);
      const next = intake.accept(event(`evt_next_${hops}`), origin).then((result) => {
        answered = true;
        return result;
      });
      await intake.drain();
      assert.ok(answered, `the event handed in ${hops} turns after the answer is written by the time the intake has drained`);
      assert.equal((await next).duplicate, false);
    }
    assert.equal((await t.system.app.events.list({ limit: 50 })).events.length, 18);
  } finally {
    await t.close();
  }
});
