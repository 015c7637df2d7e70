import type { AppContext } from '../../application/app-context.ts';
import { sandboxStatus, sendTestEvent } from '../../application/sandbox-events.ts';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import { sandboxStatusResponseSchema, sendTestEventBody, sendTestEventResponseSchema } from '../sandbox-schemas.ts';

/** The built-in Stripe sandbox: whether it runs, and sending test events through it. */
export function sandboxRoutes(app: AppContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/sandbox',
      operationId: 'getSandbox',
      permission: 'events.read',
      summary: 'Whether the built-in Stripe sandbox runs, and the event types it can send',
      tag: 'events',
      status: 200,
      response: { description: 'The sandbox', schema: sandboxStatusResponseSchema },
      handle() {
        const status = sandboxStatus(app);
        return Promise.resolve({ sandbox: { running: status.running, url: status.url, event_types: [...status.eventTypes] } });
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/sandbox/events',
      operationId: 'sendTestEvent',
      permission: 'events.send',
      summary: 'Send a test event through the Stripe sandbox; it is delivered to Tollgate like a real one',
      tag: 'events',
      body: sendTestEventBody,
      idempotent: true,
      status: 201,
      response: { description: 'The event sent', schema: sendTestEventResponseSchema },
      errors: [409],
      handle({ body }) {
        return Promise.resolve({ event: sendTestEvent(app, { type: body.type, amount: body.amount, currency: body.currency, ...(body.customer === undefined ? {} : { customer: body.customer }) }) });
      },
    }),
  ];
}
