/** The Stripe connector: `stripe.*` operations on the official SDK. */
export { stripeOperations, stripeOperationSpecs, type StripeOperationsOptions } from './stripe-operations.ts';
export { createStripeClientCache, type StripeClientFor } from './stripe-client-cache.ts';
export { createStripeRateGate, type StripeRateGate } from './stripe-rate-gate.ts';
export { mapStripeError } from './stripe-error-mapping.ts';
export { fetchStripeRelatedObject } from './stripe-related-object.ts';
export { parseStripeConfig, type StripeConnectorConfig } from './stripe-connector-config.ts';
