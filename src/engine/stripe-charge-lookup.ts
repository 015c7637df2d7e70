/**
 * Reads a charge (or a payment intent's latest charge) from Stripe through
 * the same connector a workflow's step uses, as the engine would call it:
 * the `stripe.*.retrieve` operations with the resolved connector. In
 * `tollgate start` the built-in sandbox answers.
 */
import { NotFoundError, PermanentError, TollgateError } from '../core/errors.ts';
import type { EngineContext } from './engine-context.ts';
import { outsideRunContext } from './outside-run.ts';

/** What a look-up needs of the engine: its operations and connectors, and how long a call may take. */
type LookupEngine = Pick<EngineContext, 'operations' | 'connectors' | 'actionTimeoutMs' | 'clock'>;

/** What an approver wants to know about a charge. Amounts in minor units. */
export interface ChargeDetails {
  id: string;
  amount: number;
  currency: string;
  amount_refunded: number;
  refunded: boolean;
  status: string | null;
  paid: boolean | null;
  created: string | null;
  customer: string | null;
  description: string | null;
  receipt_email: string | null;
  billing_name: string | null;
  payment_method: string | null;
  payment_intent: string | null;
  receipt_url: string | null;
  livemode: boolean;
  /** Stripe's `disputed`: a dispute (chargeback) is open or was lost on it. */
  disputed: boolean;
}

/** A card issuer's report of fraud on the charge, before any dispute (Stripe's `radar.early_fraud_warning`). */
export interface FraudWarning {
  id: string;
  /** e.g. `card_never_received`, `unauthorized_use_of_card`, `misc`. */
  fraud_type: string;
  /** Stripe's `actionable`: neither disputed nor fully refunded yet, so a refund can still head off a dispute. */
  actionable: boolean;
  created: string | null;
}


/**
 * The charge `id` names, or a payment intent's latest charge.
 * @throws NotFoundError `charge_not_found`; InvalidInputError-like PermanentError
 *   from Stripe (with its code) when Stripe refuses; TransientError when it is unreachable.
 */
export async function lookUpCharge(engine: LookupEngine, input: { id: string; connector: string | null; timeoutMs?: number }): Promise<ChargeDetails> {
  let chargeId = input.id;
  if (chargeId.startsWith('pi_')) {
    const intent = await retrieve(engine, 'stripe.paymentIntents.retrieve', chargeId, input);
    const latest = intent.latest_charge;
    const latestId = typeof latest === 'string' ? latest : isRecord(latest) && typeof latest.id === 'string' ? latest.id : null;
    if (latestId === null) throw new NotFoundError('charge_not_found', `payment intent ${chargeId} has no charge yet`, { path: 'charge' });
    chargeId = latestId;
  }
  return chargeDetails(await retrieve(engine, 'stripe.charges.retrieve', chargeId, input));
}

/** Why a look-up answered no charge: Stripe has none by that id (`not_found`), or it could not be asked (`unreadable`: a wrong key, an outage). */
export function chargeLookupFailure(error: unknown): { kind: 'not_found' } | { kind: 'unreadable' } {
  return error instanceof NotFoundError && error.code === 'charge_not_found' ? { kind: 'not_found' } : { kind: 'unreadable' };
}

/** The newest early fraud warnings on a charge (the first ten), from Stripe. */
export async function lookUpFraudWarnings(engine: LookupEngine, input: { charge: string; connector: string | null }): Promise<FraudWarning[]> {
  const list = await call(engine, 'stripe.radar.earlyFraudWarnings.list', { charge: input.charge, limit: 10 }, input);
  const warnings = Array.isArray(list.data) ? list.data.filter(isRecord) : [];
  return warnings.map((warning) => ({
    id: String(warning.id),
    fraud_type: typeof warning.fraud_type === 'string' ? warning.fraud_type : 'misc',
    actionable: warning.actionable === true,
    created: typeof warning.created === 'number' ? new Date(warning.created * 1000).toISOString() : null,
  }));
}

async function retrieve(engine: LookupEngine, operationName: string, id: string, how: { connector: string | null; timeoutMs?: number }): Promise<Record<string, unknown>> {
  try {
    return await call(engine, operationName, { id }, how);
  } catch (error) {
    if (error instanceof TollgateError && error.code === 'resource_missing') {
      throw new NotFoundError('charge_not_found', `Stripe has no ${id.startsWith('pi_') ? 'payment intent' : 'charge'} ${id}`, { path: 'charge', cause: error });
    }
    throw error;
  }
}

/** Runs `operationName` outside any run, through the stripe connector `how.connector` names (the default one when null). */
async function call(engine: LookupEngine, operationName: string, input: Record<string, unknown>, how: { connector: string | null; timeoutMs?: number }): Promise<Record<string, unknown>> {
  const operation = engine.operations.get(operationName);
  if (!operation) throw new PermanentError('operation_unknown', `this Tollgate has no ${operationName} operation`);
  const connector = await engine.connectors.resolve({ type: 'stripe', name: how.connector ?? undefined, optional: false });
  const answer = await operation.execute(input, outsideRunContext({ purpose: `lookup:${operationName}`, connector, timeoutMs: how.timeoutMs ?? engine.actionTimeoutMs, clock: engine.clock }));
  if (!isRecord(answer)) throw new PermanentError('stripe_answer_invalid', `Stripe answered ${operationName} with something other than an object`);
  return answer;
}

function chargeDetails(charge: Record<string, unknown>): ChargeDetails {
  const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
  const billing = isRecord(charge.billing_details) ? charge.billing_details : {};
  const method = isRecord(charge.payment_method_details) ? charge.payment_method_details : {};
  const card = isRecord(method.card) ? method.card : null;
  const created = typeof charge.created === 'number' ? new Date(charge.created * 1000).toISOString() : null;
  return {
    id: String(charge.id),
    amount: typeof charge.amount === 'number' ? charge.amount : 0,
    currency: text(charge.currency) ?? 'usd',
    amount_refunded: typeof charge.amount_refunded === 'number' ? charge.amount_refunded : 0,
    refunded: charge.refunded === true,
    status: text(charge.status),
    paid: typeof charge.paid === 'boolean' ? charge.paid : null,
    created,
    customer: text(charge.customer) ?? (isRecord(charge.customer) ? text(charge.customer.id) : null),
    description: text(charge.description),
    receipt_email: text(charge.receipt_email) ?? text(billing.email),
    billing_name: text(billing.name),
    payment_method: card ? [text(card.brand), text(card.last4) === null ? null : `•••• ${String(card.last4)}`].filter(Boolean).join(' ') || null : text(method.type),
    payment_intent: text(charge.payment_intent) ?? (isRecord(charge.payment_intent) ? text(charge.payment_intent.id) : null),
    receipt_url: text(charge.receipt_url),
    livemode: charge.livemode === true,
    disputed: charge.disputed === true,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
