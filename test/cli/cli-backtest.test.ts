import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parse } from 'yaml';
import { pollUntil } from '../support/poll-until.ts';
import { cleanEnv, launchTollgate, REPO_ROOT, runCli, tempDir, type RunningTollgate } from './cli-process.ts';

const data = tempDir();
let tollgate: RunningTollgate | undefined;

after(async () => {
  if (tollgate !== undefined && tollgate.child.exitCode === null) await tollgate.stop('SIGKILL');
  data.remove();
});

interface BacktestJson {
  status: string;
  progress: { done: number; total: number };
  report: { events: number; runs: number; effects: { operation: string; count: number; money: { currency: string; amount: number }[] }[]; summary: string };
}

void test('tollgate backtest replays sandbox fraud warnings through the draft and reports the refund total of the charges under 15 USD', async () => {
  tollgate = await launchTollgate(['start', '--port', '0', '--data', data.path, '--no-examples']);
  const server = tollgate.url;
  const sandbox = /sandbox at (http:\/\/\S+)/.exec(tollgate.banner)?.[1];
  assert.ok(sandbox, tollgate.banner);
  const draft = join(data.path, 'fraud-warning-refund.yaml');
  copyFileSync(join(REPO_ROOT, 'examples/fraud-warning-refund.yaml'), draft);
  const team = join(data.path, 'team.yaml');
  writeFileSync(team, 'kind: Team\nid: risk\nmembers: [{ email: sam@example.com }]\n');
  const applied = await runCli(['apply', '-f', team, '--server', server], { env: cleanEnv() });
  assert.equal(applied.code, 0, applied.stderr);

  // Charges of 10, 14 and 50 USD, each with an early fraud warning: two are under the 15 USD dispute fee.
  for (const amount of ['1000', '1400', '5000']) {
    const fired = await runCli(['stripe', 'trigger', 'radar.early_fraud_warning.created', '--amount', amount, '--sandbox', sandbox, '--json'], { env: cleanEnv() });
    assert.equal(fired.code, 0, fired.stderr);
  }
  await pollUntil(
    async () => {
      const listed = await runCli(['events', 'list', '--json', '--type', 'radar.early_fraud_warning.created', '--server', server], { env: cleanEnv() });
      return (JSON.parse(listed.stdout) as { events: unknown[] }).events.length;
    },
    (count) => count === 3,
    { what: 'the three fraud warnings to be received' },
  );

  const json = await runCli(['backtest', '-f', draft, '--since', '1h', '--live-reads', '--server', server, '--json'], { env: cleanEnv() });
  assert.equal(json.code, 0, json.stderr);
  const backtest = JSON.parse(json.stdout) as BacktestJson;
  assert.equal(backtest.status, 'completed');
  assert.deepEqual(backtest.progress, { done: 3, total: 3 });
  assert.equal(backtest.report.runs, 3);
  const refunds = backtest.report.effects.find((effect) => effect.operation === 'stripe.refunds.create');
  assert.deepEqual(refunds?.money, [{ currency: 'usd', amount: 2400 }]);
  assert.equal(backtest.report.summary, 'would refund 2 charges, 24.00 USD; would email team risk 1 time');

  const text = await runCli(['backtest', '-f', draft, '--last', '2', '--live-reads', '--server', server], { env: cleanEnv() });
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /over 2 stored radar\.early_fraud_warning\.created events/);
  assert.match(text.stdout, /2 runs would start/);

  // The drill-down: one would-be run in detail, against a stored event.
  const listed = await runCli(['events', 'list', '--json', '--type', 'radar.early_fraud_warning.created', '--server', server], { env: cleanEnv() });
  const oldest = (JSON.parse(listed.stdout) as { events: { id: string }[] }).events.at(-1)!.id;
  const preview = await runCli(['preview', '-f', draft, '--event', oldest, '--live-reads', '--server', server], { env: cleanEnv() });
  assert.equal(preview.code, 0, preview.stderr);
  assert.match(preview.stdout, /run: completed; path charge -> below_dispute_fee -> refund -> done/);
  assert.match(preview.stdout, /refund \(stripe\.refunds\.create\) succeeded, simulated/);
  assert.match(preview.stdout, /would do: would refund x1/);

  const refused = await runCli(['backtest', '-f', draft, '--last', 'ten', '--server', server], { env: cleanEnv() });
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /"ten" is not a whole number/);

  // Nothing was refunded for real: the sandbox has no refunds.
  const refundsInSandbox = await fetch(`${sandbox}/v1/refunds`, { headers: { authorization: 'Bearer sk_test_tollgate_sandbox' } });
  assert.deepEqual(((await refundsInSandbox.json()) as { data: unknown[] }).data, []);
});

void test('in sandbox mode a draft runs for real against the sandbox: the customer is tagged and the mail reaches the outbox, yet no run enters the history', async () => {
  assert.ok(tollgate, 'the first test started Tollgate');
  const server = tollgate.url;
  const sandbox = /sandbox at (http:\/\/\S+)/.exec(tollgate.banner)?.[1];
  assert.ok(sandbox, tollgate.banner);
  const key = readFileSync(join(data.path, 'cli-api-key'), 'utf8').trim();
  const api = (path: string, body?: unknown) =>
    fetch(`${server}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const sandboxApi = (path: string, form?: string) =>
    fetch(`${sandbox}${path}`, {
      method: form === undefined ? 'GET' : 'POST',
      headers: { authorization: 'Bearer sk_test_tollgate_sandbox', ...(form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }) },
      ...(form === undefined ? {} : { body: form }),
    });
  const customer = (await (await sandboxApi('/v1/customers', 'email=vip%40example.com')).json()) as { id: string };
  const definition = parse(readFileSync(join(REPO_ROOT, 'examples/tag-valuable-customers.yaml'), 'utf8').split(/^---$/m)[0]!) as Record<string, unknown>;
  const fulfillment = join(data.path, 'fulfillment.yaml');
  writeFileSync(fulfillment, 'kind: Team\nid: fulfillment\nmembers: [{ email: pat@example.com }]\n');
  assert.equal((await runCli(['apply', '-f', fulfillment, '--server', server], { env: cleanEnv() })).code, 0);
  const event = { type: 'payment_intent.succeeded', data: { object: { id: 'pi_for_real', object: 'payment_intent', amount: 250000, currency: 'usd', customer: customer.id } } };
  const runsBefore = ((await (await api('/api/v1/runs')).json()) as { runs: unknown[] }).runs.length;

  const answer = await api('/api/v1/preview', { definition, event, effects: 'sandbox' });
  assert.equal(answer.status, 200, await answer.clone().text());
  const preview = ((await answer.json()) as { preview: { run: { status: string; path: string[]; steps: { step: string; effect: string }[] } } }).preview;
  assert.equal(preview.run.status, 'completed');
  assert.deepEqual(preview.run.path, ['email_team', 'is_vip', 'tag_vip', 'done']);
  assert.deepEqual(preview.run.steps.filter((step) => step.effect === 'sandbox').map((step) => step.step), ['email_team', 'tag_vip']);

  const tagged = (await (await sandboxApi(`/v1/customers/${customer.id}`)).json()) as { metadata: Record<string, string> };
  assert.deepEqual(tagged.metadata, { Tier: 'VIP' });
  const outbox = (await (await api('/api/v1/outbox')).json()) as { messages: { subject: string }[] };
  assert.ok(outbox.messages.some((message) => message.subject === 'Handwritten note for order pi_for_real'), JSON.stringify(outbox.messages.map((message) => message.subject)));
  assert.equal(((await (await api('/api/v1/runs')).json()) as { runs: unknown[] }).runs.length, runsBefore, 'a draft run for real leaves no run in the history');
});
