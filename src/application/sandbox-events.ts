import { ConflictError, InvalidInputError } from '../core/errors.ts';
import { suggestion } from '../definition/did-you-mean.ts';
import type { AppContext } from './app-context.ts';

/** The built-in Stripe sandbox as the API sees it: the event types it can trigger, and triggering one. */
export interface SandboxEvents {
  /** Where the sandbox listens, e.g. `http://127.0.0.1:12111`. */
  readonly url: string;
  /** Every Stripe event type: the sandbox sends each, with real or generated objects behind it. */
  readonly eventTypes: readonly string[];
  /**
   * Creates the objects behind `type` and emits its events (delivered to Tollgate like Stripe's);
   * answers the emitted event of that type. Throws InvalidInputError for an unknown customer.
   */
  trigger(type: string, options: { amount: number; currency: string; customer?: string }): { id: string; type: string; created: number };
}

/** Whether Tollgate talks to the built-in sandbox, and what it can send. */
export function sandboxStatus(app: AppContext): { running: boolean; url: string | null; eventTypes: readonly string[] } {
  return app.sandbox === undefined ? { running: false, url: null, eventTypes: [] } : { running: true, url: app.sandbox.url, eventTypes: app.sandbox.eventTypes };
}

/**
 * Sends a test event through the running sandbox: it reaches Tollgate as a real delivery
 * would, and starts the workflows that listen to it. 409 `sandbox_off` against real Stripe.
 */
export function sendTestEvent(app: AppContext, input: { type: string; amount: number; currency: string; customer?: string }): { id: string; type: string; created: number } {
  const sandbox = app.sandbox;
  if (sandbox === undefined) {
    throw new ConflictError(
      'sandbox_off',
      'Tollgate talks to real Stripe (STRIPE_SECRET_KEY is set), so it cannot send test events; trigger them with the Stripe CLI (`stripe trigger payment_intent.succeeded`), or start Tollgate without STRIPE_SECRET_KEY to use the built-in sandbox.',
    );
  }
  if (!sandbox.eventTypes.includes(input.type)) {
    throw new InvalidInputError('unsupported_event_type', `"${input.type}" is not a Stripe event type${suggestion(input.type, sandbox.eventTypes)}; GET /api/v1/sandbox lists them.`, [], { path: 'body.type' });
  }
  const currency = input.currency.toLowerCase();
  if (!/^[a-z]{3}$/.test(currency)) throw new InvalidInputError('invalid_currency', `"${input.currency}" is not a currency code; use three letters, e.g. usd or eur.`, [], { path: 'body.currency' });
  return sandbox.trigger(input.type, { amount: input.amount, currency, ...(input.customer === undefined ? {} : { customer: input.customer }) });
}
