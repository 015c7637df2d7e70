import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { createStripeRateGate, gatedHttpClient, withCallKind, type StripeCallKind } from '../../../src/connectors/stripe/stripe-rate-gate.ts';

/** Starts calls in order and records the order they were let through. */
function recorder(gate: ReturnType<typeof createStripeRateGate>, perSecond: number) {
  const passed: string[] = [];
  const start = (name: string, kind: StripeCallKind, signal?: AbortSignal) => gate.pass('sk_test_a', perSecond, kind, signal).then(() => passed.push(name));
  return { passed, start };
}

/** Lets the promises the timers resolved run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

void describe('stripe rate gate', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 }));
  afterEach(() => mock.timers.reset());

  void it("lets reads use the bucket down to a fifth of it, which stays for money calls; then reads go at the rate", async () => {
    const gate = createStripeRateGate();
    const { passed, start } = recorder(gate, 10);
    for (let index = 1; index <= 10; index += 1) void start(`read${index}`, 'other');
    await settle();
    assert.deepEqual(passed, ['read1', 'read2', 'read3', 'read4', 'read5', 'read6', 'read7', 'read8'], 'two of ten tokens are kept');
    void start('refund', 'money');
    await settle();
    assert.equal(passed.at(-1), 'refund', 'a refund takes a kept token at once, though reads wait');
    assert.deepEqual(gate.waiting('sk_test_a'), { money: 0, other: 2 });
    mock.timers.tick(100);
    await settle();
    assert.deepEqual(passed.slice(9), [], 'one token came back: the bucket is below the kept share still');
    for (let step = 0; step < 3; step += 1) {
      mock.timers.tick(100);
      await settle();
    }
    assert.deepEqual(passed.slice(9), ['read9', 'read10']);
    assert.deepEqual(gate.waitedSeconds(), { money: 0, other: 0.2 + 0.3 }, 'for /metrics: read9 waited 200 ms, read10 300 ms');
    assert.deepEqual(gate.waiting(), { money: 0, other: 0 });
  });

  void it('puts a waiting money call before every waiting read', async () => {
    const gate = createStripeRateGate();
    const { passed, start } = recorder(gate, 5);
    for (let index = 1; index <= 5; index += 1) void start(`money${index}`, 'money');
    await settle();
    assert.equal(passed.length, 5, 'money calls may empty the bucket');
    for (let index = 1; index <= 3; index += 1) void start(`read${index}`, 'other');
    void start('refund', 'money');
    await settle();
    assert.deepEqual(gate.waiting('sk_test_a'), { money: 1, other: 3 });
    mock.timers.tick(200);
    await settle();
    assert.deepEqual(passed.slice(5), ['refund'], 'the first token back goes to the refund that came after three reads');
    mock.timers.tick(1000);
    await settle();
    assert.deepEqual(passed.slice(5), ['refund', 'read1', 'read2', 'read3'], 'then the reads, in their order');
  });

  void it('at one call a second or less, reads still go: the bucket holds what a read needs', async () => {
    const gate = createStripeRateGate();
    const { passed, start } = recorder(gate, 0.5);
    void start('read1', 'other');
    void start('read2', 'other');
    await settle();
    assert.deepEqual(passed, ['read1']);
    for (let step = 0; step < 4; step += 1) {
      mock.timers.tick(500);
      await settle();
    }
    assert.deepEqual(passed, ['read1', 'read2'], 'one token back every two seconds');
  });

  void it("stops waiting when the call's step gives up, and the place goes to the next", async () => {
    const gate = createStripeRateGate();
    const { passed, start } = recorder(gate, 1);
    await start('first', 'money');
    await start('second', 'money');
    const abandoned = new AbortController();
    const given = start('abandoned', 'money', abandoned.signal);
    void start('next', 'money');
    abandoned.abort(new Error('step timed out'));
    await assert.rejects(given, /step timed out/);
    mock.timers.tick(1000);
    await settle();
    assert.deepEqual(passed, ['first', 'second', 'next']);
    const early = new AbortController();
    early.abort(new Error('gone already'));
    await assert.rejects(gate.pass('sk_test_a', 1, 'other', early.signal), /gone already/);
  });

  void it("sends the SDK's requests through the gate with the kind of the step that makes them", async () => {
    const seen: string[] = [];
    const gate = {
      pass: (_account: string, _perSecond: number, kind: StripeCallKind) => {
        seen.push(kind);
        return Promise.resolve();
      },
    };
    const inner = { getClientName: () => 'inner', makeRequest: () => Promise.resolve('answer' as never) };
    const client = gatedHttpClient(inner, gate, 'sk_test_a', 10);
    const request = () => client.makeRequest('api.stripe.com', '443', '/v1/refunds', 'POST', {}, '', 'https', 1000);
    assert.equal(await withCallKind('money', undefined, request), 'answer');
    await request();
    assert.deepEqual(seen, ['money', 'other']);
    assert.equal(client.getClientName(), 'inner');
  });
});
