import { randomBytes } from 'node:crypto';
import type { FormObject } from '../form-decoder.ts';
import { paginate } from '../list-pagination.ts';
import { previousAttributes } from '../object-diff.ts';
import { emitEvent, newObjectId, unixNow, type OperationContext } from '../operation-context.ts';
import { assertKnownParams, LIST_PARAMS, mergeMetadata, readNullableString, readString } from '../param-readers.ts';
import { resourceMissing } from '../sandbox-errors.ts';
import { retrieveRoute, type Route } from '../sandbox-route.ts';
import type { Customer } from '../stripe-objects.ts';

const WRITABLE = ['email', 'name', 'description', 'phone', 'metadata'] as const;
const TEXT_FIELDS = ['email', 'name', 'description', 'phone'] as const;

/** POST /v1/customers: emits `customer.created`. */
export function createCustomer(ctx: OperationContext, params: FormObject): Customer {
  assertKnownParams(params, WRITABLE);
  const customer: Customer = {
    id: newObjectId(ctx, 'cus'),
    object: 'customer',
    address: null,
    balance: 0,
    created: unixNow(ctx),
    currency: null,
    default_source: null,
    delinquent: false,
    description: readNullableString(params, 'description') ?? null,
    discount: null,
    email: readNullableString(params, 'email') ?? null,
    invoice_prefix: randomBytes(4).toString('hex').toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: mergeMetadata({}, params.metadata),
    name: readNullableString(params, 'name') ?? null,
    next_invoice_sequence: 1,
    phone: readNullableString(params, 'phone') ?? null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
  ctx.state.customers.set(customer.id, customer);
  emitEvent(ctx, 'customer.created', customer);
  return customer;
}

/** The customer with this id, or a 404 naming `param`. */
export function getCustomer(ctx: OperationContext, id: string, param = 'id'): Customer {
  const customer = ctx.state.customers.get(id);
  if (customer === undefined) throw resourceMissing('customer', id, param);
  return customer;
}

/** POST /v1/customers/:id: metadata merges key by key; emits `customer.updated` when something changed. */
function updateCustomer(ctx: OperationContext, params: FormObject, id: string): Customer {
  const customer = getCustomer(ctx, id);
  assertKnownParams(params, WRITABLE);
  const before = structuredClone(customer);
  for (const field of TEXT_FIELDS) {
    const value = readNullableString(params, field);
    if (value !== undefined) customer[field] = value;
  }
  customer.metadata = mergeMetadata(customer.metadata, params.metadata);
  const previous = previousAttributes(before, customer);
  if (previous !== undefined) emitEvent(ctx, 'customer.updated', customer, previous);
  return customer;
}

function listCustomers(ctx: OperationContext, params: FormObject): ReturnType<typeof paginate<Customer>> {
  assertKnownParams(params, [...LIST_PARAMS, 'email']);
  const email = readString(params, 'email');
  return paginate(ctx.state.customers.values(), params, {
    url: '/v1/customers',
    kind: 'customer',
    filter: (customer) => email === undefined || customer.email === email,
  });
}

export const customerRoutes: readonly Route[] = [
  { method: 'POST', path: '/v1/customers', handler: createCustomer },
  { method: 'GET', path: '/v1/customers', handler: listCustomers },
  retrieveRoute('/v1/customers/:id', (ctx, id) => getCustomer(ctx, id)),
  { method: 'POST', path: '/v1/customers/:id', handler: updateCustomer },
];
