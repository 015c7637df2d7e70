import { catalogOf } from '../../../src/definition/operation-spec.ts';
import type { OperationCatalog } from '../../../src/definition/operation-spec.ts';

/** A small operation catalog for definition tests; the real one comes from the connectors. */
export const fakeOperations: OperationCatalog = catalogOf([
  {
    name: 'stripe.refunds.create',
    description: 'Refund a charge or payment intent',
    connectorType: 'stripe',
    params: { charge: {}, payment_intent: {}, amount: {}, reason: {}, metadata: {} },
    movesMoney: true,
  },
  { name: 'stripe.charges.retrieve', description: 'Read a charge', connectorType: 'stripe', params: { id: { required: true } } },
  {
    name: 'stripe.customers.update',
    description: 'Update a customer',
    connectorType: 'stripe',
    params: { id: { required: true }, metadata: {} },
  },
  {
    name: 'email.send',
    description: 'Send an email',
    connectorType: 'smtp',
    params: { to: { required: true, recipients: true }, subject: { required: true }, body: {}, fields: {}, html: {}, cc: { recipients: true } },
  },
  { name: 'webhook.post', description: 'POST a signed JSON body', connectorType: 'webhook', params: { body: { required: true }, url: {} } },
  {
    name: 'http.request',
    description: 'Any HTTP request',
    connectorType: 'http',
    connectorOptional: true,
    params: { url: { required: true }, method: {}, headers: {}, body: {} },
  },
]);
