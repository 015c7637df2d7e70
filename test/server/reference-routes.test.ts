import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import type { z } from 'zod';
import { STRIPE_EVENT_TYPES } from '../../src/definition/stripe-event-types.ts';
import { StripeSandbox } from '../../src/sandbox/index.ts';
import type { eventTypeListSchema, eventTypeReferenceSchema, operationReferenceListSchema, variableReferenceListSchema } from '../../src/server/reference-schemas.ts';
import type { ErrorBody } from '../../src/server/response-schemas.ts';
import { sandboxTestEvents } from '../../src/system/sandbox-test-events.ts';
import { startApi } from './api-harness.ts';
import { bearer, userWithKey } from './identity-fixtures.ts';

type Operations = z.output<typeof operationReferenceListSchema>;
type EventTypes = z.output<typeof eventTypeListSchema>;
type EventType = z.output<typeof eventTypeReferenceSchema>;
type Variables = z.output<typeof variableReferenceListSchema>;

test('operations: every catalog operation with typed parameters, and what its output variable holds', async () => {
  const api = await startApi();
  try {
    const answer = await api.get<Operations>('/api/v1/reference/operations');
    assert.equal(answer.status, 200, answer.text);
    const byName = new Map(answer.body.operations.map((operation) => [operation.name, operation]));
    assert.deepEqual([...byName.keys()].sort(), [...api.t.system.app.catalog.keys()].sort());

    const retrieve = byName.get('stripe.charges.retrieve');
    assert.equal(retrieve?.output.object, 'charge');
    assert.equal(retrieve.connector_type, 'stripe');
    assert.equal(retrieve.docs_url, 'https://docs.stripe.com/api/charges/retrieve');
    const id = retrieve.params.find((param) => param.name === 'id');
    assert.deepEqual([id?.type, id?.required, id?.recipients], ['string', true, false]);
    const amount = retrieve.output.fields.find((field) => field.path === 'amount');
    assert.equal(amount?.type, 'integer');
    assert.equal(amount.money, true);

    const refund = byName.get('stripe.refunds.create');
    assert.equal(refund?.moves_money, true);
    assert.equal(refund.output.object, 'refund');
    assert.equal(byName.get('stripe.charges.retrieve')?.moves_money, false);
    assert.equal(byName.get('stripe.customers.update')?.output.object, 'customer');
    assert.equal(byName.get('stripe.request')?.additional_params, false);

    const list = byName.get('stripe.charges.list');
    assert.equal(list?.output.object, 'list');
    assert.deepEqual(list.output.fields.map((field) => field.path), ['object', 'data', 'has_more']);

    // A kind without a curated list is read off the sandbox's object.
    const creditNote = byName.get('stripe.creditNotes.create')?.output;
    assert.equal(creditNote?.object, 'credit_note');
    assert.ok(creditNote.fields.some((field) => field.path === 'total' && field.type === 'integer' && field.money), JSON.stringify(creditNote.fields));

    const email = byName.get('email.send');
    assert.equal(email?.output.object, null);
    assert.deepEqual(email.output.fields.map((field) => field.path), ['message_id', 'outbox_id', 'transport', 'status', 'to', 'cc', 'subject', 'created']);
    const to = email.params.find((param) => param.name === 'to');
    assert.equal(to?.recipients, true);
    assert.equal(to.type, 'recipients');
    assert.deepEqual(byName.get('http.request')?.output.fields.map((field) => field.path), ['status', 'headers', 'body']);
  } finally {
    await api.close();
  }
});

test('event types: every Stripe type with its object kind; the default currency is usd without a connector to ask', async () => {
  const api = await startApi();
  try {
    const answer = await api.get<EventTypes>('/api/v1/reference/event-types');
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(answer.body.event_types.map((entry) => entry.type), [...STRIPE_EVENT_TYPES]);
    const objectOf = new Map(answer.body.event_types.map((entry) => [entry.type, entry.object]));
    assert.equal(objectOf.get('charge.succeeded'), 'charge');
    assert.equal(objectOf.get('charge.dispute.created'), 'dispute');
    assert.equal(objectOf.get('radar.early_fraud_warning.created'), 'radar.early_fraud_warning');
    assert.equal(objectOf.get('customer.subscription.deleted'), 'subscription');
    assert.equal(answer.body.default_currency, 'usd');
  } finally {
    await api.close();
  }
});

test('one event type: the charge fields include amount (integer, money) and currency, and a sample charge event', async () => {
  const api = await startApi();
  try {
    const answer = await api.get<EventType>('/api/v1/reference/event-types/charge.succeeded');
    assert.equal(answer.status, 200, answer.text);
    const { event_type: eventType } = answer.body;
    assert.equal(eventType.type, 'charge.succeeded');
    assert.equal(eventType.object, 'charge');
    const field = (path: string) => eventType.fields.find((candidate) => candidate.path === path);
    assert.deepEqual([field('amount')?.type, field('amount')?.money], ['integer', true]);
    assert.deepEqual([field('currency')?.type, field('currency')?.money], ['string', false]);
    assert.equal(field('billing_details.email')?.type, 'string');
    assert.equal(field('created')?.type, 'timestamp');
    const sample = eventType.sample as { object: string; type: string; id: string; data: { object: { object: string; amount: number; currency: string } } };
    assert.equal(sample.object, 'event');
    assert.equal(sample.type, 'charge.succeeded');
    assert.match(sample.id, /^evt_/);
    assert.deepEqual([sample.data.object.object, sample.data.object.amount, sample.data.object.currency], ['charge', 2000, 'usd']);

    // A curated kind the sandbox only generates: the sample carries every offered field.
    const session = await api.get<EventType>('/api/v1/reference/event-types/checkout.session.completed');
    assert.equal(session.status, 200, session.text);
    const sessionObject = (session.body.event_type.sample as { data: { object: Record<string, unknown> } }).data.object;
    assert.equal(sessionObject.object, 'checkout.session');
    assert.equal(sessionObject.amount_total, 2000);
    assert.equal((sessionObject.customer_details as { email?: string }).email, 'jenny.rosen@example.com');

    // Any other kind: fields read off the generated object.
    const topup = await api.get<EventType>('/api/v1/reference/event-types/topup.succeeded');
    assert.equal(topup.status, 200, topup.text);
    assert.equal(topup.body.event_type.object, 'topup');
    const topupAmount = topup.body.event_type.fields.find((candidate) => candidate.path === 'amount');
    assert.deepEqual([topupAmount?.type, topupAmount?.money, topupAmount?.description], ['integer', true, null]);
  } finally {
    await api.close();
  }
});

test('an unknown event type answers 404 event_type_unknown with the closest type', async () => {
  const api = await startApi();
  try {
    const answer = await api.get<ErrorBody>('/api/v1/reference/event-types/charge.suceeded');
    assert.equal(answer.status, 404, answer.text);
    assert.equal(answer.body.error.code, 'event_type_unknown');
    assert.match(answer.body.error.message, /did you mean "charge\.succeeded"\?/);
    const nothingClose = await api.get<ErrorBody>('/api/v1/reference/event-types/zzz');
    assert.equal(nothingClose.status, 404);
    assert.doesNotMatch(nothingClose.body.error.message, /did you mean/);
  } finally {
    await api.close();
  }
});

test('variables: what expressions may read, where each is in scope, with an example', async () => {
  const api = await startApi();
  try {
    const answer = await api.get<Variables>('/api/v1/reference/variables');
    assert.equal(answer.status, 200, answer.text);
    const byName = new Map(answer.body.variables.map((variable) => [variable.name, variable]));
    for (const name of ['event', 'object', 'run', '<step output>', 'error']) assert.ok(byName.has(name), name);
    assert.equal(byName.get('object')?.scope, 'event trigger');
    assert.deepEqual(byName.get('event')?.example.result, 'charge.dispute.created');
    assert.match(answer.body.env_note, /env/);
  } finally {
    await api.close();
  }
});

test('a viewer may read the reference; no credentials is 401, a key scoped without workflows.read is 403', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    const viewer = await userWithKey(api.t.system.app, 'viewer@example.com', ['viewer']);
    const scoped = await userWithKey(api.t.system.app, 'runs@example.com', ['viewer'], { scopes: ['runs.read'] });
    for (const url of ['/api/v1/reference/operations', '/api/v1/reference/event-types', '/api/v1/reference/event-types/charge.refunded', '/api/v1/reference/variables']) {
      const allowed = await api.call<unknown>({ method: 'GET', url, headers: bearer(viewer.key) });
      assert.equal(allowed.status, 200, `${url}: ${allowed.text}`);
      assert.equal((await api.get<ErrorBody>(url)).status, 401, url);
      const refused = await api.call<ErrorBody>({ method: 'GET', url, headers: bearer(scoped.key) });
      assert.equal(refused.status, 403, `${url}: ${refused.text}`);
    }
  } finally {
    await api.close();
  }
});

test('the default currency is the Stripe account\'s, asked once through the stripe connector; usd when Stripe fails or with the sandbox', async () => {
  let accountAsks = 0;
  let currency: string | null = 'EUR';
  const stripe: Server = createServer((request, response) => {
    if (request.url === '/v1/account') accountAsks += 1;
    response.setHeader('content-type', 'application/json');
    if (request.url !== '/v1/account' || currency === null) {
      response.statusCode = 500;
      response.end(JSON.stringify({ error: { type: 'api_error', message: 'down' } }));
      return;
    }
    response.end(JSON.stringify({ id: 'acct_123', object: 'account', default_currency: currency }));
  });
  await new Promise<void>((resolve) => stripe.listen(0, '127.0.0.1', resolve));
  const apiBase = `http://127.0.0.1:${(stripe.address() as AddressInfo).port}`;
  const connector = `
kind: Connector
id: stripe
type: stripe
config: { secret_key: sk_test_reference, api_base: "${apiBase}" }
`;
  const api = await startApi();
  try {
    await api.t.apply(connector);
    const first = await api.get<EventTypes>('/api/v1/reference/event-types');
    assert.equal(first.body.default_currency, 'eur');
    currency = 'gbp';
    const second = await api.get<EventTypes>('/api/v1/reference/event-types');
    assert.equal(second.body.default_currency, 'eur', 'kept, not asked again');
    assert.equal(accountAsks, 1);
  } finally {
    await api.close();
  }

  const failing = await startApi();
  const sandbox = new StripeSandbox();
  try {
    currency = null;
    await failing.t.apply(connector);
    const answer = await failing.get<EventTypes>('/api/v1/reference/event-types');
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.body.default_currency, 'usd');

    await sandbox.start({ port: 0, host: '127.0.0.1' });
    const asksBefore = accountAsks;
    currency = 'gbp';
    const withSandbox = await startApi();
    try {
      withSandbox.t.system.app.sandbox = sandboxTestEvents(sandbox);
      await withSandbox.t.apply(connector);
      assert.equal((await withSandbox.get<EventTypes>('/api/v1/reference/event-types')).body.default_currency, 'usd');
      assert.equal(accountAsks, asksBefore, 'the sandbox is not asked');
    } finally {
      await withSandbox.close();
    }
  } finally {
    await failing.close();
    await sandbox.stop();
    await new Promise<void>((resolve) => stripe.close(() => resolve()));
  }
});
