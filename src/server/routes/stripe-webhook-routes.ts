import { z } from 'zod';
import type { AppContext } from '../../application/app-context.ts';
import type { Logger } from '../../core/logger.ts';
import { TollgateError } from '../../core/errors.ts';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import { stripeEventPayloadSchema, stripeIntakeResponseSchema } from '../event-schemas.ts';
import { admitWebhook } from '../webhook-admission.ts';

const params = z.strictObject({ connector: z.string().min(1) });

/**
 * `POST /webhooks/stripe/:connector`: Stripe's event deliveries. Public (it
 * checks its own signature against the raw body); a forged or stale delivery
 * is refused with 400 and leaves nothing but a counter and a log line. An
 * event is answered 200 only once it, and the runs it starts, are committed.
 * While the workers are too far behind, it is answered 503 with Retry-After
 * before anything is stored (Stripe delivers it again later).
 */
export function stripeWebhookRoutes(app: AppContext, logger: Logger): ApiRoute[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/webhooks/stripe/:connector',
      operationId: 'receiveStripeEvent',
      summary: 'Receive a Stripe event delivery (signed with Stripe-Signature)',
      description:
        'Answers 503 `intake_overloaded` with Retry-After, storing nothing, while queued work waits longer than TOLLGATE_INTAKE_MAX_LAG; Stripe retries. ' +
        'Takes snapshot events (`object: "event"`) and thin events of v1 resources (`object: "v2.core.event"`, type `v1.…`): a thin event\'s `related_object` is fetched ' +
        'from Stripe (as the `context` account) and the event is stored as the v1 event with that object, `source` `webhook_thin`. A fetch that fails for now answers ' +
        '503 `thin_event_fetch_failed` with Retry-After; one Stripe refuses (404, 403) answers 422 `thin_event_object_unavailable`; a thin event of a v2 resource, or ' +
        'without `related_object`, answers 400 `thin_event_invalid` at the field. None of these stores anything.',
      tag: 'events',
      public: true,
      params,
      body: stripeEventPayloadSchema,
      // The signature check parses the body, after the signature holds: nothing unsigned is parsed, nothing twice.
      jsonAsText: true,
      status: 200,
      response: { description: 'The event is stored (or was already)', schema: stripeIntakeResponseSchema },
      errors: [
        400,
        404,
        { status: 422, description: '`thin_event_object_unavailable`: Stripe refused (404, 403) the object a thin event names; nothing was stored' },
        { status: 503, description: '`intake_overloaded` or `thin_event_fetch_failed` (the object a thin event names could not be read for now): nothing was stored; Stripe retries after `Retry-After`' },
      ],
      async handle({ params: { connector }, request }) {
        await admitWebhook(app, 'stripe');
        const header = request.headers['stripe-signature'];
        try {
          const result = await app.stripeIntake.receiveWebhook({
            connectorId: connector,
            rawBody: request.rawBody ?? '',
            signature: Array.isArray(header) ? header[0] : header,
          });
          app.metrics.webhookReceived('stripe', result.duplicate ? 'duplicate' : 'accepted');
          // Each run's steps are traces of their own: the delivery's trace names the runs it started.
          request.traceSpan?.set({ 'tollgate.event.id': result.eventId, 'tollgate.event.duplicate': result.duplicate, 'tollgate.run.ids': result.runs.join(',') });
          return { received: true, event_id: result.eventId, duplicate: result.duplicate, runs: result.runs };
        } catch (error) {
          app.metrics.webhookReceived('stripe', 'rejected');
          if (error instanceof TollgateError && error.code === 'signature_invalid') {
            logger.warn({ connector, reason: error.message, ip: request.ip }, 'refused a Stripe webhook delivery');
          }
          throw error;
        }
      },
    }),
  ];
}
