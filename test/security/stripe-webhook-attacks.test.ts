/** Forged, stale and replayed deliveries to the Stripe webhook route: refused or answered once, never a second run. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import type { ErrorBody } from '../../src/server/response-schemas.ts';
import { startApi, type ApiHarness } from '../server/api-harness.ts';

const SECRET = 'whsec_security_suite_secret';
const URL = '/webhooks/stripe/stripe';

const DEFINITIONS = `
kind: Connector
id: stripe
type: stripe
config:
  secret_key: sk_test_security_suite
  webhook_secrets: ["{{ env.SECURITY_WHSEC }}"]
---
kind: Workflow
id: on-refund
trigger: { type: event, event: charge.refunded }
steps:
  - { id: done, type: end, outcome: Seen }
`;

interface IntakeAnswer {
  event_id: string;
  duplicate: boolean;
  runs: string[];
}

const eventBody = (id: string): string =>
  JSON.stringify({ id, object: 'event', type: 'charge.refunded', created: 1_700_000_000, livemode: false, data: { object: { id: `ch_${id}`, object: 'charge', amount_refunded: 500 } } });

const signed = (payload: string, options: { secret?: string; timestamp?: number } = {}): string =>
  Stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? SECRET, ...(options.timestamp === undefined ? {} : { timestamp: options.timestamp }) });

void describe('Stripe webhook deliveries an attacker could send', () => {
  let api: ApiHarness;
  const deliver = (payload: string, signature: string | undefined) =>
    api.call<IntakeAnswer & ErrorBody>({ method: 'POST', url: URL, headers: { 'content-type': 'application/json', ...(signature === undefined ? {} : { 'stripe-signature': signature }) }, payload });
  const stored = async (id: string) => (await api.get(`/api/v1/events/${id}`)).status === 200;

  before(async () => {
    api = await startApi({ env: { SECURITY_WHSEC: SECRET } });
    const applied = await api.postYaml('/api/v1/apply', DEFINITIONS);
    assert.equal(applied.status, 200, applied.text);
  });
  after(() => api.close());

  void it('a forged signature, a body changed after signing, a missing or garbled header: 400 signature_invalid, nothing stored, no run', async () => {
    const body = eventBody('evt_forged');
    const attempts: [string, string, string | undefined][] = [
      ['signed with another secret', body, signed(body, { secret: 'whsec_attacker' })],
      ['body changed after signing', body.replace('"amount_refunded":500', '"amount_refunded":99999'), signed(body)],
      ['no header', body, undefined],
      ['garbled header', body, 't=abc,v1=zz'],
      ['the signature of another body', body, signed(eventBody('evt_other'))],
    ];
    for (const [what, payload, signature] of attempts) {
      const answer = await deliver(payload, signature);
      assert.equal(answer.status, 400, `${what}: ${answer.text}`);
      assert.equal(answer.body.error.code, 'signature_invalid', what);
    }
    assert.equal(await stored('evt_forged'), false);
    assert.equal(await api.t.system.store.countRuns({}), 0);
  });

  void it('a correctly signed delivery whose timestamp is outside the 5-minute tolerance is refused', async () => {
    const body = eventBody('evt_stale');
    const now = Math.floor(Date.now() / 1000);
    const stale = await deliver(body, signed(body, { timestamp: now - 3600 }));
    assert.equal(stale.status, 400, stale.text);
    assert.equal(stale.body.error.code, 'signature_invalid');
    assert.match(stale.body.error.message, /tolerance/i);
    assert.equal(await stored('evt_stale'), false);
    const fresh = await deliver(body, signed(body, { timestamp: now - 60 }));
    assert.equal(fresh.status, 200, 'a minute old is within tolerance');
  });

  void it('a replayed delivery, resent or re-signed, and the same event arriving many times at once start one run', async () => {
    const body = eventBody('evt_replayed');
    const header = signed(body);
    const first = await deliver(body, header);
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.duplicate, false);
    assert.equal(first.body.runs.length, 1);
    const replayed = await deliver(body, header);
    assert.equal(replayed.status, 200, replayed.text);
    assert.deepEqual([replayed.body.duplicate, replayed.body.runs], [true, []]);
    const resigned = await deliver(body, signed(body, { timestamp: Math.floor(Date.now() / 1000) - 10 }));
    assert.equal(resigned.body.duplicate, true);

    const burst = eventBody('evt_burst');
    const answers = await Promise.all(Array.from({ length: 8 }, () => deliver(burst, signed(burst))));
    assert.deepEqual(
      answers.map((answer) => answer.status),
      Array.from({ length: 8 }, () => 200),
    );
    assert.equal(answers.flatMap((answer) => answer.body.runs).length, 1, 'one run among all the answers');
    assert.equal(await api.t.system.store.countRuns({ workflowId: 'on-refund' }), 3, 'evt_stale (the fresh delivery), evt_replayed and evt_burst: one run each');
  });

  void it('a body that is not JSON is refused as such: unsigned, as a bad signature (nothing is parsed before the signature holds); signed, as request_invalid', async () => {
    const broken = '{"id": "evt_broken", "type": "charge.refunded", ';
    const unsigned = await deliver(broken, signed(eventBody('evt_other')));
    assert.equal(unsigned.status, 400, unsigned.text);
    assert.equal(unsigned.body.error.code, 'signature_invalid');
    const signedBroken = await deliver(broken, signed(broken));
    assert.equal(signedBroken.status, 400, signedBroken.text);
    assert.equal(signedBroken.body.error.code, 'request_invalid');
    assert.equal(signedBroken.body.error.path, 'body');
    assert.match(signedBroken.body.error.message, /not JSON/);
  });
});
