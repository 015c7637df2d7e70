import { commonFields, CURRENCY_FIELD, field, money, type ObjectField } from './object-field.ts';

/** A dispute (chargeback) the cardholder's bank opened on a charge. */
export const DISPUTE_FIELDS: readonly ObjectField[] = [
  ...commonFields('dispute', 'dp_1MtJUT2eZvKYlo2CNaw2HvEv'),
  money('amount', 'Disputed amount (usually the whole charge)', 2000),
  CURRENCY_FIELD,
  field('charge', 'string', 'The disputed charge (ch_…)', 'ch_1AZtxr2eZvKYlo2CJDX8whov'),
  field('payment_intent', 'string', 'The disputed payment intent (pi_…)', 'pi_1AZtxr2eZvKYlo2C1j2Hs7bN'),
  field('reason', 'string', 'fraudulent, duplicate, product_not_received, subscription_canceled, unrecognized, credit_not_processed, general, …', 'fraudulent'),
  field('status', 'string', 'warning_needs_response, warning_under_review, warning_closed, needs_response, under_review, won or lost', 'needs_response'),
  field('is_charge_refundable', 'boolean', 'True when the charge can still be refunded (an inquiry)', false),
  field('balance_transactions', 'array', 'Balance transactions of the funds withdrawn and reinstated', []),
  field('evidence_details', 'object', 'About the evidence: due date and submissions', { due_by: 1767830400, has_evidence: false }),
  field('evidence_details.due_by', 'timestamp', 'Last moment to submit evidence, in Unix seconds', 1767830400),
  field('evidence_details.has_evidence', 'boolean', 'True once evidence was saved', false),
  field('evidence_details.past_due', 'boolean', 'True when the deadline passed', false),
  field('evidence_details.submission_count', 'integer', 'How many times evidence was submitted', 0),
];

/** An early fraud warning: the card issuer reported a charge as likely fraudulent, before any dispute. */
export const EARLY_FRAUD_WARNING_FIELDS: readonly ObjectField[] = [
  ...commonFields('radar.early_fraud_warning', 'issfr_1NnrwHBw2dPENLoi9lnhV3RQ', { metadata: false }),
  field('actionable', 'boolean', 'True when refunding the charge can still prevent a dispute', true),
  field('charge', 'string', 'The charge reported (ch_…)', 'ch_1NnrwHBw2dPENLoi7gCXEybm'),
  field('payment_intent', 'string', 'The payment intent of the charge (pi_…)', 'pi_1NnrwHBw2dPENLoi4YQ7dB6x'),
  field('fraud_type', 'string', 'card_never_received, fraudulent_card_application, made_with_counterfeit_card, made_with_lost_card, made_with_stolen_card, misc or unauthorized_use_of_card', 'misc'),
];
