/**
 * `tollgate events recover` against `tollgate start`: with the sandbox's webhook endpoint disabled, as Stripe
 * disables one after days of failures, a payment's events never arrive; --dry-run names them, and without it they
 * are taken in and the workflow runs. Usage errors and the server's refusal read clearly.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pollUntil } from '../support/poll-until.ts';
import { cleanEnv, launchTollgate, runCli, tempDir, type RunningTollgate } from './cli-process.ts';

const SANDBOX_KEY = 'sk_test_tollgate_sandbox';
const WORKFLOW = `kind: Workflow
id: note-payments
trigger: { type: event, event: payment_intent.succeeded }
steps:
  - { id: note, type: set, values: { amount: "{{ object.amount }}" } }
`;

interface Recovered {
  scope: string;
  preview: boolean;
  missing: number;
  events: { id: string; type: string; runs: string[] }[];
}

const data = tempDir();
const files = tempDir();
let tollgate: RunningTollgate;
let sandbox = '';
const env = cleanEnv({ TOLLGATE_AUTH: 'off' });
const cli = (...args: string[]) => runCli([...args, '--server', tollgate.url], { env });

async function stripeApi<T>(method: string, path: string, form?: Record<string, string>): Promise<T> {
  const response = await fetch(`${sandbox}${path}`, {
    method,
    headers: { authorization: `Bearer ${SANDBOX_KEY}`, ...(form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }) },
    ...(form === undefined ? {} : { body: new URLSearchParams(form).toString() }),
  });
  assert.equal(response.status, 200, `${method} ${path}: ${await response.clone().text()}`);
  return (await response.json()) as T;
}

before(async () => {
  writeFileSync(join(files.path, 'note.yaml'), WORKFLOW);
  tollgate = await launchTollgate(['start', '--port', '0', '--data', data.path, '--no-examples', '-f', join(files.path, 'note.yaml')], { env });
  sandbox = /sandbox at (http:\/\/\S+)/.exec(tollgate.banner)?.[1] ?? '';
  assert.ok(sandbox, tollgate.banner);
});

after(async () => {
  if (tollgate.child.exitCode === null) await tollgate.stop();
  data.remove();
  files.remove();
});

void test('events recover names the events a disabled endpoint never got, then takes them in once', async () => {
  assert.match(tollgate.banner, /recovery\s+Stripe events not delivered are taken in from the Events API at start and every 15 min/);
  const { data: endpoints } = await stripeApi<{ data: { id: string }[] }>('GET', '/v1/webhook_endpoints');
  for (const endpoint of endpoints) await stripeApi('POST', `/v1/webhook_endpoints/${endpoint.id}`, { disabled: 'true' });
  const payment = await stripeApi<{ id: string }>('POST', '/v1/payment_intents', { amount: '4200', currency: 'usd', confirm: 'true', payment_method: 'pm_card_visa' });

  const undelivered = await cli('events', 'recover', '--since', '10m', '--dry-run', '--json');
  assert.equal(undelivered.code, 0, undelivered.stderr);
  assert.equal((JSON.parse(undelivered.stdout) as Recovered).missing, 0, 'a disabled endpoint is not tried, so Stripe counts nothing as undelivered');

  const preview = await cli('events', 'recover', '--since', '10m', '--all', '--dry-run');
  assert.equal(preview.code, 0, preview.stderr);
  assert.match(preview.stdout, /stripe: Stripe lists \d+ events from .* \d+ held already, [1-9]\d* would be taken in/);
  assert.match(preview.stdout, /payment_intent\.succeeded/);
  assert.match(preview.stdout, /to take them in: tollgate events recover --since \S+ --all/);
  const listed = await cli('runs', 'list', '--workflow', 'note-payments', '--json');
  assert.equal((JSON.parse(listed.stdout) as { runs: unknown[] }).runs.length, 0, 'a dry run starts nothing');

  const taken = await cli('events', 'recover', '--since', '10m', '--all', '--json');
  assert.equal(taken.code, 0, taken.stderr);
  const answer = JSON.parse(taken.stdout) as Recovered;
  assert.deepEqual([answer.scope, answer.preview], ['all', false]);
  const succeeded = answer.events.find((event) => event.type === 'payment_intent.succeeded');
  assert.equal(succeeded?.runs.length, 1, 'the payment started its workflow');
  const runs = await pollUntil(
    async () => (JSON.parse((await cli('runs', 'list', '--workflow', 'note-payments', '--json')).stdout) as { runs: { status: string; trigger_event?: string }[] }).runs,
    (list) => list.length === 1 && list[0]?.status === 'succeeded',
    { what: 'the recovered payment run succeeded', intervalMs: 100 },
  );
  assert.equal(runs.length, 1);
  const event = await cli('events', 'show', succeeded?.id ?? '');
  assert.match(event.stdout, /connector\s+stripe \(recovery\)/);
  assert.match(event.stdout, new RegExp(payment.id));

  const again = await cli('events', 'recover', '--since', '10m', '--all');
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /Tollgate holds every one: nothing is missing/, 'a second recovery finds them held');

  // A connected account's events are listed only to a request made as that account: --account reads them too.
  const connected = await fetch(`${sandbox}/v1/customers`, { method: 'POST', headers: { authorization: `Bearer ${SANDBOX_KEY}`, 'stripe-account': 'acct_shop1', 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=shop%40example.com' });
  assert.equal(connected.status, 200);
  const platformOnly = await cli('events', 'recover', '--since', '10m', '--all', '--dry-run');
  assert.match(platformOnly.stdout, /nothing is missing/);
  const withAccount = await cli('events', 'recover', '--since', '10m', '--all', '--dry-run', '--account', 'acct_shop1');
  assert.equal(withAccount.code, 0, withAccount.stderr);
  assert.match(withAccount.stdout, /stripe and connected account acct_shop1: Stripe lists/);
  assert.match(withAccount.stdout, /customer\.created\s+acct_shop1/);
  assert.match(withAccount.stdout, /to take them in: tollgate events recover --since \S+ --account acct_shop1 --all/);
});

void test('events recover refuses unclear input before asking, and says why the server refused', async () => {
  const noSince = await cli('events', 'recover');
  assert.notEqual(noSince.code, 0);
  assert.match(noSince.stderr, /--since <when>/);
  const badSince = await cli('events', 'recover', '--since', 'yesterday');
  assert.notEqual(badSince.code, 0);
  assert.match(badSince.stderr, /give a duration ago \(30m, 2h, 1d\) or an ISO time/);
  const tooOld = await cli('events', 'recover', '--since', '40d');
  assert.notEqual(tooOld.code, 0);
  assert.match(tooOld.stderr, /recovery_window_invalid/);
  assert.match(tooOld.stderr, /Stripe keeps events for 30 days/);
  const badAccount = await cli('events', 'recover', '--since', '10m', '--account', 'shop1');
  assert.notEqual(badAccount.code, 0);
  assert.match(badAccount.stderr, /accounts\[0\]/);
});
