import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Stripe from 'stripe';
import { cleanEnv, launchTollgate, runCli, tempDir, type CliResult, type RunningTollgate } from './cli-process.ts';

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

interface ServeSetup {
  data: string;
  /** greet.yaml, in the data directory. */
  file: string;
  server: RunningTollgate;
  /** A client command against the server. */
  cli: (...args: string[]) => Promise<CliResult>;
  /** Launches a worker on the server's database, stopped after the test if it still runs. */
  launchWorker: (args?: readonly string[]) => Promise<RunningTollgate>;
}

/** `serve` on a fresh data directory holding greet.yaml; the server and the workers stopped, the directory removed, after `body`. */
async function onServe(body: (setup: ServeSetup) => Promise<void>): Promise<void> {
  const data = tempDir();
  const file = join(data.path, 'greet.yaml');
  writeFileSync(file, GREET);
  const server = await launchTollgate(['serve', '--port', '0', '--data', data.path]);
  const workers: RunningTollgate[] = [];
  try {
    await body({
      data: data.path,
      file,
      server,
      cli: (...args) => runCli([...args, '--server', server.url]),
      launchWorker: async (args = []) => {
        const worker = await launchTollgate(['worker', ...args], { env: cleanEnv({ TOLLGATE_DATA: data.path }) });
        workers.push(worker);
        return worker;
      },
    });
  } finally {
    for (const running of [server, ...workers]) if (running.child.exitCode === null && running.child.signalCode === null) await running.stop('SIGKILL');
    data.remove();
  }
}

void test('serve takes runs without running them; a separate worker on the same database runs them', () =>
  onServe(async ({ file, server, cli, launchWorker }) => {
    assert.match(server.banner, /no worker/);
    assert.equal((await cli('apply', '-f', file)).code, 0);
    const queued = await cli('run', 'greet', '--json');
    assert.equal(queued.code, 0, queued.stderr);
    const id: string = JSON.parse(queued.stdout).run.id;
    const idle = await cli('runs', 'show', id, '--json');
    assert.equal(JSON.parse(idle.stdout).run.status, 'running', 'no worker: the run stays queued');

    const worker = await launchWorker();
    assert.match(worker.banner, /worker is running/);
    const done = await cli('run', 'greet', '--wait', '--timeout', '20s', '--json');
    assert.equal(done.code, 0, done.stdout + done.stderr);
    assert.equal(JSON.parse(done.stdout).run.variables.greeting, 'hello');

    const [workerExit, serverExit] = await Promise.all([worker.stop('SIGINT'), server.stop('SIGTERM')]);
    assert.deepEqual([workerExit.code, serverExit.code], [0, 0]);
  }));

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
    assert.deepEqual({ code: ended.code, signal: ended.signal }, { code: 0, signal: null }, ended.stderr);
    assert.match(ended.stdout, /stripe {5}none: STRIPE_SECRET_KEY is unset and no stripe Connector is applied/);

    const polling = await runCli(['serve', '--port', '0'], { env: { ...env, TOLLGATE_STRIPE_EVENTS: 'poll' } });
    assert.equal(polling.code, 1);
    assert.match(polling.stderr, /TOLLGATE_STRIPE_EVENTS=poll reads the Stripe Events API, which needs STRIPE_SECRET_KEY/);
  } finally {
    data.remove();
  }
});

void test('worker --port answers /metrics (its own steps, claims and in-flight, the process metrics) for metrics.read, and /healthz and /readyz to anyone', () =>
  onServe(async ({ data, file, server, cli, launchWorker }) => {
    const plain = await launchWorker();
    assert.match(plain.banner, /^ {2}metrics {4}none here \(give --port or TOLLGATE_WORKER_PORT/m, 'off by default');
    // Stopped the moment its banner is read: it listens for the signal before it prints the banner.
    const stopped = await plain.stop('SIGTERM');
    assert.deepEqual({ code: stopped.code, signal: stopped.signal }, { code: 0, signal: null }, stopped.stderr);

    const worker = await launchWorker(['--port', '0']);
    const url = /^ {2}metrics {4}(http:\/\/127\.0\.0\.1:\d+)\/metrics \(permission metrics\.read\)/m.exec(worker.banner)?.[1];
    assert.ok(url, worker.banner);
    assert.equal((await cli('apply', '-f', file)).code, 0);
    const done = await cli('run', 'greet', '--wait', '--timeout', '20s', '--json');
    assert.equal(done.code, 0, done.stdout + done.stderr);

    assert.deepEqual(await (await fetch(`${url}/healthz`)).json(), { status: 'ok' });
    assert.deepEqual(await (await fetch(`${url}/readyz`)).json(), { status: 'ready', store: 'sqlite' });
    assert.equal((await fetch(`${url}/metrics`)).status, 401, 'as on serve: metrics.read');
    assert.equal((await fetch(`${url}/api/v1/workflows`)).status, 404, 'no API on a worker');
    const key = readFileSync(join(data, 'cli-api-key'), 'utf8').trim();
    const scraped = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(scraped.status, 200);
    const text = await scraped.text();
    // The run was made by serve and run by this worker: its steps and its end are counted here.
    assert.match(text, /^tollgate_step_attempts_total\{type="set",status="\w+"\} 1$/m);
    assert.match(text, /^tollgate_runs_finished_total\{status="succeeded"\} 1$/m);
    assert.match(text, /^tollgate_worker_claimed_total [1-9]\d*$/m);
    assert.match(text, /^tollgate_worker_steps_in_flight 0$/m);
    assert.match(text, /^tollgate_worker_lease_expiries_total 0$/m);
    assert.match(text, /^tollgate_worker_claim_failures_total 0$/m);
    assert.match(text, /^tollgate_worker_concurrency [1-9]\d*$/m);
    assert.match(text, /^process_cpu_seconds_total /m);
    assert.match(text, /^nodejs_heap_size_used_bytes /m);

    const busy = await runCli(['worker', '--port', new URL(url).port], { env: cleanEnv({ TOLLGATE_DATA: data }) });
    assert.equal(busy.code, 1);
    assert.match(busy.stderr, /is already in use .*pick another port with --port or TOLLGATE_WORKER_PORT/);
    const [workerExit, serverExit] = await Promise.all([worker.stop('SIGTERM'), server.stop('SIGTERM')]);
    assert.deepEqual([workerExit.code, serverExit.code], [0, 0]);
  }));
