import type Stripe from 'stripe';
import type { OperationSpec, ParamSpec } from '../../definition/operation-spec.ts';
import { requireString, splitStripeInput } from './stripe-input.ts';
import { listPages, readPaging } from './stripe-list-paging.ts';
import { COMMON_PARAMS, ID_PARAM, LIST_PARAMS, params } from './stripe-param-specs.ts';

/** A Stripe operation before it is bound to a client: its spec and how it calls the SDK. */
export interface StripeOperationDefinition {
  spec: OperationSpec;
  call(client: Stripe, input: Record<string, unknown>, idempotencyKey: string): Promise<unknown>;
}

interface Described {
  name: string;
  description: string;
  /** Operation-specific parameters, besides the common ones. */
  params?: Record<string, ParamSpec>;
  movesMoney?: boolean;
  /** The Stripe API reference page of the call. */
  docsUrl: string;
  /** The `with` block of a typical step. */
  example: Record<string, unknown>;
}

type Options = Stripe.RequestOptions;

function specOf(described: Described, ...groups: Record<string, ParamSpec>[]): OperationSpec {
  return specWith(described, false, ...groups);
}

/** The spec of a call that only reads. */
function readSpecOf(described: Described, ...groups: Record<string, ParamSpec>[]): OperationSpec {
  return specWith(described, true, ...groups);
}

function specWith(described: Described, reads: boolean, ...groups: Record<string, ParamSpec>[]): OperationSpec {
  return {
    name: described.name,
    description: described.description,
    connectorType: 'stripe',
    params: params(...groups, described.params ?? {}, COMMON_PARAMS),
    ...(described.movesMoney === true ? { movesMoney: true } : {}),
    ...(reads ? { reads: true } : {}),
    docsUrl: described.docsUrl,
    example: described.example,
  };
}

/** GET /v1/<things>/:id */
export function retrieveOperation(described: Described, call: (client: Stripe, id: string, params: object, options: Options) => Promise<unknown>): StripeOperationDefinition {
  return {
    spec: readSpecOf(described, ID_PARAM),
    call(client, input, idempotencyKey) {
      const id = requireString(input, 'id', 'the id of the object to retrieve');
      const { params: query, options } = splitStripeInput(input, { method: 'GET', idempotencyKey, own: ['id'] });
      return call(client, id, query, options);
    },
  };
}

/** POST /v1/<things>/:id, with the step's idempotency key. */
export function updateOperation(described: Described, call: (client: Stripe, id: string, params: object, options: Options) => Promise<unknown>): StripeOperationDefinition {
  return {
    spec: specOf(described, ID_PARAM),
    call(client, input, idempotencyKey) {
      const id = requireString(input, 'id', 'the id of the object to update');
      const { params: body, options } = splitStripeInput(input, { method: 'POST', idempotencyKey, own: ['id'] });
      return call(client, id, body, options);
    },
  };
}

/** POST /v1/<things>, with the step's idempotency key. */
export function createOperation(
  described: Described,
  call: (client: Stripe, params: Record<string, unknown>, options: Options) => Promise<unknown>,
): StripeOperationDefinition {
  return {
    spec: specOf(described),
    call(client, input, idempotencyKey) {
      const { params: body, options } = splitStripeInput(input, { method: 'POST', idempotencyKey });
      return call(client, body, options);
    },
  };
}

/** GET /v1/<things>: one page, or every page with `auto_paginate`. */
export function listOperation(described: Described, call: (client: Stripe, params: object, options: Options) => Stripe.ApiListPromise<unknown>): StripeOperationDefinition {
  return {
    spec: readSpecOf(described, LIST_PARAMS),
    call(client, input, idempotencyKey) {
      const paging = readPaging(input);
      const { params: query, options } = splitStripeInput(input, { method: 'GET', idempotencyKey, own: ['auto_paginate', 'max_items'] });
      return listPages(call(client, query, options), paging);
    },
  };
}
