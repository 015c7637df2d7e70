// Thin Stripe events (event destinations with a thin payload): the body is read and checked field by field, taken
// in as the v1 event a snapshot would have carried, and a failed fetch of its object becomes the answer Stripe should get.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foreignErrorCode } from '../../../src/core/error-codes.ts';
import { InvalidInputError, PermanentError, TollgateError, TransientError, UnprocessableError } from '../../../src/core/errors.ts';
import { thinEventPayload, type StripeEvent } from '../../../src/sandbox/index.ts';
import { fetchThinEventObject, readThinEvent, snapshotOfThinEvent, THIN_FETCH_RETRY_AFTER_MS, type RelatedObjectRequest } from '../../../src/triggers/thin-event.ts';

const BODY = {
  id: 'evt_thin_1',
  object: 'v2.core.event',
  type: 'v1.payment_intent.succeeded',
  created: '2026-12-01T10:00:00.000Z',
  livemode: false,
  context: 'acct_connected',
  related_object: { id: 'pi_1', type: 'payment_intent', url: '/v1/payment_intents/pi_1' },
  reason: { type: 'request', request: { id: 'req_1', idempotency_key: null } },
};

function refusal(change: Record<string, unknown>): { code: string; path: string | undefined } {
  try {
    readThinEvent({ ...BODY, ...change });
    return { code: 'ok', path: undefined };
  } catch (error) {
    assert.ok(error instanceof InvalidInputError, String(error));
    return { code: error.code, path: error.path };
  }
}

test('a thin v1 event is read with its type without v1., created in unix seconds, and context as the account', () => {
  const thin = readThinEvent(BODY);
  assert.deepEqual(thin, {
    id: 'evt_thin_1',
    type: 'payment_intent.succeeded',
    created: Date.UTC(2026, 11, 1, 10) / 1000,
    livemode: false,
    account: 'acct_connected',
    relatedObject: { id: 'pi_1', type: 'payment_intent', url: '/v1/payment_intents/pi_1' },
    reason: BODY.reason,
    snapshotEvent: null,
  });
  const { context: _context, reason: _reason, ...own } = BODY;
  assert.equal(readThinEvent(own).account, null, "without context: the platform's own");
  assert.equal(readThinEvent({ ...own, context: null }).account, null);
  assert.equal(readThinEvent(own).reason, null);
});

test('the v1 event taken in: the thin id and type, the fetched object as data.object, the account only for a connected one', () => {
  const object = { id: 'pi_1', object: 'payment_intent', amount: 4200 };
  assert.deepEqual(snapshotOfThinEvent(readThinEvent(BODY), object), {
    id: 'evt_thin_1',
    object: 'event',
    type: 'payment_intent.succeeded',
    created: Date.UTC(2026, 11, 1, 10) / 1000,
    livemode: false,
    account: 'acct_connected',
    data: { object },
    related_object: BODY.related_object,
    reason: BODY.reason,
    thin_event: 'evt_thin_1',
  });
  const { context: _context, ...own } = BODY;
  assert.equal('account' in snapshotOfThinEvent(readThinEvent(own), object), false);
});

test("a thin event that names its snapshot event is taken in under the snapshot's id, so the two deliveries of one change are one event", () => {
  const named = readThinEvent({ ...BODY, snapshot_event: 'evt_snapshot_1' });
  assert.equal(named.snapshotEvent, 'evt_snapshot_1');
  const taken = snapshotOfThinEvent(named, { id: 'pi_1' });
  assert.deepEqual([taken.id, taken.thin_event], ['evt_snapshot_1', 'evt_thin_1']);
  assert.equal(readThinEvent({ ...BODY, snapshot_event: null }).snapshotEvent, null);
});

test('what the sandbox sends thin reads back as the event it came from', () => {
  const event: StripeEvent = {
    id: 'evt_sandbox',
    object: 'event',
    type: 'radar.early_fraud_warning.created',
    api_version: '2026-10-28.endive',
    created: 1_800_000_000,
    livemode: false,
    account: 'acct_9',
    data: { object: { id: 'issfr_1', object: 'radar.early_fraud_warning', created: 1_800_000_000, livemode: false } },
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
  };
  const thin = readThinEvent(JSON.parse(JSON.stringify(thinEventPayload(event))) as Record<string, unknown>);
  assert.deepEqual(
    [thin.id, thin.snapshotEvent, thin.type, thin.created, thin.account, thin.relatedObject.url],
    ['evt_v2_sandbox', 'evt_sandbox', 'radar.early_fraud_warning.created', 1_800_000_000, 'acct_9', '/v1/radar/early_fraud_warnings/issfr_1'],
  );
});

test('a thin event Tollgate cannot take in is refused at its field with thin_event_invalid', () => {
  const invalid = (path: string) => ({ code: 'thin_event_invalid', path });
  assert.deepEqual(refusal({ type: 'v2.core.account.created' }), invalid('type'), 'an event of a v2 resource');
  assert.deepEqual(refusal({ type: 'v1.' }), invalid('type'));
  assert.deepEqual(refusal({ type: undefined }), invalid('type'));
  assert.deepEqual(refusal({ related_object: undefined }), invalid('related_object'));
  assert.deepEqual(refusal({ related_object: null }), invalid('related_object'));
  assert.deepEqual(refusal({ related_object: 'pi_1' }), invalid('related_object'));
  assert.deepEqual(refusal({ related_object: { type: 'payment_intent', url: '/v1/payment_intents/pi_1' } }), invalid('related_object.id'));
  assert.deepEqual(refusal({ related_object: { id: 'pi_1', url: '/v1/payment_intents/pi_1' } }), invalid('related_object.type'));
  for (const url of ['https://evil.example/v1/payment_intents/pi_1', '/v2/core/events/evt_1', '/v1/payment_intents/pi_1?expand[]=customer', '/v1/../v2/x', '//evil.example/v1/x', undefined]) {
    assert.deepEqual(refusal({ related_object: { id: 'pi_1', type: 'payment_intent', url } }), invalid('related_object.url'), String(url));
  }
  assert.deepEqual(refusal({ id: '' }), invalid('id'));
  assert.deepEqual(refusal({ created: 1_800_000_000 }), invalid('created'));
  assert.deepEqual(refusal({ created: 'yesterday' }), invalid('created'));
  assert.deepEqual(refusal({ livemode: 'false' }), invalid('livemode'));
  assert.deepEqual(refusal({ context: 42 }), invalid('context'));
  assert.deepEqual(refusal({ snapshot_event: 42 }), invalid('snapshot_event'));
  assert.deepEqual(refusal({ snapshot_event: 'pi_1' }), invalid('snapshot_event'));
});

test('fetching the object: asked as the context account; a failure for now is retryable, a refusal for good names the object', async () => {
  const thin = readThinEvent(BODY);
  const asked: RelatedObjectRequest[] = [];
  const object = { id: 'pi_1', object: 'payment_intent' };
  assert.equal(
    await fetchThinEventObject((request) => {
      asked.push(request);
      return Promise.resolve(object);
    }, 'stripe', thin),
    object,
  );
  assert.deepEqual(asked, [{ connectorId: 'stripe', url: '/v1/payment_intents/pi_1', account: 'acct_connected', eventId: 'evt_thin_1' }]);

  const failing = (error: Error) => () => fetchThinEventObject(() => Promise.reject(error), 'stripe', thin);
  const outage = await failing(new TransientError(foreignErrorCode('api_error'), 'mapped', { details: { status: 503, message: 'Stripe is down' } }))().catch((error: unknown) => error);
  assert.ok(outage instanceof TransientError);
  assert.equal(outage.code, 'thin_event_fetch_failed');
  assert.equal(outage.retryAfterMs, THIN_FETCH_RETRY_AFTER_MS, 'a Retry-After for Stripe even when Stripe gave none');
  assert.match(outage.message, /payment_intent pi_1 .*as acct_connected.*Stripe is down/);
  const limited = await failing(new TransientError(foreignErrorCode('rate_limit'), 'mapped', { retryAfterMs: 2000, details: { status: 429 } }))().catch((error: unknown) => error);
  assert.equal((limited as TransientError).retryAfterMs, 2000, "Stripe's own Retry-After is passed on");

  const badKey = await failing(new PermanentError(foreignErrorCode('authentication_error'), 'mapped', { details: { status: 401, message: 'Invalid API Key provided' } }))().catch((error: unknown) => error);
  assert.ok(badKey instanceof TransientError, "Stripe refusing the connector's key says nothing of the object: Stripe delivers again once the key is fixed");
  assert.equal(badKey.code, 'thin_event_fetch_failed');
  assert.equal(badKey.retryAfterMs, THIN_FETCH_RETRY_AFTER_MS);

  const gone = await failing(new PermanentError(foreignErrorCode('resource_missing'), 'mapped', { details: { status: 404, message: 'No such payment_intent' } }))().catch((error: unknown) => error);
  assert.ok(gone instanceof UnprocessableError);
  assert.equal(gone.code, 'thin_event_object_unavailable');
  assert.equal(gone.path, 'related_object');
  assert.match(gone.message, /payment_intent pi_1.*No such payment_intent/);
  assert.deepEqual(gone.details, { related_object: 'pi_1', status: 404, stripe_code: 'resource_missing' });

  const bug = new Error('not a Stripe answer');
  await assert.rejects(failing(bug), (error) => error === bug && !(error instanceof TollgateError), 'anything else is not dressed up as Stripe');
});
