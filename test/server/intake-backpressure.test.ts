// Backpressure at the webhook intake: while the queue holds work older than
// TOLLGATE_INTAKE_MAX_LAG (here 1 s, with the worker stopped and the clock
// moved on), deliveries are answered 503 with Retry-After and store nothing;
// once the worker catches up, the same delivery is taken and its run completes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { applyDefinitions } from '../../src/application/apply-definitions.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { parseDocuments } from '../../src/definition/parse-documents.ts';
import { buildServer } from '../../src/server/build-server.ts';
import { readConfig } from '../../src/system/config.ts';
import { TollgateSystem } from '../../src/system/tollgate-system.ts';
import { createTestDatabase } from '../support/test-database.ts';
import { waitForRun } from '../support/wait-for-run.ts';

const SECRET = 'whsec_backpressure_test';

const WORKFLOWS = `
kind: Workflow
id: on-payment
trigger: { type: event, event: payment_intent.succeeded }
steps:
  - { id: keep, type: set, values: { amount: "{{ object.amount }}" } }
  - { id: done, type: end, outcome: Seen }
---
kind: Workflow
id: hook
trigger: { type: webhook }
steps:
  - { id: done, type: end, outcome: Received }
`;

function stripeDelivery(id: string) {
  const payload = JSON.stringify({ id, object: 'event', type: 'payment_intent.succeeded', created: Math.floor(Date.now() / 1000), livemode: false, data: { object: { id: `pi_${id}`, object: 'payment_intent', amount: 4200 } } });
  return { method: 'POST' as const, url: '/webhooks/stripe/stripe', headers: { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET }) }, payload };
}

const hookDelivery = { method: 'POST' as const, url: '/webhooks/workflows/hook', headers: { 'content-type': 'application/json' }, payload: '{"order":"ord_1"}' };

test('webhook deliveries are refused with 503 and Retry-After, storing nothing, while queued work waits longer than the limit', async () => {
  const database = await createTestDatabase();
  const clock = new ManualClock(new Date());
  const config = {
    ...readConfig({ TOLLGATE_INTAKE_MAX_LAG: '1s' }),
    databaseUrl: database.databaseUrl,
    dataDir: database.dataDir,
    sqliteFile: database.sqliteFile,
    sqliteSynchronous: 'NORMAL' as const,
    auth: 'off' as const,
  };
  const system = await TollgateSystem.open({
    config,
    logger: silentLogger,
    clock,
    worker: { pollMs: 20 },
    builtInConnectors: [{ id: 'stripe', type: 'stripe', config: { secret_key: 'sk_test_backpressure', webhook_secrets: [SECRET] } }],
  });
  const server = await buildServer({ app: system.app, logger: silentLogger, webRoot: false });
  try {
    await applyDefinitions(system.app, parseDocuments(WORKFLOWS));
    // The worker is not running: what the intake takes stays queued.
    const first = await server.inject(stripeDelivery('evt_first'));
    assert.equal(first.statusCode, 200, first.body);
    const hooked = await server.inject(hookDelivery);
    assert.equal(hooked.statusCode, 202, hooked.body);
    assert.equal(await system.store.countRuns({}), 2);

    // The queued work has now waited 10 s, past the 1 s limit.
    clock.advance(10_000);
    const backlog = await system.backlog.read({ fresh: true });
    assert.equal(backlog.depth, 2);

    const refused = await server.inject(stripeDelivery('evt_refused'));
    assert.equal(refused.statusCode, 503, refused.body);
    assert.equal((JSON.parse(refused.body) as { error: { code: string } }).error.code, 'intake_overloaded');
    const retryAfter = Number(refused.headers['retry-after']);
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After in seconds: ${String(refused.headers['retry-after'])}`);
    assert.equal(await system.app.events.get('evt_refused'), undefined, 'the refused event is not stored');

    const refusedHook = await server.inject(hookDelivery);
    assert.equal(refusedHook.statusCode, 503, refusedHook.body);
    assert.ok(Number(refusedHook.headers['retry-after']) >= 1);
    assert.equal(await system.store.countRuns({}), 2, 'no run was started by a refused delivery');

    const metrics = await server.inject({ method: 'GET', url: '/metrics' });
    assert.equal(metrics.statusCode, 200, metrics.body);
    assert.match(metrics.body, /^tollgate_queue_depth 2$/m);
    const age = Number(/^tollgate_queue_oldest_due_age_seconds (\S+)$/m.exec(metrics.body)?.[1]);
    assert.ok(age >= 10, `the oldest item has waited the 10 s the clock moved: ${age}`);
    assert.match(metrics.body, /^tollgate_webhook_deliveries_total\{source="stripe",result="overloaded"\} 1$/m);
    assert.match(metrics.body, /^tollgate_webhook_deliveries_total\{source="workflow",result="overloaded"\} 1$/m);
    // The Stripe rate gate's figures are there from the start (this test calls no Stripe API).
    assert.match(metrics.body, /^tollgate_stripe_calls_waiting\{kind="money"\} 0$/m);
    assert.match(metrics.body, /^tollgate_stripe_rate_wait_seconds_total\{kind="other"\} \d/m);
    assert.match(metrics.body, /^tollgate_stripe_rate_shared_fallbacks_total 0$/m);

    // The worker catches up; the sender's retry is taken and its run completes.
    await system.startWorker();
    await system.worker.idle();
    const retried = await server.inject(stripeDelivery('evt_refused'));
    assert.equal(retried.statusCode, 200, retried.body);
    const runs = (JSON.parse(retried.body) as { runs: string[] }).runs;
    assert.equal(runs.length, 1);
    const run = await waitForRun(system.store, runs[0] ?? '');
    assert.equal(run.status, 'succeeded');
    assert.equal(run.variables.amount, 4200);
    const caughtUp = await system.backlog.read({ fresh: true });
    assert.equal(caughtUp.depth, 0);
    assert.equal(caughtUp.oldestDueAt, undefined);
  } finally {
    await server.close();
    await system.close();
    await database.drop();
  }
});
