import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pollUntil } from '../support/poll-until.ts';
import { cleanEnv, deadServerUrl, launchTollgate, REPO_ROOT, runCli, tempDir, type RunningTollgate } from './cli-process.ts';

const SANDBOX_KEY = 'sk_test_tollgate_sandbox';
const data = tempDir();
let tollgate: RunningTollgate | undefined;

after(async () => {
  if (tollgate !== undefined && tollgate.child.exitCode === null) console.log((await tollgate.stop('SIGKILL')).stderr);
  data.remove();
});

interface Status {
  endpoints: Array<{ id: string; url: string; secret: string }>;
  deliveries: { pending: number; succeeded: number; failed: number; oldest_pending: { attempts: number; last_error: string | null } | null };
  objects: { total: number };
}

function sandboxUrlOf(running: RunningTollgate): string {
  const url = /sandbox at (http:\/\/\S+)/.exec(running.banner)?.[1];
  assert.ok(url, running.banner);
  return url;
}

async function control<T>(sandboxUrl: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${sandboxUrl}${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: response.status, body: (await response.json()) as T };
}

async function stripeApi<T>(sandboxUrl: string, method: string, path: string, form?: Record<string, string>): Promise<T> {
  const response = await fetch(`${sandboxUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${SANDBOX_KEY}`, ...(form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }) },
    ...(form === undefined ? {} : { body: new URLSearchParams(form).toString() }),
  });
  assert.equal(response.status, 200, `${method} ${path}`);
  return (await response.json()) as T;
}

async function receivedEventIds(serverUrl: string): Promise<string[]> {
  const listed = await runCli(['events', 'list', '--json', '--limit', '200', '--server', serverUrl], { env: cleanEnv() });
  assert.equal(listed.code, 0, listed.stderr);
  return (JSON.parse(listed.stdout) as { events: Array<{ id: string }> }).events.map((event) => event.id);
}

const start = () => launchTollgate(['start', '--port', '0', '--data', data.path, '--no-examples']);

void test('events whose delivery had not succeeded when tollgate start was killed are delivered after the restart, each once, signed with the same secret', async () => {
  tollgate = await start();
  const sandbox = sandboxUrlOf(tollgate);
  const before = (await control<Status>(sandbox, 'GET', '/_sandbox/status')).body;
  assert.equal(before.endpoints.length, 1, 'tollgate start delivers to one endpoint');
  const endpoint = before.endpoints[0];
  assert.ok(endpoint);
  // The receiver goes away: every delivery fails and waits for its next retry.
  await stripeApi(sandbox, 'POST', `/v1/webhook_endpoints/${endpoint.id}`, { url: `${await deadServerUrl()}/webhooks/stripe/stripe` });

  const fromCli = await runCli(['stripe', 'trigger', 'charge.dispute.created', '--amount', '4200', '--sandbox', sandbox, '--json'], { env: cleanEnv() });
  assert.equal(fromCli.code, 0, fromCli.stderr);
  const dispute = JSON.parse(fromCli.stdout) as { type: string; data: { object: { object: string; charge: string; amount: number } } };
  assert.equal(dispute.type, 'charge.dispute.created');
  assert.equal(dispute.data.object.object, 'dispute');
  assert.equal(dispute.data.object.amount, 4200);
  assert.match(dispute.data.object.charge, /^ch_/);
  // A fraud warning on that very charge: what an approver's review asks Stripe about.
  const onCharge = await runCli(['stripe', 'trigger', 'radar.early_fraud_warning.created', '--charge', dispute.data.object.charge, '--sandbox', sandbox], { env: cleanEnv() });
  assert.equal(onCharge.code, 0, onCharge.stderr);
  assert.match(onCharge.stdout, /^fired radar\.early_fraud_warning\.created evt_\w+ \(radar\.early_fraud_warning issfr_\w+\)/);
  const warnings = await stripeApi<{ data: { actionable: boolean }[] }>(sandbox, 'GET', `/v1/radar/early_fraud_warnings?charge=${dispute.data.object.charge}`);
  assert.deepEqual(warnings.data.map((warning) => warning.actionable), [false], 'on a disputed charge, a warning is not actionable');
  for (const event of ['customer.created', 'payment_intent.succeeded', 'payout.paid', 'invoice.paid', 'checkout.session.completed']) {
    const fired = await control<unknown>(sandbox, 'POST', '/_sandbox/trigger', { event });
    assert.equal(fired.status, 200, JSON.stringify(fired.body));
  }
  const sent = (await stripeApi<{ data: Array<{ id: string }> }>(sandbox, 'GET', '/v1/events?limit=100')).data.map((event) => event.id);
  assert.ok(sent.length >= 10, `the triggers emitted ${sent.length} events`);

  const queued = await pollUntil(
    () => control<Status>(sandbox, 'GET', '/_sandbox/status'),
    ({ body }) => body.deliveries.pending === sent.length && (body.deliveries.oldest_pending?.attempts ?? 0) >= 1,
    { what: 'every delivery is pending after a failed attempt' },
  );
  assert.equal(queued.body.deliveries.succeeded, 0);
  const status = await runCli(['stripe', 'status', '--sandbox', sandbox], { env: cleanEnv() });
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stdout, new RegExp(`^deliveries  ${sent.length} pending, 0 failed, 0 succeeded$`, 'm'));
  assert.match(status.stdout, /oldest pending: .*last error: /);
  assert.match(endpoint.secret, /^whsec_.{4}….{4}$/, 'the status masks the secret');
  assert.ok(status.stdout.includes(endpoint.secret), status.stdout);
  await tollgate.stop('SIGKILL');

  tollgate = await start();
  const server = tollgate.url;
  const received = await pollUntil(() => receivedEventIds(server), (ids) => ids.length >= sent.length, { what: 'every queued event reached Tollgate after the restart' });
  await pollUntil(() => control<Status>(sandboxUrlOf(tollgate as RunningTollgate), 'GET', '/_sandbox/status'), ({ body }) => body.deliveries.pending === 0, { what: 'the queue drained' });
  const final = await receivedEventIds(server);
  assert.deepEqual([...final].sort(), [...sent].sort(), 'every event once, none twice');
  assert.ok(received.every((id) => sent.includes(id)));
  const after = (await control<Status>(sandboxUrlOf(tollgate), 'GET', '/_sandbox/status')).body;
  assert.deepEqual(after.endpoints.map((e) => [e.id, e.secret]), [[endpoint.id, endpoint.secret]], 'the same endpoint and secret');
  assert.equal(after.endpoints[0]?.url, `${server}/webhooks/stripe/stripe`);
  assert.equal(after.deliveries.failed, 0);
});

void test('an unknown event type gets a did-you-mean; a data.object in --event-file is sent as is', async () => {
  assert.ok(tollgate);
  const sandbox = sandboxUrlOf(tollgate);
  const typo = await runCli(['stripe', 'trigger', 'charge.dispute.create', '--sandbox', sandbox], { env: cleanEnv() });
  assert.equal(typo.code, 1);
  assert.match(typo.stderr, /"charge\.dispute\.create" is not a Stripe event type \(did you mean "charge\.dispute\.created"\?\)/);

  const file = join(data.path, 'payout.yaml');
  writeFileSync(file, 'object: payout\nid: po_from_file\namount: 777\ncurrency: eur\nstatus: failed\n');
  const sent = await runCli(['stripe', 'trigger', 'payout.failed', '--event-file', file, '--sandbox', sandbox, '--json'], { env: cleanEnv() });
  assert.equal(sent.code, 0, sent.stderr);
  const event = JSON.parse(sent.stdout) as { id: string; type: string; api_version: string; data: { object: Record<string, unknown> } };
  assert.equal(event.type, 'payout.failed');
  assert.match(event.id, /^evt_/);
  assert.ok(event.api_version);
  assert.deepEqual(event.data.object, { object: 'payout', id: 'po_from_file', amount: 777, currency: 'eur', status: 'failed' });
  await pollUntil(() => receivedEventIds(tollgate?.url ?? ''), (ids) => ids.includes(event.id), { what: 'the event from the file reached Tollgate' });
});

void test('a refund whose answer is lost to an injected 500 (after processing) is made exactly once by the run', async () => {
  assert.ok(tollgate);
  const sandbox = sandboxUrlOf(tollgate);
  const applied = await runCli(['apply', '-f', join(REPO_ROOT, 'examples', 'fraud-warning-refund.yaml'), '--server', tollgate.url], { env: cleanEnv() });
  assert.equal(applied.code, 0, applied.stderr);

  const invalid = await control<{ error: { param: string; message: string } }>(sandbox, 'POST', '/_sandbox/faults', { count: 1, status: 418 });
  assert.equal(invalid.status, 400);
  assert.equal(invalid.body.error.param, 'status');
  assert.match(invalid.body.error.message, /500, 429, 502, 503, 504/);
  const queued = await control<{ data: unknown[] }>(sandbox, 'POST', '/_sandbox/faults', { count: 1, status: 500, after_processing: true, method: 'POST', path: '/v1/refunds' });
  assert.equal(queued.status, 200, JSON.stringify(queued.body));
  assert.deepEqual((await control<{ data: unknown[] }>(sandbox, 'GET', '/_sandbox/faults')).body.data, [{ count: 1, status: 500, after_processing: true, method: 'POST', path: '/v1/refunds' }]);

  const fired = await control<{ data: { object: { charge: string } } }>(sandbox, 'POST', '/_sandbox/trigger', { event: 'radar.early_fraud_warning.created', amount: 900 });
  const charge = fired.body.data.object.charge;
  const runs = await pollUntil(
    async () => {
      const listed = await runCli(['runs', 'list', '--workflow', 'fraud-warning-refund', '--json', '--server', tollgate?.url ?? ''], { env: cleanEnv() });
      return (JSON.parse(listed.stdout) as { runs: Array<{ status: string }> }).runs;
    },
    (list) => list.length === 1 && list[0]?.status !== 'running' && list[0]?.status !== 'pending',
    { what: 'the refund run ended' },
  );
  assert.equal(runs[0]?.status, 'succeeded');
  const refunds = await stripeApi<{ data: unknown[] }>(sandbox, 'GET', `/v1/refunds?charge=${charge}`);
  assert.equal(refunds.data.length, 1, 'money moved once');
  const requests = (await control<{ data: Array<{ method: string; path: string; idempotencyKey: string; status: number }> }>(sandbox, 'GET', '/_sandbox/requests')).body.data;
  const calls = requests.filter((r) => r.method === 'POST' && r.path === '/v1/refunds');
  assert.deepEqual(calls.map((call) => call.status), [500], 'the lost answer; the retry found the refund by its metadata instead of posting again');
  assert.ok(requests.some((r) => r.method === 'GET' && r.path === '/v1/refunds'), 'the retry looked the refund up');
  assert.deepEqual((await control<{ data: unknown[] }>(sandbox, 'GET', '/_sandbox/faults')).body.data, [], 'the fault was used');
});

void test('tollgate start with TOLLGATE_SANDBOX_PORT taken says so, names the variable, exits 1 and leaves no database', async () => {
  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const address = busy.address();
  assert.ok(address !== null && typeof address !== 'string');
  const fresh = join(data.path, 'busy');
  try {
    const result = await runCli(['start', '--port', '0', '--data', fresh, '--no-examples'], { env: cleanEnv({ TOLLGATE_SANDBOX_PORT: String(address.port) }) });
    assert.equal(result.code, 1);
    assert.match(result.stderr, new RegExp(`^error: port ${address.port} of the Stripe sandbox is in use.*TOLLGATE_SANDBOX_PORT.*\\(port_in_use\\)\\n$`));
    assert.doesNotMatch(result.stderr, /bug in Tollgate/);
    assert.equal(existsSync(join(fresh, 'tollgate.db')), false);
  } finally {
    await new Promise<void>((resolve) => busy.close(() => resolve()));
  }
});

void test('tollgate stripe finds the sandbox at TOLLGATE_SANDBOX_URL, --sandbox over it; a wrong URL is named as config errors name one', async () => {
  const wrong = await runCli(['stripe', 'status'], { env: cleanEnv({ TOLLGATE_SANDBOX_URL: '127.0.0.1:12111' }) });
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /TOLLGATE_SANDBOX_URL="127\.0\.0\.1:12111": an http:\/\/ or https:\/\/ URL/);
  const dead = await deadServerUrl();
  const unreachable = await runCli(['stripe', 'status'], { env: cleanEnv({ TOLLGATE_SANDBOX_URL: dead }) });
  assert.equal(unreachable.code, 1);
  assert.match(unreachable.stderr, new RegExp(`cannot reach the Stripe sandbox at ${dead.replaceAll('.', '\\.')}`));
  const flag = await runCli(['stripe', 'status', '--sandbox', 'nowhere'], { env: cleanEnv({ TOLLGATE_SANDBOX_URL: dead }) });
  assert.match(flag.stderr, /TOLLGATE_SANDBOX_URL="nowhere"/, 'the flag goes through the same check');
});
