/**
 * The built-in Stripe sandbox: an HTTP server speaking Stripe's v1 wire
 * protocol, with state, idempotency, webhooks, fault injection and triggers.
 */
export { StripeSandbox, type SandboxAddress, type StripeSandboxOptions } from './stripe-sandbox.ts';
export type { RecordedRequest } from './api-request-handler.ts';
export type { Fault, FaultMatch, HangFault, StatusFault } from './fault-injection.ts';
export { TRIGGER_EVENT_TYPES, type TriggerOptions } from './event-trigger.ts';
export type { DeliveryRecord, DeliveryStatus } from './webhook-delivery.ts';
export { objectKindOf } from './generated-event-object.ts';
export type { SandboxStatus } from './sandbox-status.ts';
export { signWebhookPayload } from './webhook-signature.ts';
export { decodeForm, type FormObject, type FormValue } from './form-decoder.ts';
export { EVENT_PAYLOADS, type EventPayload, type StripeEvent, type StripeObject, type WebhookEndpoint } from './stripe-objects.ts';
export { thinEventPayload, type ThinEventPayload } from './thin-event-payload.ts';
export { sampleEvent, type SampleEventOptions } from './sample-event.ts';
export { SANDBOX_API_VERSION } from './operation-context.ts';
