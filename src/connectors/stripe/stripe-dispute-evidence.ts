import { PermanentError } from '../../core/errors.ts';
import { suggestion } from '../../definition/did-you-mean.ts';
import type { ParamSpec } from '../../definition/operation-spec.ts';

const text = (description: string): ParamSpec => ({ type: 'string', description });
const file = (description: string): ParamSpec => ({ type: 'string', description: `${description}: the id of an uploaded file (file_…)` });

/** The fields of a dispute's `evidence` Stripe takes (https://docs.stripe.com/api/disputes/evidence_object). */
export const EVIDENCE_FIELDS: Readonly<Record<string, ParamSpec>> = {
  access_activity_log: text('Server or activity logs showing the customer accessed or downloaded the product'),
  billing_address: text('The billing address the customer gave'),
  cancellation_policy: file('Your subscription cancellation policy, as shown to the customer'),
  cancellation_policy_disclosure: text('How and when the customer was shown the cancellation policy'),
  cancellation_rebuttal: text('Why the customer\'s subscription was not canceled'),
  customer_communication: file('Emails or other correspondence with the customer'),
  customer_email_address: text('The customer\'s email address'),
  customer_name: text('The customer\'s name'),
  customer_purchase_ip: text('The IP address the customer purchased from'),
  customer_signature: file('A signed sales receipt or contract'),
  duplicate_charge_documentation: file('Documentation of the earlier charge the disputed one is not a duplicate of'),
  duplicate_charge_explanation: text('Why the two charges are distinct'),
  duplicate_charge_id: text('The id of the earlier charge (ch_…)'),
  enhanced_evidence: { type: 'object', description: 'Card network programmes: {visa_compelling_evidence_3, visa_compliance, mastercard_compliance}' },
  product_description: text('What was sold'),
  receipt: file('The receipt or message sent to the customer'),
  refund_policy: file('Your refund policy, as shown to the customer'),
  refund_policy_disclosure: text('How and when the customer was shown the refund policy'),
  refund_refusal_explanation: text('Why the customer is not entitled to a refund'),
  service_date: text('The date the service was provided, as text'),
  service_documentation: file('Proof the service was provided'),
  shipping_address: text('The address shipped to'),
  shipping_carrier: text('The carrier, e.g. UPS; several separated by commas'),
  shipping_date: text('The shipping date, as text'),
  shipping_documentation: file('Proof of shipment, such as a label'),
  shipping_tracking_number: text('The tracking number; several separated by commas'),
  uncategorized_file: file('Any other evidence'),
  uncategorized_text: text('Any other evidence or statements'),
};

/**
 * Checks `with.evidence` before anything is sent: an object of known fields,
 * strings except `enhanced_evidence`; a null field is not given (a template
 * over a missing value) and is left out. A step that gives evidence says
 * whether to submit it: Stripe submits when `submit` is left out, and a
 * submission cannot be taken back.
 * @returns the parameters to send.
 * @throws PermanentError `stripe_param_invalid` naming `with.evidence.<field>`, `stripe_param_missing` for `with.submit`.
 */
export function disputeUpdateParams(params: Record<string, unknown>): Record<string, unknown> {
  const evidence = params.evidence;
  if (evidence === undefined || evidence === null) return params;
  if (typeof evidence !== 'object' || Array.isArray(evidence)) {
    throw new PermanentError('stripe_param_invalid', `with.evidence: expected an object of evidence fields such as {customer_name: "…"}, got ${JSON.stringify(evidence)}`, { path: 'with.evidence' });
  }
  const given: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(evidence)) {
    const path = `with.evidence.${field}`;
    const spec = EVIDENCE_FIELDS[field];
    if (spec === undefined) {
      throw new PermanentError('stripe_param_invalid', `${path}: Stripe takes no evidence field "${field}"${suggestion(field, Object.keys(EVIDENCE_FIELDS))}; see https://docs.stripe.com/api/disputes/evidence_object`, { path });
    }
    const expected = spec.type === 'object' ? 'object' : 'string';
    const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    if (value === null || value === undefined) continue;
    if (actual !== expected) throw new PermanentError('stripe_param_invalid', `${path}: expected ${expected === 'object' ? 'an object' : 'a string'}, got ${JSON.stringify(value)}`, { path });
    given[field] = value;
  }
  if (typeof params.submit !== 'boolean') {
    throw new PermanentError(
      'stripe_param_missing',
      `with.submit: say whether to submit this evidence to the bank now (true; it cannot be taken back) or to stage it on the dispute (false); Stripe submits when it is left out, so Tollgate asks. Got ${JSON.stringify(params.submit) ?? 'nothing'}`,
      { path: 'with.submit' },
    );
  }
  return { ...params, evidence: given };
}
