import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { InvalidInputError } from '../../../src/core/errors.ts';
import { StripeSandbox } from '../../../src/sandbox/index.ts';
import { startSandbox } from './sandbox-fixture.ts';

void describe('Stripe sandbox: state file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-sandbox-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  void it('keeps objects, events and idempotency keys across a restart', async () => {
    const stateFile = join(dir, 'state.json');
    const first = await startSandbox({ stateFile });
    const customer = await first.stripe.customers.create({ email: 'kept@example.com', metadata: { tier: 'gold' } }, { idempotencyKey: 'persisted-key' });
    const event = first.sandbox.trigger('payment_intent.succeeded', { customer: customer.id, amount: 777 });
    await first.close();
    assert.deepEqual(readdirSync(dir), ['state.json']);

    const second = await startSandbox({ stateFile });
    try {
      const kept = await second.stripe.customers.retrieve(customer.id);
      assert.ok(!kept.deleted);
      assert.deepEqual(kept.metadata, { tier: 'gold' });
      assert.equal((await second.stripe.events.retrieve(event.id)).type, 'payment_intent.succeeded');
      const replay = await second.stripe.customers.create({ email: 'kept@example.com', metadata: { tier: 'gold' } }, { idempotencyKey: 'persisted-key' });
      assert.equal(replay.id, customer.id);
      assert.equal(replay.lastResponse.headers['idempotent-replayed'], 'true');
      const intents = await second.stripe.paymentIntents.list({ customer: customer.id });
      assert.equal(intents.data[0]?.amount, 777);
    } finally {
      await second.close();
    }
  });

  void it('refuses to start on a file it cannot read, saying what to do', async () => {
    const stateFile = join(dir, 'broken.json');
    writeFileSync(stateFile, '{"format": "something else"}');
    await assert.rejects(new StripeSandbox({ stateFile }).start(), (error: unknown) => {
      assert.ok(error instanceof InvalidInputError);
      assert.equal(error.code, 'sandbox_state_unreadable');
      assert.match(error.message, /broken\.json/);
      return true;
    });
  });
});
