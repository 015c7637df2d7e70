import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { StoreUnavailableError } from '../../../src/core/errors.ts';
import type { Logger } from '../../../src/core/logger.ts';
import type { RateBucketTake, RateGrant, SharedRateBucket } from '../../../src/core/shared-rate-bucket.ts';
import { stripeRateAccount } from '../../../src/connectors/stripe/stripe-rate-bucket.ts';
import { createStripeRateGate, type StripeCallKind } from '../../../src/connectors/stripe/stripe-rate-gate.ts';

/** A shared bucket whose every answer the test gives by hand, in the order it was asked. */
function handAnswered() {
  const asked: { take: RateBucketTake; answer: (grant: RateGrant) => void }[] = [];
  let answered = 0;
  const bucket: SharedRateBucket = {
    take: (take) => new Promise<RateGrant>((answer) => asked.push({ take, answer })),
  };
  /** Answers the oldest open ask; says what it asked for (money calls need 1 token, reads more). */
  const answerNext = (grant: RateGrant): StripeCallKind => {
    const ask = asked[answered];
    assert.ok(ask, 'the gate is asking the shared bucket');
    answered += 1;
    ask.answer(grant);
    return ask.take.needs === 1 ? 'money' : 'other';
  };
  return { bucket, asked, answerNext, open: () => asked.length - answered };
}

const GRANT: RateGrant = { granted: true };
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

void describe('stripe rate gate on a shared bucket', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 }));
  afterEach(() => mock.timers.reset());

  const recorder = (gate: ReturnType<typeof createStripeRateGate>) => {
    const passed: string[] = [];
    const start = (name: string, kind: StripeCallKind, signal?: AbortSignal) => gate.pass('acct', 10, kind, signal).then(() => passed.push(name));
    return { passed, start };
  };

  void it("asks the shared bucket with the money rule, one ask at a time, and a money call goes before every waiting read", async () => {
    const shared = handAnswered();
    const gate = createStripeRateGate({ shared: shared.bucket });
    const { passed, start } = recorder(gate);
    void start('read1', 'other');
    void start('read2', 'other');
    void start('money1', 'money');
    await settle();
    assert.deepEqual(shared.asked.map((ask) => ask.take), [{ bucket: 'acct', perSecond: 10, capacity: 10, needs: 3 }], 'a read needs the money share left: 1 + 2 tokens');
    assert.equal(shared.answerNext(GRANT), 'other');
    await settle();
    assert.deepEqual(passed, ['money1'], 'the token granted for a read goes to the money call that came meanwhile');
    void start('money2', 'money');
    await settle();
    assert.equal(shared.answerNext({ granted: false, retryInMs: 300 }), 'other', 'read1 was being asked for as money2 came');
    await settle();
    assert.equal(shared.answerNext(GRANT), 'money', 'money2 needs less than the refused read: asked for at once');
    await settle();
    assert.equal(shared.answerNext({ granted: false, retryInMs: 300 }), 'other');
    await settle();
    void start('money3', 'money');
    await settle();
    assert.equal(shared.open(), 1, 'a money call does not wait out the refused read\'s timer either');
    assert.equal(shared.answerNext(GRANT), 'money');
    await settle();
    assert.deepEqual(passed, ['money1', 'money2', 'money3']);
    assert.equal(shared.answerNext({ granted: false, retryInMs: 300 }), 'other');
    await settle();
    assert.deepEqual(gate.waiting('acct'), { money: 0, other: 2 });
    assert.equal(shared.open(), 0);
    mock.timers.tick(300);
    await settle();
    shared.answerNext(GRANT);
    await settle();
    shared.answerNext(GRANT);
    await settle();
    assert.deepEqual(passed, ['money1', 'money2', 'money3', 'read1', 'read2'], 'then the reads, in their order');
    assert.deepEqual(gate.waiting(), { money: 0, other: 0 });
    assert.equal(shared.open(), 0, 'nothing more is asked once nobody waits');
  });

  void it('waits as long as a refusal says, then asks again', async () => {
    const asked: number[] = [];
    const answers: RateGrant[] = [{ granted: false, retryInMs: 250 }, GRANT];
    const gate = createStripeRateGate({
      shared: {
        take: () => {
          asked.push(Date.now());
          return Promise.resolve(answers.shift() ?? GRANT);
        },
      },
    });
    const { passed, start } = recorder(gate);
    void start('read', 'other');
    await settle();
    mock.timers.tick(249);
    await settle();
    assert.deepEqual(passed, []);
    assert.deepEqual(asked, [0], 'not asked again before the refusal said');
    mock.timers.tick(1);
    await settle();
    assert.deepEqual(asked, [0, 250]);
    assert.deepEqual(passed, ['read']);
    assert.deepEqual(gate.waitedSeconds(), { money: 0, other: 0.25 });
  });

  void it('a call given up while it waits is removed and never let through; its grant goes to the next', async () => {
    const shared = handAnswered();
    const gate = createStripeRateGate({ shared: shared.bucket });
    const { passed, start } = recorder(gate);
    const first = new AbortController();
    const second = new AbortController();
    const givenUp = start('first', 'other', first.signal);
    const alsoGivenUp = start('second', 'other', second.signal);
    void start('third', 'other');
    await settle();
    first.abort(new Error('step timed out'));
    second.abort(new Error('step timed out too'));
    await assert.rejects(givenUp, /step timed out/);
    await assert.rejects(alsoGivenUp, /step timed out too/);
    assert.deepEqual(gate.waiting('acct'), { money: 0, other: 1 });
    shared.answerNext(GRANT);
    await settle();
    assert.deepEqual(passed, ['third'], 'the token asked for the first goes to the one still waiting');
    assert.equal(shared.asked.length, 1, 'nobody is asked for after');
    const early = new AbortController();
    early.abort(new Error('gone already'));
    await assert.rejects(gate.pass('acct', 10, 'money', early.signal), /gone already/);
    assert.equal(shared.asked.length, 1, 'a call given up before it came is not asked for');
  });

  void it('takes from its own bucket while the database does not answer, counts it, and asks the database again later', async () => {
    const warnings: string[] = [];
    const logger: Logger = { debug: () => undefined, info: () => undefined, error: () => undefined, warn: (_details, message) => warnings.push(message ?? '') };
    let asks = 0;
    let answer: () => Promise<RateGrant> = () => Promise.reject(new StoreUnavailableError('connect ECONNREFUSED 127.0.0.1:5432'));
    const gate = createStripeRateGate({
      shared: {
        take: () => {
          asks += 1;
          return answer();
        },
      },
      sharedTimeoutMs: 1000,
      logger,
    });
    const { passed, start } = recorder(gate);
    void start('refused', 'other');
    await settle();
    assert.deepEqual(passed, ['refused'], 'the call went on this process\'s bucket');
    assert.equal(gate.sharedFallbacks(), 1);
    assert.equal(warnings.length, 1);
    void start('meanwhile', 'money');
    await settle();
    assert.deepEqual(passed, ['refused', 'meanwhile']);
    assert.equal(asks, 1, 'for a while the database is not asked again');
    assert.equal(gate.sharedFallbacks(), 2);
    mock.timers.tick(5_000);
    answer = () => new Promise<RateGrant>(() => undefined);
    void start('hanging', 'other');
    await settle();
    assert.equal(asks, 2, 'then it is');
    assert.deepEqual(passed, ['refused', 'meanwhile'], 'waiting for its answer');
    mock.timers.tick(1000);
    await settle();
    assert.deepEqual(passed, ['refused', 'meanwhile', 'hanging'], 'no answer in time: this process\'s bucket again');
    assert.equal(gate.sharedFallbacks(), 3);
    assert.equal(warnings.length, 2);
  });

  void it('names a key\'s bucket by a digest, never the key', () => {
    const account = stripeRateAccount('sk_live_abc123');
    assert.doesNotMatch(account, /sk_live|abc123/);
    assert.equal(account, stripeRateAccount('sk_live_abc123'));
    assert.notEqual(account, stripeRateAccount('sk_live_abc124'));
  });
});
