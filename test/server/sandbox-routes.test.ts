import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ErrorBody } from '../../src/server/response-schemas.ts';
import { STRIPE_EVENT_TYPES } from '../../src/definition/stripe-event-types.ts';
import { StripeSandbox } from '../../src/sandbox/index.ts';
import { sandboxTestEvents } from '../../src/system/sandbox-test-events.ts';
import { startApi, type ApiHarness } from './api-harness.ts';
import { bearer, userWithKey } from './identity-fixtures.ts';

type StatusAnswer = { sandbox: { running: boolean; url: string | null; event_types: string[] } };
type SentAnswer = { event: { id: string; type: string; created: number } };

async function withSandbox(api: ApiHarness): Promise<StripeSandbox> {
  const sandbox = new StripeSandbox();
  await sandbox.start({ port: 0, host: '127.0.0.1' });
  api.t.system.app.sandbox = sandboxTestEvents(sandbox);
  return sandbox;
}

function send(api: ApiHarness, payload: object, headers: Record<string, string> = {}) {
  return api.call<SentAnswer & ErrorBody>({ method: 'POST', url: '/api/v1/sandbox/events', payload, headers: { 'idempotency-key': crypto.randomUUID(), ...headers } });
}

test('against real Stripe the sandbox is off: sending a test event answers 409 sandbox_off', async () => {
  const api = await startApi();
  try {
    const status = await api.get<StatusAnswer>('/api/v1/sandbox');
    assert.equal(status.status, 200);
    assert.deepEqual(status.body.sandbox, { running: false, url: null, event_types: [] });
    const refused = await send(api, { type: 'payment_intent.succeeded', amount: 150000, currency: 'usd' });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'sandbox_off');
    assert.match(refused.body.error.message, /STRIPE_SECRET_KEY/);
  } finally {
    await api.close();
  }
});

test('send a test event through the running sandbox: the event of that type with the amount asked, once per idempotency key', async () => {
  const api = await startApi();
  const sandbox = await withSandbox(api);
  try {
    const status = await api.get<StatusAnswer>('/api/v1/sandbox');
    assert.equal(status.body.sandbox.running, true);
    assert.equal(status.body.sandbox.url, sandbox.url);
    assert.deepEqual(status.body.sandbox.event_types, [...STRIPE_EVENT_TYPES]);
    assert.ok(status.body.sandbox.event_types.includes('payment_intent.succeeded'));

    const key = crypto.randomUUID();
    const sent = await send(api, { type: 'payment_intent.succeeded', amount: 150000, currency: 'USD' }, { 'idempotency-key': key });
    assert.equal(sent.status, 201, sent.text);
    assert.equal(sent.body.event.type, 'payment_intent.succeeded');
    const event = sandbox.getObject(sent.body.event.id) as { data: { object: { amount: number; currency: string } } } | undefined;
    assert.equal(event?.data.object.amount, 150000);
    assert.equal(event?.data.object.currency, 'usd');

    const again = await send(api, { type: 'payment_intent.succeeded', amount: 150000, currency: 'USD' }, { 'idempotency-key': key });
    assert.equal(again.status, 201);
    assert.equal(again.body.event.id, sent.body.event.id, 'a retried send with the same key sends nothing new');

    const forCustomer = await send(api, { type: 'invoice.paid', amount: 5000, currency: 'eur', customer: 'cus_nobody' });
    assert.equal(forCustomer.status, 400);
    assert.equal(forCustomer.body.error.code, 'unknown_customer');
    assert.equal(forCustomer.body.error.path, 'body.customer');
  } finally {
    await api.close();
    await sandbox.stop();
  }
});

test('a test event with a type the sandbox cannot send, or bad fields, is refused with what and where', async () => {
  const api = await startApi();
  const sandbox = await withSandbox(api);
  try {
    const unknownType = await send(api, { type: 'charge.dispute.create', amount: 100, currency: 'usd' });
    assert.equal(unknownType.status, 400);
    assert.equal(unknownType.body.error.code, 'unsupported_event_type');
    assert.equal(unknownType.body.error.path, 'body.type');
    assert.match(unknownType.body.error.message, /did you mean "charge\.dispute\.created"\?/);

    const dispute = await send(api, { type: 'charge.dispute.created', amount: 4200, currency: 'eur' });
    assert.equal(dispute.status, 201, dispute.text);
    const disputeEvent = sandbox.getObject(dispute.body.event.id) as { data: { object: { object: string; charge: string; amount: number; currency: string } } } | undefined;
    assert.equal(disputeEvent?.data.object.object, 'dispute');
    assert.deepEqual([disputeEvent.data.object.amount, disputeEvent.data.object.currency], [4200, 'eur']);
    assert.equal(sandbox.getObject(disputeEvent.data.object.charge)?.disputed, true, 'a real charge is behind the dispute');

    const payout = await send(api, { type: 'payout.paid', amount: 100, currency: 'usd' });
    assert.equal(payout.status, 201, payout.text);

    const badAmount = await send(api, { type: 'charge.succeeded', amount: 12.5, currency: 'usd', extra: true });
    assert.equal(badAmount.status, 400);
    const paths = (badAmount.body.error.issues ?? []).map((issue) => issue.path);
    assert.ok(paths.includes('body.amount'), paths.join(', '));
    assert.ok(paths.some((path) => path.includes('extra')), paths.join(', '));

    const badCurrency = await send(api, { type: 'charge.succeeded', amount: 100, currency: 'u$d' });
    assert.equal(badCurrency.status, 400);
    assert.equal(badCurrency.body.error.path, 'body.currency');
  } finally {
    await api.close();
    await sandbox.stop();
  }
});

test('sending a test event needs events.send: a viewer may see the sandbox but not send', async () => {
  const api = await startApi({ auth: 'required' });
  const sandbox = await withSandbox(api);
  try {
    const viewer = await userWithKey(api.t.system.app, 'viewer@example.com', ['viewer']);
    const seen = await api.call<StatusAnswer>({ method: 'GET', url: '/api/v1/sandbox', headers: bearer(viewer.key) });
    assert.equal(seen.status, 200);
    const refused = await send(api, { type: 'payment_intent.succeeded', amount: 100, currency: 'usd' }, bearer(viewer.key));
    assert.equal(refused.status, 403);
    const editor = await userWithKey(api.t.system.app, 'editor@example.com', ['editor']);
    const sent = await send(api, { type: 'payment_intent.succeeded', amount: 100, currency: 'usd' }, bearer(editor.key));
    assert.equal(sent.status, 201, sent.text);
  } finally {
    await api.close();
    await sandbox.stop();
  }
});
