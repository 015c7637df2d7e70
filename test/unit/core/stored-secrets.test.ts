import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MASKED_SECRET, redactStoredSecrets } from '../../../src/core/stored-secrets.ts';

test('client_secret, an ephemeral key secret and api keys are masked at any depth; everything else is kept', () => {
  const intent = { id: 'pi_1', object: 'payment_intent', amount: 1500, client_secret: 'pi_1_secret_abc', metadata: { order: '42' } };
  const stored = redactStoredSecrets({
    intent,
    list: { data: [{ id: 'seti_1', client_secret: 'seti_1_secret_def' }] },
    ephemeral: { id: 'ephkey_1', object: 'ephemeral_key', secret: 'ek_test_ghi' },
    headers: { Authorization: 'Bearer sk_live_x', accept: 'application/json' },
    config: { api_key: 'key_123', secret_question_id: 7, tokenized: true },
    none: { client_secret: null },
    when: new Date(0),
  });
  assert.deepEqual(stored, {
    intent: { ...intent, client_secret: MASKED_SECRET },
    list: { data: [{ id: 'seti_1', client_secret: MASKED_SECRET }] },
    ephemeral: { id: 'ephkey_1', object: 'ephemeral_key', secret: MASKED_SECRET },
    headers: { Authorization: MASKED_SECRET, accept: 'application/json' },
    config: { api_key: MASKED_SECRET, secret_question_id: 7, tokenized: true },
    none: { client_secret: null },
    when: new Date(0),
  });
  assert.equal(intent.client_secret, 'pi_1_secret_abc', 'the input is not changed');
  assert.equal(redactStoredSecrets(undefined), undefined);
  assert.equal(redactStoredSecrets('pi_1_secret_abc'), 'pi_1_secret_abc', 'a bare value has no field name to judge by');
  assert.equal(MASKED_SECRET, '**redacted**');
});

test('only the objects on the way to a secret are copied: the rest is returned as it is', () => {
  const charge = { id: 'ch_1', amount: 1500, billing: { name: 'Pat' }, refunds: [{ id: 're_1' }] };
  assert.equal(redactStoredSecrets(charge), charge);
  const output = { charge, intent: { id: 'pi_1', client_secret: 'pi_1_secret_abc' }, list: [charge, { secret: 'ek_1' }] };
  const stored = redactStoredSecrets(output) as typeof output;
  assert.notEqual(stored, output);
  assert.equal(stored.charge, charge, 'a sibling without secrets is shared');
  assert.equal(stored.list[0], charge);
  assert.deepEqual(stored.list[1], { secret: MASKED_SECRET });
  assert.equal(output.intent.client_secret, 'pi_1_secret_abc', 'the input is not changed');
  assert.deepEqual(output.list[1], { secret: 'ek_1' });
});
