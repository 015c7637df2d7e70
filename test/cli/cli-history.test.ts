/**
 * Readable history on the CLI: `runs show` leads with the path (the branch a
 * decision took, a foreach counted), the waits and the error, shows the event
 * once and folds large objects; `--verbose` shows the rest. Also `approvals
 * show` with the request's values and what approving does, `catalog list`
 * and `workflows show`.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pollUntil } from '../support/poll-until.ts';
import { cleanEnv, launchTollgate, runCli, tempDir, type RunningTollgate } from './cli-process.ts';

const DEFINITIONS = `kind: Workflow
id: big-charges
title: Big charges
trigger: { type: event, event: charge.succeeded }
steps:
  - id: size
    type: decision
    branches:
      - when: object.amount >= 100000
        next: keep
    otherwise: done
  - id: keep
    type: set
    values: { charge_copy: "{{ object }}", orders: [{ id: o1 }, { id: o2 }, { id: o3 }] }
  - id: each
    type: foreach
    items: orders
    as: order
    steps:
      - { id: mark, type: set, values: { seen: "{{ order.id }}" } }
  - id: pause
    type: wait
    for: 2d
  - { id: done, type: end, outcome: Done }
---
kind: Workflow
id: broken
trigger: { type: manual }
steps:
  - id: later
    type: wait
    until: "'soon'"
  - { id: done, type: end, outcome: Done }
---
kind: Team
id: finance
members: [{ email: fin@example.com }]
---
kind: Workflow
id: refund-request
trigger:
  type: form
  form:
    - { key: amount, label: Refund amount, type: money, required: true, min: 0.01 }
    - { key: reason, type: select, options: [duplicate, fraud], required: true }
steps:
  - id: review
    type: approval
    title: Finance review
    assignee: { team: finance }
    timeout: 3d
    on: { approved: refunded, rejected: denied }
  - { id: refunded, type: end, outcome: Refunded }
  - { id: denied, type: end, outcome: Denied }
---
kind: Workflow
id: sign-off
trigger: { type: manual }
steps:
  - id: sign_off
    type: approval
    assignee: { team: finance }
    timeout: 3d
    on_timeout: manual_check
    on: { approved: second_look, rejected: manual_check }
  - id: second_look
    type: approval
    assignee: { users: [fin@example.com] }
    on: { approved: done, rejected: manual_check }
  - { id: done, type: end, outcome: Done }
  - { id: manual_check, type: end, outcome: Checked }
---
kind: Service
id: billing
title: Billing
offerings:
  - { id: refund, title: Refund, workflow: refund-request }
`;

const data = tempDir();
const files = tempDir();
let tollgate: RunningTollgate;
const env = cleanEnv({ TOLLGATE_AUTH: 'off' });
const cli = (...args: string[]) => runCli([...args, '--server', tollgate.url], { env });

before(async () => {
  writeFileSync(join(files.path, 'definitions.yaml'), DEFINITIONS);
  tollgate = await launchTollgate(['start', '--port', '0', '--data', data.path, '--no-examples', '-f', join(files.path, 'definitions.yaml')], { env });
});

after(async () => {
  if (tollgate.child.exitCode === null) await tollgate.stop();
  data.remove();
  files.remove();
});

interface RunListAnswer {
  runs: { id: string; status: string }[];
}

void test('runs show leads with the path and the wait, shows the event once, folds a large object; --verbose shows the rest', async () => {
  const sent = await fetch(`${tollgate.url}/api/v1/sandbox/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'charge.succeeded', amount: 150000, currency: 'usd' }),
  });
  assert.equal(sent.status, 201, await sent.clone().text());
  const event = (await sent.json()) as { event: { id: string } };
  const runs = await pollUntil(
    async () => JSON.parse((await cli('runs', 'list', '--workflow', 'big-charges', '--json')).stdout) as RunListAnswer,
    (answer) => answer.runs.some((run) => run.status === 'waiting'),
    { what: 'the big-charges run waits on its timer', intervalMs: 200 },
  );
  const runId = runs.runs[0]?.id ?? '';

  const shown = await cli('runs', 'show', runId);
  assert.equal(shown.code, 0, shown.stderr);
  const text = shown.stdout;
  assert.match(text, /^status +waiting$/m);
  assert.match(text, /^ {2}1\. +size +decision +succeeded +→ keep \(when object\.amount >= 100000\)$/m, text);
  assert.match(text, /^ {2}3\. +each +foreach +succeeded +3 items: 3 succeeded$/m, text);
  assert.match(text, /^ {2}pause: a timer, wakes \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ \(in 1d 23h\)$/m, text);
  assert.match(text, /^ {2}amount {4}1,500\.00 USD$/m, text);
  assert.match(text, /^ {2}object {4}ch_\S+ \(charge\)$/m, text);
  assert.match(text, /^ {2}customer {2}cus_\S+$/m, text);
  assert.equal(text.split(event.event.id).length - 1, 1, `the event id appears once:\n${text}`);
  assert.match(text, /^ {2}charge_copy: \{id: ch_\S+, object: charge, .*… \d+ more fields, see --verbose\}$/m, text);
  assert.doesNotMatch(text, /balance_transaction/, 'fields of the folded charge are left out');

  const verbose = await cli('runs', 'show', runId, '--verbose');
  assert.equal(verbose.code, 0, verbose.stderr);
  assert.match(verbose.stdout, /^ {4}balance_transaction: /m, 'every variable in full');
  assert.match(verbose.stdout, /^step attempts$/m);
  assert.match(verbose.stdout, /^ {2}each\/2\/mark \(set\) attempt 1: succeeded/m, 'nested attempts too');
  assert.match(verbose.stdout, /^ {4}input:\n {6}until: /m, "the wait's input");

  const json = JSON.parse((await cli('runs', 'show', runId, '--json')).stdout) as { steps: unknown[]; path: { step: string }[]; waits: { kind: string }[] };
  assert.deepEqual(json.path.map((entry) => entry.step), ['size', 'keep', 'each', 'pause']);
  assert.deepEqual(json.waits.map((wait) => wait.kind), ['timer']);
  assert.ok(json.steps.length >= 7, 'the full journal, nested steps included');
});

void test('runs show names the failed step and error and says how to retry; run --wait prints the same summary', async () => {
  const waited = await cli('run', 'broken', '--wait');
  assert.equal(waited.code, 1, waited.stderr);
  const runId = /^run +(\S+)$/m.exec(waited.stdout)?.[1] ?? '';
  assert.match(waited.stdout, /^status +failed$/m);
  assert.equal(waited.stderr, '', 'no progress lines when stderr is not a terminal');
  const shown = await cli('runs', 'show', runId);
  assert.match(shown.stdout, /^error +step later: .*\(wait_until_invalid\)$/m, shown.stdout);
  assert.match(shown.stdout, new RegExp(`^what to do +.*\`tollgate runs retry ${runId}\` runs it again from later$`, 'm'));
  assert.match(shown.stdout, /^ {2}1\. +later +wait +failed +.*wait_until_invalid/m);
  assert.match(shown.stdout, /^trigger +manual, by admin@localhost$/m, 'a run started through the API names who started it');
});

void test("approvals show gives the request's values, the deadline and what approving will do", async () => {
  const submitted = await cli('requests', 'submit', 'refund', '--field', 'amount=12.5 usd', '--field', 'reason=fraud', '--requester', 'pat@example.com', '--json');
  assert.equal(submitted.code, 0, submitted.stderr);
  const { run } = JSON.parse(submitted.stdout) as { run: { id: string } };
  const tasks = await pollUntil(
    async () => (JSON.parse((await cli('approvals', 'list', '--json')).stdout) as { approvals: { id: string; run: string }[] }).approvals,
    (list) => list.some((task) => task.run === run.id),
    { what: 'the finance review opened', intervalMs: 200 },
  );
  const taskId = tasks.find((task) => task.run === run.id)?.id ?? '';
  const shown = await cli('approvals', 'show', taskId);
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, /^ {2}Refund amount {2}12\.50 USD$/m, shown.stdout);
  assert.match(shown.stdout, /^ {2}reason {9}fraud$/m);
  assert.match(shown.stdout, /^deadline +\d{4}-.*: then it is rejected automatically$/m);
  assert.match(shown.stdout, /^approving will\n {2}1\. end the run: succeeded, outcome Refunded$/m);
  assert.match(shown.stdout, /^approvers emailed\n {2}first notice to fin@example\.com: kept in the outbox, not emailed \(no smtp connector\)$/m);

  const runShown = await cli('runs', 'show', run.id);
  assert.match(runShown.stdout, new RegExp(`^ {2}review: approval ${taskId} by fin@example\\.com \\(team finance\\); times out .*\\(in 2d 23h\\)`, 'm'), runShown.stdout);
  assert.match(runShown.stdout, /^trigger +form: request req_\S+ for billing\/refund by pat@example\.com$/m);
});

void test('approvals show names steps without a title by their ids in words', async () => {
  const started = await cli('run', 'sign-off');
  assert.equal(started.code, 0, started.stderr);
  const runId = /^started run (\S+) /m.exec(started.stdout)?.[1] ?? '';
  const tasks = await pollUntil(
    async () => (JSON.parse((await cli('approvals', 'list', '--json')).stdout) as { approvals: { id: string; run: string; title: string }[] }).approvals,
    (list) => list.some((task) => task.run === runId),
    { what: 'the sign-off opened', intervalMs: 200 },
  );
  const task = tasks.find((candidate) => candidate.run === runId);
  assert.equal(task?.title, 'Sign off');
  const shown = await cli('approvals', 'show', task.id);
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, /^deadline +\d{4}-.*: then the run goes on to Manual check$/m, shown.stdout);
  assert.match(shown.stdout, /^approving will\n {2}1\. ask for another approval: Second look \(fin@example\.com\)$/m);
});

void test('catalog list shows each offering and its form fields; workflows show gives the trigger, versions, step tree and last runs', async () => {
  const catalog = await cli('catalog', 'list');
  assert.equal(catalog.code, 0, catalog.stderr);
  assert.match(catalog.stdout, /^Billing \(billing\)$/m);
  assert.match(catalog.stdout, /^ {2}refund {2}Refund {2}\(runs refund-request v1\)$/m, catalog.stdout);
  assert.match(catalog.stdout, /^ {4}amount {2}money, required, "Refund amount", at least 0\.01$/m);
  assert.match(catalog.stdout, /^ {4}reason {2}select: duplicate \| fraud, required$/m);

  const shown = await cli('workflows', 'show', 'big-charges');
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, /^trigger +event charge\.succeeded$/m);
  assert.match(shown.stdout, /^ {2}v1 {2}\d{4}-/m);
  assert.match(shown.stdout, /^ {2}size {2}decision\n {4}when object\.amount >= 100000 → keep\n {4}otherwise → done$/m, shown.stdout);
  assert.match(shown.stdout, /^ {2}each {2}foreach {2}each order in orders\n {4}mark {2}set {2}seen$/m);
  assert.match(shown.stdout, /^last runs\n {2}ID +VERSION +STATUS/m);
  const missing = await cli('workflows', 'show', 'nope');
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /workflow_not_found/);
});
