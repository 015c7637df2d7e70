import type { SandboxEvents } from '../application/sandbox-events.ts';
import { InvalidInputError } from '../core/errors.ts';
import { STRIPE_EVENT_TYPES } from '../definition/stripe-event-types.ts';
import type { StripeSandbox } from '../sandbox/index.ts';
import { SandboxApiError } from '../sandbox/sandbox-errors.ts';

/** The running Stripe sandbox as the API's "send test event" sees it. */
export function sandboxTestEvents(sandbox: StripeSandbox): SandboxEvents {
  return {
    get url() {
      return sandbox.url;
    },
    eventTypes: STRIPE_EVENT_TYPES,
    trigger(type, options) {
      try {
        const event = sandbox.trigger(type, options);
        return { id: event.id, type: event.type, created: event.created };
      } catch (error) {
        // The sandbox answers Stripe's errors, e.g. "No such customer: 'cus_x'" for an unknown customer.
        if (error instanceof SandboxApiError && error.body.param === 'customer') {
          throw new InvalidInputError('unknown_customer', `${error.body.message}. Leave the customer empty to create a new one, or give the id (cus_...) of a customer in the sandbox.`, [], { path: 'body.customer', cause: error });
        }
        if (error instanceof SandboxApiError) throw new InvalidInputError('sandbox_refused', `The Stripe sandbox refused the event: ${error.body.message}`, [], { cause: error });
        throw error;
      }
    },
  };
}
