import { test } from 'node:test';
import assert from 'node:assert/strict';
import { silentLogger } from '../../src/core/logger.ts';
import { stripeEventPoller } from '../../src/system/stripe-event-polling.ts';
import { sandboxConnector, startStripeStack } from '../support/stripe-stack.ts';

test('polling mode reads new events from the Events API once each, and resumes from its cursor', async () => {
  const stack = await startStripeStack({ deliverWebhooks: false });
  try {
    await stack.apply(`
kind: Workflow
id: big-payments
trigger: { type: event, event: payment_intent.succeeded, when: object.amount >= 10000 }
steps:
  - { id: note, type: set, values: { amount: "{{ object.amount }}" } }
`);
    const poller = stripeEventPoller(stack.system, sandboxConnector(stack.sandbox.url, stack.webhookSecret), silentLogger);
    const first = stack.sandbox.trigger('payment_intent.succeeded', { amount: 25_000, currency: 'usd' });
    const taken = await poller.poll();
    assert.ok(taken >= 1, 'the first poll takes the events so far');
    assert.equal(await poller.poll(), 0, 'nothing new: nothing taken');
    const second = stack.sandbox.trigger('payment_intent.succeeded', { amount: 5_000, currency: 'usd' });
    const third = stack.sandbox.trigger('payment_intent.succeeded', { amount: 40_000, currency: 'usd' });
    assert.ok((await poller.poll()) >= 2);
    await stack.settle();
    const runs = (await stack.system.store.listRuns({ workflowId: 'big-payments', limit: 10 })).runs;
    assert.deepEqual(runs.map((run) => run.variables.amount).sort(), [25_000, 40_000]);
    const { events } = await stack.system.app.events.list({ limit: 100 });
    for (const event of [first, second, third]) {
      const stored = events.filter((candidate) => candidate.id === event.id);
      assert.equal(stored.length, 1);
      assert.equal(stored[0]?.source, 'poll');
    }
  } finally {
    await stack.close();
  }
});
