import type { FormObject } from '../form-decoder.ts';
import { paginate } from '../list-pagination.ts';
import { previousAttributes } from '../object-diff.ts';
import { emitEvent, newObjectId, unixNow, type OperationContext } from '../operation-context.ts';
import { assertKnownParams, LIST_PARAMS, mergeMetadata, readBoolean, readHash, readString } from '../param-readers.ts';
import { invalidRequest, parameterError, resourceMissing } from '../sandbox-errors.ts';
import { retrieveRoute, type Route } from '../sandbox-route.ts';
import type { Charge, Dispute, DisputeStatus, Metadata } from '../stripe-objects.ts';
import { settleWarnings } from './early-fraud-warnings.ts';

/** Evidence fields that take text. */
const TEXT_EVIDENCE = [
  'access_activity_log',
  'billing_address',
  'cancellation_policy_disclosure',
  'cancellation_rebuttal',
  'customer_email_address',
  'customer_name',
  'customer_purchase_ip',
  'duplicate_charge_explanation',
  'duplicate_charge_id',
  'product_description',
  'refund_policy_disclosure',
  'refund_refusal_explanation',
  'service_date',
  'shipping_address',
  'shipping_carrier',
  'shipping_date',
  'shipping_tracking_number',
  'uncategorized_text',
] as const;

/** Evidence fields that take the id of an uploaded file (`file_…`). */
const FILE_EVIDENCE = [
  'cancellation_policy',
  'customer_communication',
  'customer_signature',
  'duplicate_charge_documentation',
  'receipt',
  'refund_policy',
  'service_documentation',
  'shipping_documentation',
  'uncategorized_file',
] as const;

/** Evidence fields that take a hash, kept as given. */
const HASH_EVIDENCE = ['enhanced_evidence'] as const;

/** Stripe limits the combined length of the text evidence. */
const TEXT_LIMIT = 150_000;
const EVIDENCE_DAYS = 7;

/** Statuses in which the merchant may still respond: stage evidence, submit it, or accept the loss. */
const RESPONDING: ReadonlySet<DisputeStatus> = new Set(['needs_response', 'warning_needs_response']);

/**
 * Opens a dispute on a paid charge (there is no API to create one; the trigger
 * helper does): the charge is marked disputed, its fraud warnings settle, and
 * the dispute waits for a response for seven days. Emits no event: the caller
 * emits the one it was asked for (`charge.dispute.created`).
 */
export function createDispute(ctx: OperationContext, charge: Charge, metadata: Metadata = {}): Dispute {
  charge.disputed = true;
  settleWarnings(ctx, charge);
  const dispute: Dispute = {
    id: newObjectId(ctx, 'dp'),
    object: 'dispute',
    amount: charge.amount,
    balance_transactions: [],
    charge: charge.id,
    created: unixNow(ctx),
    currency: charge.currency,
    evidence: Object.fromEntries([...TEXT_EVIDENCE, ...FILE_EVIDENCE].map((field) => [field, null])),
    evidence_details: { due_by: unixNow(ctx) + EVIDENCE_DAYS * 86_400, has_evidence: false, past_due: false, submission_count: 0 },
    is_charge_refundable: false,
    livemode: false,
    metadata: { ...metadata },
    payment_intent: charge.payment_intent,
    reason: 'fraudulent',
    status: 'needs_response',
  };
  ctx.state.disputes.set(dispute.id, dispute);
  return dispute;
}

function getDispute(ctx: OperationContext, id: string): Dispute {
  const dispute = ctx.state.disputes.get(id);
  if (dispute === undefined) throw resourceMissing('dispute', id, 'id');
  return dispute;
}

/**
 * POST /v1/disputes/:id: stages `evidence` (fields merge into what is there)
 * and `metadata`; `submit` (default true, as in Stripe, when evidence is given)
 * sends the evidence to the bank: `needs_response` becomes `under_review`
 * (an inquiry's `warning_needs_response`, `warning_under_review`) and
 * `submission_count` goes up. Evidence after submission, closure or the due
 * date is refused. Emits `charge.dispute.updated` when anything changed.
 */
function updateDispute(ctx: OperationContext, params: FormObject, id: string): Dispute {
  const dispute = getDispute(ctx, id);
  assertKnownParams(params, ['evidence', 'metadata', 'submit']);
  const evidence = readEvidence(params);
  const submit = readBoolean(params, 'submit') ?? evidence !== undefined;
  const metadata = mergeMetadata(dispute.metadata, params.metadata);
  if (evidence !== undefined || submit) checkResponding(ctx, dispute, evidence !== undefined ? 'evidence' : 'submit');
  const before = structuredClone(dispute);
  dispute.metadata = metadata;
  if (evidence !== undefined) {
    const merged = { ...dispute.evidence, ...evidence };
    checkTextLength(merged);
    dispute.evidence = merged;
    dispute.evidence_details.has_evidence = true;
  }
  if (submit) {
    if (!dispute.evidence_details.has_evidence) throw invalidRequest('You must provide evidence before you can submit it. Pass evidence, or leave out submit.', { param: 'submit' });
    dispute.status = dispute.status === 'warning_needs_response' ? 'warning_under_review' : 'under_review';
    dispute.evidence_details.submission_count += 1;
  }
  const previous = previousAttributes(before, dispute);
  if (previous !== undefined) emitEvent(ctx, 'charge.dispute.updated', dispute, previous);
  return dispute;
}

/**
 * POST /v1/disputes/:id/close: accepts the dispute as lost (an inquiry's
 * closes as `warning_closed`); irreversible. Emits `charge.dispute.closed`.
 */
function closeDispute(ctx: OperationContext, params: FormObject, id: string): Dispute {
  const dispute = getDispute(ctx, id);
  assertKnownParams(params, []);
  checkResponding(ctx, dispute, 'close');
  const before = { status: dispute.status };
  dispute.status = dispute.status === 'warning_needs_response' ? 'warning_closed' : 'lost';
  emitEvent(ctx, 'charge.dispute.closed', dispute, before);
  return dispute;
}

function checkResponding(ctx: OperationContext, dispute: Dispute, action: 'evidence' | 'submit' | 'close'): void {
  const what = action === 'close' ? 'be closed' : 'take evidence';
  if (!RESPONDING.has(dispute.status)) {
    const why = dispute.status.endsWith('under_review') ? 'its evidence has already been submitted and is under review' : `it is already closed (status ${dispute.status})`;
    throw invalidRequest(`Dispute ${dispute.id} can no longer ${what}: ${why}.`, action === 'close' ? {} : { param: action });
  }
  const dueBy = dispute.evidence_details.due_by;
  if (action !== 'close' && dueBy !== null && unixNow(ctx) > dueBy) {
    throw invalidRequest(`Dispute ${dispute.id} can no longer take evidence: it was due by ${new Date(dueBy * 1000).toISOString()}.`, { param: action });
  }
}

function readEvidence(params: FormObject): Record<string, unknown> | undefined {
  const hash = readHash(params, 'evidence');
  if (hash === undefined) return undefined;
  const evidence: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(hash)) {
    const param = `evidence[${field}]`;
    if ((HASH_EVIDENCE as readonly string[]).includes(field)) {
      evidence[field] = readHash(hash, field);
      continue;
    }
    const text = (TEXT_EVIDENCE as readonly string[]).includes(field);
    if (!text && !(FILE_EVIDENCE as readonly string[]).includes(field)) throw parameterError('parameter_unknown', `Received unknown parameter: ${param}`, param);
    if (typeof value !== 'string') throw parameterError('parameter_invalid_string', `Invalid string: ${param} must be a string.`, param);
    if (!text && value !== '' && !value.startsWith('file_')) throw resourceMissing('file', value, param);
    evidence[field] = value === '' ? null : value;
  }
  return evidence;
}

function checkTextLength(evidence: Record<string, unknown>): void {
  const length = TEXT_EVIDENCE.reduce((sum, field) => sum + (typeof evidence[field] === 'string' ? evidence[field].length : 0), 0);
  if (length > TEXT_LIMIT) throw invalidRequest(`The combined character count of all text evidence is limited to ${TEXT_LIMIT}; this evidence has ${length}.`, { param: 'evidence' });
}

function listDisputes(ctx: OperationContext, params: FormObject): ReturnType<typeof paginate<Dispute>> {
  assertKnownParams(params, [...LIST_PARAMS, 'charge', 'payment_intent']);
  const charge = readString(params, 'charge');
  const paymentIntent = readString(params, 'payment_intent');
  return paginate(ctx.state.disputes.values(), params, {
    url: '/v1/disputes',
    kind: 'dispute',
    filter: (dispute) => (charge === undefined || dispute.charge === charge) && (paymentIntent === undefined || dispute.payment_intent === paymentIntent),
  });
}

export const disputeRoutes: readonly Route[] = [
  { method: 'GET', path: '/v1/disputes', handler: listDisputes },
  retrieveRoute('/v1/disputes/:id', getDispute),
  { method: 'POST', path: '/v1/disputes/:id', handler: updateDispute },
  { method: 'POST', path: '/v1/disputes/:id/close', handler: closeDispute },
];
