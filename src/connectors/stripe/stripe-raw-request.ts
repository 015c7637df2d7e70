import { PermanentError } from '../../core/errors.ts';
import { encodeStripeQuery } from './stripe-form-encoding.ts';
import { splitStripeInput } from './stripe-input.ts';
import type { StripeOperationDefinition } from './stripe-operation-kinds.ts';
import { COMMON_PARAMS } from './stripe-param-specs.ts';

const METHODS = ['GET', 'POST', 'DELETE'] as const;
type Method = (typeof METHODS)[number];
const API_PATH = /^\/v[12]\/[A-Za-z0-9_./-]+$/;

/**
 * `stripe.request`: any Stripe endpoint the named operations do not cover,
 * through the SDK's `rawRequest`. POSTs carry the step's idempotency key;
 * GET and DELETE send `params` in the query string.
 */
export const rawRequestOperation: StripeOperationDefinition = {
  spec: {
    name: 'stripe.request',
    description: 'Call any Stripe API endpoint (method, path, params) with the connector\'s key; POSTs carry the step\'s idempotency key.',
    connectorType: 'stripe',
    docsUrl: 'https://docs.stripe.com/api',
    example: { method: 'POST', path: '/v1/disputes/{{ object.id }}/close' },
    params: {
      method: { type: 'string', description: 'GET (default), POST or DELETE' },
      path: { type: 'string', required: true, description: 'API path such as /v1/disputes/dp_123/close' },
      params: { type: 'object', description: 'Parameters: the form body of a POST, the query string otherwise' },
      stripe_account: COMMON_PARAMS.stripe_account ?? {},
    },
  },
  async call(client, input, idempotencyKey) {
    const method = readMethod(input.method);
    const path = input.path;
    if (typeof path !== 'string' || !API_PATH.test(path)) {
      throw new PermanentError('stripe_param_invalid', `with.path: expected an API path such as "/v1/disputes/dp_123", got ${JSON.stringify(path) ?? 'nothing'}`, { path: 'with.path' });
    }
    const params = input.params ?? {};
    if (typeof params !== 'object' || params === null || Array.isArray(params)) {
      throw new PermanentError('stripe_param_invalid', `with.params: expected an object of Stripe parameters, got ${JSON.stringify(params)}`, { path: 'with.params' });
    }
    const given = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined && value !== null));
    // Only the connector's own keys come from the step input; everything Stripe reads is under `params`.
    const { options } = splitStripeInput({ stripe_account: input.stripe_account }, { method, idempotencyKey });
    if (method === 'POST') return (await client.rawRequest(method, path, given, options)) as unknown;
    const query = encodeStripeQuery(given);
    return (await client.rawRequest(method, query === '' ? path : `${path}?${query}`, undefined, options)) as unknown;
  },
};

function readMethod(value: unknown): Method {
  const method = typeof value === 'string' ? value.toUpperCase() : value === undefined || value === null ? 'GET' : JSON.stringify(value);
  if (!(METHODS as readonly string[]).includes(method)) {
    throw new PermanentError('stripe_param_invalid', `with.method: "${method}" is not one of ${METHODS.join(', ')}`, { path: 'with.method' });
  }
  return method as Method;
}
