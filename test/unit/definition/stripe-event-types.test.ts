import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { EVENT_TYPES_FILE, renderEventTypesModule, stripePackageEventTypes } from '../../../scripts/generate-stripe-event-types.ts';
import { messagesOf } from './definition-test-helpers.ts';

const eventWorkflow = (event: string) => `kind: Workflow
id: disputes
trigger: { type: event, event: ${event} }
steps:
  - { id: done, type: end }
`;

void describe('Stripe event types in event triggers', () => {
  void it('the committed list is what the script generates from the installed stripe package', () => {
    const found = stripePackageEventTypes();
    assert.ok(found.types.includes('charge.dispute.created') && found.types.length > 200);
    assert.equal(readFileSync(EVENT_TYPES_FILE, 'utf8'), renderEventTypesModule(found), 'run: node --import tsx scripts/generate-stripe-event-types.ts');
  });

  void it('refuses an unknown event type with the likely intended one', () => {
    assert.deepEqual(messagesOf(eventWorkflow('charge.dispute.create')), [
      'trigger.event: unknown Stripe event type "charge.dispute.create" (did you mean "charge.dispute.created"?); the workflow would never start',
    ]);
    assert.deepEqual(messagesOf(eventWorkflow('[charge.refunded, "payment_intent.sucess"]')), [
      'trigger.event[1]: unknown Stripe event type "payment_intent.sucess" (did you mean "payment_intent.succeeded"?); the workflow would never start',
    ]);
    assert.deepEqual(messagesOf(eventWorkflow('wibble.wobble')), ['trigger.event: unknown Stripe event type "wibble.wobble"; see the list at https://docs.stripe.com/api/events/types']);
  });

  void it('accepts known types, `*` and a prefix some type has', () => {
    assert.deepEqual(messagesOf(eventWorkflow('[charge.dispute.created, "charge.*", "*", "radar.early_fraud_warning.*"]')), []);
    assert.deepEqual(messagesOf(eventWorkflow('"chrge.dispute.*"')), [
      'trigger.event: no Stripe event type starts with "chrge.dispute." (did you mean "charge.dispute.*"?); see https://docs.stripe.com/api/events/types',
    ]);
  });
});
