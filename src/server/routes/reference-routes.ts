import type { AppContext } from '../../application/app-context.ts';
import { StripeDefaultCurrency } from '../../application/stripe-default-currency.ts';
import { eventTypeReference, eventTypeSummaries } from '../../reference/event-type-reference.ts';
import { operationReference, type OperationReference } from '../../reference/operation-reference.ts';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import { ENV_NOTE, VARIABLES } from '../../reference/variable-docs.ts';
import { eventTypeListSchema, eventTypeParams, eventTypeReferenceSchema, operationReferenceListSchema, variableReferenceListSchema } from '../reference-schemas.ts';

/** What the workflow builder's forms read: the operations with their parameters and outputs, the Stripe event types and their objects' fields, the variables. */
export function referenceRoutes(app: AppContext): ApiRoute[] {
  const defaultCurrency = new StripeDefaultCurrency(app);
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/reference/operations',
      operationId: 'listOperationReference',
      permission: 'workflows.read',
      summary: 'Every operation an action step may use, with its parameters and what its output variable holds',
      description: 'The output names the Stripe object kind the step stores (`stripe.charges.retrieve` → `charge`) and its fields, so a later step can read `charge.amount`.',
      tag: 'reference',
      status: 200,
      response: { description: 'The operations', schema: operationReferenceListSchema },
      handle() {
        const operations = [...app.catalog.values()].map((spec) => serializeOperation(operationReference(spec, { clock: app.engine.clock })));
        return Promise.resolve({ operations });
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/reference/event-types',
      operationId: 'listEventTypeReference',
      permission: 'workflows.read',
      summary: 'Every Stripe event type Tollgate accepts, with the kind of its object, and the account\'s default currency',
      description: 'The default currency is asked of Stripe through the stripe connector and kept for an hour; it is `usd` with the built-in sandbox, or when Stripe cannot be asked.',
      tag: 'reference',
      status: 200,
      response: { description: 'The event types', schema: eventTypeListSchema },
      async handle() {
        return { event_types: eventTypeSummaries(), default_currency: await defaultCurrency.currency() };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/reference/event-types/:type',
      operationId: 'getEventTypeReference',
      permission: 'workflows.read',
      summary: "One Stripe event type: its object's fields (type, meaning, money) and a sample event",
      description: 'A condition reads a field as `object.<path>`. An unknown type answers 404 `event_type_unknown`, naming the closest type.',
      tag: 'reference',
      params: eventTypeParams,
      status: 200,
      response: { description: 'The event type', schema: eventTypeReferenceSchema },
      errors: [404],
      handle({ params }) {
        return Promise.resolve({ event_type: eventTypeReference(params.type, { clock: app.engine.clock }) });
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/reference/variables',
      operationId: 'listVariableReference',
      permission: 'workflows.read',
      summary: "The variables a workflow's expressions and templates may read, where each is in scope, with an evaluated example",
      tag: 'reference',
      status: 200,
      response: { description: 'The variables', schema: variableReferenceListSchema },
      handle() {
        return Promise.resolve({ variables: VARIABLES.map((variable) => ({ ...variable, example: { ...variable.example } })), env_note: ENV_NOTE });
      },
    }),
  ];
}

function serializeOperation(operation: OperationReference) {
  return {
    name: operation.name,
    description: operation.description,
    connector_type: operation.connectorType,
    moves_money: operation.movesMoney,
    docs_url: operation.docsUrl,
    additional_params: operation.additionalParams,
    example: operation.example,
    params: operation.params,
    output: operation.output,
  };
}
