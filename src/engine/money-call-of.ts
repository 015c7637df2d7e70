/** What an action step's money-moving call did, for the audit trail (store/money-call.ts), read from its input and answer. */
import { isTransient, toErrorRecord } from '../core/errors.ts';
import type { MoneyCall } from '../store/money-call.ts';

type Fields = Record<string, unknown>;

function text(source: Fields, key: string): string | null {
  const value = source[key];
  if (typeof value === 'string') return value;
  // An expanded Stripe object (`charge: {id: ...}`) names its id.
  if (value !== null && typeof value === 'object' && typeof (value as Fields).id === 'string') return (value as Fields).id as string;
  return null;
}

function amount(source: Fields): number | null {
  const value = source.amount ?? source.total;
  return typeof value === 'number' ? value : null;
}

/** The call as made: what it acted on, from its answer where it gave one, else from its input. */
export function moneyCallOf(input: { operation: string; idempotencyKey: string; params: Fields; output?: unknown; error?: unknown }): MoneyCall {
  const answer: Fields = input.output !== null && typeof input.output === 'object' ? (input.output as Fields) : {};
  const pick = (key: string) => text(answer, key) ?? text(input.params, key);
  const failed = input.error !== undefined;
  return {
    operation: input.operation,
    outcome: !failed ? 'moved' : isTransient(input.error) ? 'unknown' : 'refused',
    objectId: text(answer, 'id'),
    amount: amount(answer) ?? amount(input.params),
    currency: pick('currency'),
    charge: pick('charge'),
    paymentIntent: pick('payment_intent'),
    invoice: pick('invoice'),
    idempotencyKey: input.idempotencyKey,
    errorCode: failed ? toErrorRecord(input.error).code : null,
  };
}
