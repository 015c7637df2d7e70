import { TransientError } from '../../core/errors.ts';
import type { OperationSpec } from '../../definition/operation-spec.ts';
import type { MoneyFacet } from '../../engine/money/money-operation.ts';
import type { Operation } from '../../engine/operation.ts';
import { createStripeClientCache, type StripeClientFor } from './stripe-client-cache.ts';
import { mapStripeError } from './stripe-error-mapping.ts';
import { creditNoteMoneyFacet, refundMoneyFacet } from './stripe-money.ts';
import { stripeOperationDefinitions } from './stripe-operation-definitions.ts';
import type { StripeOperationDefinition } from './stripe-operation-kinds.ts';
import { withCallKind } from './stripe-rate-gate.ts';

export interface StripeOperationsOptions {
  /** Gives the SDK client for a connector; default: one cached client per connector config. */
  clientFor?: StripeClientFor;
}

/**
 * The `stripe.*` operations on the official SDK: charges, customers, payment
 * intents, refunds, credit notes, invoices, subscriptions and `stripe.request`.
 * Every POST carries the step's idempotency key; Stripe's errors become
 * TransientError (retried) or PermanentError with Stripe's code.
 *
 * ```ts
 * const operations = [...builtInOperations(), ...stripeOperations()];
 * ```
 */
export function stripeOperations(options: StripeOperationsOptions = {}): Operation[] {
  const clientFor = options.clientFor ?? createStripeClientCache();
  // Refunds and credit notes carry the money facet the engine's money guard reads.
  const money = new Map<string, MoneyFacet>([
    ['stripe.refunds.create', refundMoneyFacet(clientFor)],
    ['stripe.creditNotes.create', creditNoteMoneyFacet(clientFor)],
  ]);
  return stripeOperationDefinitions().map((definition) => {
    const operation = bind(definition, clientFor);
    const facet = money.get(definition.spec.name);
    return facet === undefined ? operation : { ...operation, money: checkedFirst(facet) };
  });
}

/** The reads that check a refund or credit note before it goes share its place ahead of other calls. */
function checkedFirst(facet: MoneyFacet): MoneyFacet {
  return { ...facet, inspect: (input, context) => withCallKind('money', context.signal, () => facet.inspect(input, context)) };
}

/** The specs of the `stripe.*` operations, for validation without a client. */
export function stripeOperationSpecs(): OperationSpec[] {
  return stripeOperationDefinitions().map((definition) => definition.spec);
}

function bind(definition: StripeOperationDefinition, clientFor: StripeClientFor): Operation {
  return {
    spec: definition.spec,
    async execute(input, context) {
      const client = await clientFor(context.connector);
      try {
        if (context.signal.aborted) throw abortedError(definition.spec.name);
        const kind = definition.spec.movesMoney === true ? 'money' : 'other';
        return await withCallKind(kind, context.signal, () => untilAborted(definition.call(client, input, context.idempotencyKey), context.signal, definition.spec.name));
      } catch (error) {
        throw await mapStripeError(error, { operation: definition.spec.name, now: context.clock.now() });
      }
    },
  };
}

/**
 * The SDK takes no AbortSignal: when the step's time is up, stop waiting
 * (the SDK's own 30 s timeout ends the request itself).
 */
function untilAborted<T>(call: Promise<T>, signal: AbortSignal, operation: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortedError(operation));
    signal.addEventListener('abort', onAbort, { once: true });
    call.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function abortedError(operation: string): TransientError {
  return new TransientError('step_aborted', `${operation}: the step's timeout passed before Stripe answered; it will be retried with the same idempotency key`);
}
