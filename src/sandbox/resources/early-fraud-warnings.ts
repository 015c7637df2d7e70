import type { FormObject } from '../form-decoder.ts';
import { paginate } from '../list-pagination.ts';
import { emitEvent, newObjectId, unixNow, type OperationContext } from '../operation-context.ts';
import { assertKnownParams, LIST_PARAMS, readString } from '../param-readers.ts';
import { resourceMissing } from '../sandbox-errors.ts';
import { retrieveRoute, type Route } from '../sandbox-route.ts';
import type { Charge, EarlyFraudWarning } from '../stripe-objects.ts';

/** Fraud types a card issuer may report. */
export const FRAUD_TYPES = [
  'card_never_received',
  'fraudulent_card_application',
  'made_with_counterfeit_card',
  'made_with_lost_card',
  'made_with_stolen_card',
  'misc',
  'unauthorized_use_of_card',
] as const;
export type FraudType = (typeof FRAUD_TYPES)[number];

/**
 * Records an issuer's early fraud warning on a charge (there is no API to
 * create one; the trigger helper does); emits `radar.early_fraud_warning.created`.
 */
export function createEarlyFraudWarning(ctx: OperationContext, charge: Charge, fraudType: FraudType = 'misc'): EarlyFraudWarning {
  const warning: EarlyFraudWarning = {
    id: newObjectId(ctx, 'issfr'),
    object: 'radar.early_fraud_warning',
    actionable: !charge.refunded && !charge.disputed,
    charge: charge.id,
    created: unixNow(ctx),
    fraud_type: fraudType,
    livemode: false,
    payment_intent: charge.payment_intent,
  };
  ctx.state.early_fraud_warnings.set(warning.id, warning);
  emitEvent(ctx, 'radar.early_fraud_warning.created', warning);
  return warning;
}

/** A fully refunded or disputed charge's warnings stop being actionable; emits `radar.early_fraud_warning.updated`. */
export function settleWarnings(ctx: OperationContext, charge: Charge): void {
  if (!charge.refunded && !charge.disputed) return;
  for (const warning of ctx.state.early_fraud_warnings.values()) {
    if (warning.charge !== charge.id || !warning.actionable) continue;
    warning.actionable = false;
    emitEvent(ctx, 'radar.early_fraud_warning.updated', warning, { actionable: true });
  }
}

function getWarning(ctx: OperationContext, id: string): EarlyFraudWarning {
  const warning = ctx.state.early_fraud_warnings.get(id);
  if (warning === undefined) throw resourceMissing('early fraud warning', id, 'id');
  return warning;
}

function listWarnings(ctx: OperationContext, params: FormObject): ReturnType<typeof paginate<EarlyFraudWarning>> {
  assertKnownParams(params, [...LIST_PARAMS, 'charge', 'payment_intent']);
  const charge = readString(params, 'charge');
  const paymentIntent = readString(params, 'payment_intent');
  return paginate(ctx.state.early_fraud_warnings.values(), params, {
    url: '/v1/radar/early_fraud_warnings',
    kind: 'early fraud warning',
    filter: (warning) => (charge === undefined || warning.charge === charge) && (paymentIntent === undefined || warning.payment_intent === paymentIntent),
  });
}

export const earlyFraudWarningRoutes: readonly Route[] = [
  { method: 'GET', path: '/v1/radar/early_fraud_warnings', handler: listWarnings },
  retrieveRoute('/v1/radar/early_fraud_warnings/:id', getWarning),
];
