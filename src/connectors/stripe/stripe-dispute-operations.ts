import { EVIDENCE_FIELDS, disputeUpdateParams } from './stripe-dispute-evidence.ts';
import { listOperation, retrieveOperation, updateOperation, type StripeOperationDefinition } from './stripe-operation-kinds.ts';
import { METADATA_PARAM, params } from './stripe-param-specs.ts';

const DISPUTE_UPDATE_FIELDS = params(METADATA_PARAM, {
  evidence: { type: 'object', description: 'Evidence fields such as customer_email_address, customer_name, product_description, uncategorized_text, shipping_tracking_number, receipt (a file id file_…); `tollgate operations stripe.disputes.update` lists them all. They merge into what the dispute holds', fields: EVIDENCE_FIELDS },
  submit: { type: 'boolean', description: 'true submits the evidence to the bank now (once; it cannot be taken back); false stages it. Required with evidence' },
});

/**
 * The `stripe.disputes.*` operations. Submitting evidence and closing are
 * one-way at Stripe: like every POST they carry the step's idempotency key,
 * so a step re-run after a crash repeats the same call and Stripe answers it
 * once.
 */
export function disputeOperations(): StripeOperationDefinition[] {
  return [
    retrieveOperation({ name: 'stripe.disputes.retrieve', description: 'Retrieve a dispute by id.', docsUrl: 'https://docs.stripe.com/api/disputes/retrieve', example: { id: '{{ object.id }}' } }, (c, id, p, o) => c.disputes.retrieve(id, p, o)),
    listOperation(
      {
        name: 'stripe.disputes.list',
        description: 'List disputes, newest first.',
        docsUrl: 'https://docs.stripe.com/api/disputes/list',
        example: { charge: '{{ object.charge }}' },
        params: { charge: { type: 'string', description: 'Only the disputes of this charge (ch_…)' }, payment_intent: { type: 'string', description: 'Only the disputes of this payment intent (pi_…)' } },
      },
      (c, p, o) => c.disputes.list(p, o),
    ),
    updateOperation(
      {
        name: 'stripe.disputes.update',
        description: 'Stage evidence on a dispute (submit: false) or submit it to the bank (submit: true, once, irreversible); metadata keys merge.',
        docsUrl: 'https://docs.stripe.com/api/disputes/update',
        example: { id: '{{ object.id }}', evidence: { customer_email_address: 'jenny@example.com', product_description: 'Annual plan' }, submit: false },
        params: DISPUTE_UPDATE_FIELDS,
      },
      (c, id, p, o) => c.disputes.update(id, disputeUpdateParams(p as Record<string, unknown>), o),
    ),
    // POST /v1/disputes/:id/close takes nothing but the id: the update shape, idempotency key included.
    updateOperation(
      {
        name: 'stripe.disputes.close',
        description: 'Accept a dispute: it is closed as lost (an inquiry as warning_closed). Irreversible.',
        docsUrl: 'https://docs.stripe.com/api/disputes/close',
        example: { id: '{{ object.id }}' },
      },
      (c, id, p, o) => c.disputes.close(id, p, o),
    ),
  ];
}
