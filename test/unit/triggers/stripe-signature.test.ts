// The intake checks Stripe's webhook signatures itself (no SDK loaded until a workflow calls Stripe). Here it
// is held to the SDK: what the SDK signs verifies, and over a table of forged, stale, tampered and malformed
// deliveries it refuses exactly what the SDK's own verifier refuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import Stripe from 'stripe';
import { TollgateError } from '../../../src/core/errors.ts';
import { verifyStripeSignature } from '../../../src/triggers/stripe-signature.ts';

const SECRET = 'whsec_current';
const OLD_SECRET = 'whsec_previous';
const NOW = Math.floor(Date.now() / 1000);
const BODY = JSON.stringify({ id: 'evt_1', type: 'charge.succeeded', livemode: false, created: NOW, data: { object: { id: 'ch_1', object: 'charge' } } });

const sign = (payload: string, secret: string, timestamp = NOW) => createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex');

function codeOf(check: () => unknown): string {
  try {
    check();
    return 'ok';
  } catch (error) {
    return error instanceof TollgateError ? error.code : 'thrown';
  }
}

test('a delivery the SDK signs verifies, under the current secret or the one before it', () => {
  const header = Stripe.webhooks.generateTestHeaderString({ payload: BODY, secret: SECRET });
  assert.deepEqual(verifyStripeSignature({ rawBody: BODY, header, secrets: [SECRET], toleranceSeconds: 300 }), JSON.parse(BODY));
  assert.equal(verifyStripeSignature({ rawBody: Buffer.from(BODY), header, secrets: [OLD_SECRET, SECRET], toleranceSeconds: 300 }).id, 'evt_1');
});

test('each refusal says what is wrong, at the Stripe-Signature header; a signed body that is not JSON is wrong at body', () => {
  const refusal = (input: Partial<Parameters<typeof verifyStripeSignature>[0]>) => {
    try {
      verifyStripeSignature({ rawBody: BODY, header: `t=${NOW},v1=${sign(BODY, SECRET)}`, secrets: [SECRET], toleranceSeconds: 300, ...input });
    } catch (error) {
      assert.ok(error instanceof TollgateError);
      return { code: error.code, message: error.message, path: (error as { path?: string }).path };
    }
    assert.fail('accepted');
  };
  assert.match(refusal({ header: undefined }).message, /the Stripe-Signature header is missing/);
  assert.match(refusal({ header: `v1=${sign(BODY, SECRET)}` }).message, /no timestamp \(t=\) or no v1 signature/);
  assert.match(refusal({ secrets: ['whsec_other'] }).message, /no v1 signature matches the body/);
  const stale = refusal({ header: `t=${NOW - 301},v1=${sign(BODY, SECRET, NOW - 301)}` });
  assert.match(stale.message, new RegExp(`the timestamp t=${NOW - 301} is 30\\d s old, outside the tolerance of 300 s`));
  assert.equal(stale.path, 'Stripe-Signature');
  const notJson = refusal({ rawBody: 'not json', header: `t=${NOW},v1=${sign('not json', SECRET)}` });
  assert.deepEqual([notJson.code, notJson.path], ['request_invalid', 'body']);
});

test('it refuses exactly what the SDK refuses', () => {
  const good = sign(BODY, SECRET);
  const cases: { name: string; body?: string; header: string; secrets?: string[]; tolerance?: number }[] = [
    { name: 'signed', header: `t=${NOW},v1=${good}` },
    { name: 'one of several v1, beside a v0', header: `t=${NOW},v0=${'0'.repeat(64)},v1=${'f'.repeat(64)},v1=${good}` },
    { name: 'spaces after the commas', header: `t=${NOW}, v1=${good}` },
    { name: 'signed under the old secret, both given', header: `t=${NOW},v1=${sign(BODY, OLD_SECRET)}`, secrets: [OLD_SECRET, SECRET] },
    { name: 'another secret', header: `t=${NOW},v1=${sign(BODY, 'whsec_attacker')}` },
    { name: 'the body changed', body: BODY.replace('ch_1', 'ch_2'), header: `t=${NOW},v1=${good}` },
    { name: 'the timestamp changed', header: `t=${NOW + 1},v1=${good}` },
    { name: 'stale', header: `t=${NOW - 3600},v1=${sign(BODY, SECRET, NOW - 3600)}` },
    { name: 'stale, no tolerance', header: `t=${NOW - 3600},v1=${sign(BODY, SECRET, NOW - 3600)}`, tolerance: 0 },
    { name: 'from the future', header: `t=${NOW + 3600},v1=${sign(BODY, SECRET, NOW + 3600)}` },
    { name: 'upper-case hex', header: `t=${NOW},v1=${good.toUpperCase()}` },
    { name: 'a truncated signature', header: `t=${NOW},v1=${good.slice(0, 63)}` },
    { name: 'no v1', header: `t=${NOW},v0=${good}` },
    { name: 'no timestamp', header: `v1=${good}` },
    { name: 'a word for a timestamp', header: `t=now,v1=${good}` },
    { name: 'garbage', header: 'garbage' },
    { name: 'signed with an empty secret', header: `t=${NOW},v1=${sign(BODY, '')}`, secrets: [''] },
  ];
  for (const { name, body = BODY, header, secrets = [SECRET], tolerance = 300 } of cases) {
    const sdk = secrets.some((secret) => codeOf(() => Stripe.webhooks.constructEvent(body, header, secret, tolerance)) === 'ok');
    const ours = codeOf(() => verifyStripeSignature({ rawBody: body, header, secrets, toleranceSeconds: tolerance }));
    assert.equal(ours === 'ok', sdk, `${name}: the SDK ${sdk ? 'accepts' : 'refuses'}, Tollgate answers ${ours}`);
  }
});
