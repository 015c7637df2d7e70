import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Stripe from 'stripe';
import { cleanEnv, launchTollgate, runCli, tempDir, type RunningTollgate } from './cli-process.ts';

const GREET = `kind: Workflow
id: greet
trigger: { type: manual }
steps:
  - id: hello
    type: set
    values: { greeting: hello }
  - id: done
    type: end
    outcome: Greeted
`;

void test('serve takes runs without running them; a separate worker on the same database runs them', async () => {
  const data = tempDir();
  const file = join(data.path, 'greet.yaml');
  writeFileSync(file, GREET);
  const server = await launchTollgate(['serve', '--port', '0', '--data', data.path]);
  let worker: RunningTollgate | undefined;
  try {
    assert.match(server.banner, /no worker/);
    const cli = (...args: string[]) => runCli([...args, '--server', server.url]);
    assert.equal((await cli('apply', '-f', file)).code, 0);
    const queued = await cli('run', 'greet', '--json');
    assert.equal(queued.code, 0, queued.stderr);
    const id: string = JSON.parse(queued.stdout).run.id;
    const idle = await cli('runs', 'show', id, '--json');
    assert.equal(JSON.parse(idle.stdout).run.status, 'running', 'no worker: the run stays queued');

    worker = await launchTollgate(['worker'], { env: cleanEnv({ TOLLGATE_DATA: data.path }) });
    assert.match(worker.banner, /worker is running/);
    const done = await cli('run', 'greet', '--wait', '--timeout', '20s', '--json');
    assert.equal(done.code, 0, done.stdout + done.stderr);
    assert.equal(JSON.parse(done.stdout).run.variables.greeting, 'hello');

    const [workerExit, serverExit] = await Promise.all([worker.stop('SIGINT'), server.stop('SIGTERM')]);
    assert.deepEqual([workerExit.code, serverExit.code], [0, 0]);
  } finally {
    if (server.child.exitCode === null) await server.stop('SIGKILL');
    if (worker?.child.exitCode === null) await worker.stop('SIGKILL');
    data.remove();
  }
});

const ON_PAYMENT = `kind: Workflow
id: on-payment
trigger: { type: event, event: payment_intent.succeeded }
steps:
  - id: done
    type: end
    outcome: Seen
`;

void test('serve and worker take Stripe from STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET, as start does', async () => {
  const data = tempDir();
  const file = join(data.path, 'on-payment.yaml');
  writeFileSync(file, ON_PAYMENT);
  const secret = 'whsec_serve_worker_test';
  const env = cleanEnv({ TOLLGATE_DATA: data.path, STRIPE_SECRET_KEY: 'sk_test_serve_worker', STRIPE_WEBHOOK_SECRET: secret, TOLLGATE_STRIPE_RECOVERY: 'off' });
  const server = await launchTollgate(['serve', '--port', '0'], { env });
  let worker: RunningTollgate | undefined;
  try {
    assert.match(server.banner, /stripe {5}Stripe API \(test mode\), events by webhook/);
    assert.equal((await runCli(['apply', '-f', file, '--server', server.url], { env })).code, 0);
    const payload = JSON.stringify({
      id: 'evt_serve_1',
      object: 'event',
      type: 'payment_intent.succeeded',
      api_version: '2024-06-20',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      data: { object: { id: 'pi_serve_1', object: 'payment_intent', amount: 1000, currency: 'usd' } },
    });
    const delivered = await fetch(`${server.url}/webhooks/stripe/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret }) },
      body: payload,
    });
    assert.equal(delivered.status, 200, await delivered.text());

    worker = await launchTollgate(['worker'], { env });
    assert.match(worker.banner, /stripe {5}Stripe API \(test mode\)/);
    const events = await runCli(['events', 'list', '--json', '--server', server.url], { env });
    assert.equal(events.code, 0, events.stderr);
    assert.match(events.stdout, /evt_serve_1/);
  } finally {
    await server.stop('SIGKILL');
    if (worker !== undefined) await worker.stop('SIGKILL');
    data.remove();
  }
});

void test('serve without STRIPE_SECRET_KEY says Stripe is not set up; polling without it fails before anything starts', async () => {
  const data = tempDir();
  try {
    const env = cleanEnv({ TOLLGATE_DATA: data.path, TOLLGATE_STRIPE_RECOVERY: 'off' });
    const server = await launchTollgate(['serve', '--port', '0'], { env });
    const ended = await server.stop('SIGTERM');
    assert.match(ended.stdout, /stripe {5}none: STRIPE_SECRET_KEY is unset and no stripe Connector is applied/);

    const polling = await runCli(['serve', '--port', '0'], { env: { ...env, TOLLGATE_STRIPE_EVENTS: 'poll' } });
    assert.equal(polling.code, 1);
    assert.match(polling.stderr, /TOLLGATE_STRIPE_EVENTS=poll reads the Stripe Events API, which needs STRIPE_SECRET_KEY/);
  } finally {
    data.remove();
  }
});
