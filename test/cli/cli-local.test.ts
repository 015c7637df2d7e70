import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cleanEnv, runCli, tempDir } from './cli-process.ts';

const BROKEN = `kind: Workflow
id: broken
trigger: { type: manual }
steps:
  - id: check
    type: decision
    branches:
      - when: amount > 1
        next: done
  - id: done
    type: end
`;

void test('validate passes the seed examples', async () => {
  const { code, stdout, stderr } = await runCli(['validate', '-f', 'examples']);
  assert.equal(code, 0, stdout + stderr);
  assert.match(stdout, /^valid: \d+ documents\n$/);
});

void test('validate prints each problem with file:line:col and path, exit 1; --json gives {valid, issues}', async () => {
  const dir = tempDir();
  try {
    const file = join(dir.path, 'broken.yaml');
    writeFileSync(file, BROKEN);
    const [text, json] = await Promise.all([runCli(['validate', '-f', file]), runCli(['validate', '-f', file, '--json'])]);
    assert.equal(text.code, 1);
    assert.ok(text.stdout.includes(`${file}:5:5 Workflow broken: steps[0].otherwise:`), text.stdout);
    assert.equal(json.code, 1);
    const parsed = JSON.parse(json.stdout);
    assert.equal(parsed.valid, false);
    assert.ok(parsed.issues.some((issue: { path: string }) => issue.path === 'Workflow broken: steps[0].otherwise'), json.stdout);
  } finally {
    dir.remove();
  }
});

void test('validate reports a YAML syntax error at its line, and a missing path plainly', async () => {
  const dir = tempDir();
  try {
    const file = join(dir.path, 'syntax.yaml');
    writeFileSync(file, 'kind: Workflow\nid: [unclosed\n');
    const [syntax, missing] = await Promise.all([runCli(['validate', '-f', file]), runCli(['validate', '-f', join(dir.path, 'nope.yaml')])]);
    assert.equal(syntax.code, 1);
    assert.match(syntax.stdout, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: `));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^error: .*nope\.yaml: no such file or directory/);
    assert.doesNotMatch(missing.stderr, /\n {4}at /, 'no stack trace');
  } finally {
    dir.remove();
  }
});

void test('migrate applies the migrations once, then finds the database up to date', async () => {
  const dir = tempDir();
  try {
    const first = await runCli(['migrate', '--data', dir.path], { env: cleanEnv({ TOLLGATE_LOG_LEVEL: 'debug' }) });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /0001-init\.sql/);
    // A new database's migrations are logged on stderr at debug (an upgrade's at info), each with how long it took.
    const logged = first.stderr.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { level: number; msg: string; migrations?: string[]; ms?: number });
    assert.equal(logged[0]?.msg, `applying ${logged[0]?.migrations?.length} migration(s); on a large database this may take minutes`);
    assert.equal(logged[0]?.migrations?.[0], '0001-init.sql');
    assert.ok(Number.isInteger(logged.find((line) => line.msg === 'applied migration 0001-init.sql')?.ms), first.stderr);
    assert.ok(logged.every((line) => line.level === 20), 'at debug');
    const second = await runCli(['migrate', '--json'], { env: cleanEnv({ TOLLGATE_DATA: dir.path }) });
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual(JSON.parse(second.stdout).applied, []);
    assert.doesNotMatch(second.stderr, /applying|applied/, 'an up-to-date database applies nothing');
  } finally {
    dir.remove();
  }
});

void test('start with an unreachable DATABASE_URL fails in one line that hides the password', async () => {
  const { code, stderr } = await runCli(['start', '--port', '0', '--no-examples'], { env: cleanEnv({ DATABASE_URL: 'postgres://ops:hunter2@127.0.0.1:1/tollgate' }) });
  assert.equal(code, 1);
  assert.equal(stderr.trimEnd().split('\n').length, 1, stderr);
  assert.match(stderr, /postgres:\/\/ops:\*\*\*@127\.0\.0\.1:1\/tollgate/);
  assert.doesNotMatch(stderr, /hunter2/);
});

void test('validate prints a warning (and still passes) for two workflows that move money on the same event', async () => {
  const dir = tempDir();
  try {
    const refunding = (id: string) => `kind: Workflow\nid: ${id}\ntrigger: { type: event, event: charge.dispute.created }\nsteps:\n  - { id: refund, type: action, uses: stripe.refunds.create, with: { charge: "{{ object.charge }}" } }\n`;
    const file = join(dir.path, 'twice.yaml');
    writeFileSync(file, `${refunding('first')}---\n${refunding('second')}`);
    const [text, json] = await Promise.all([runCli(['validate', '-f', file]), runCli(['validate', '-f', file, '--json'])]);
    assert.equal(text.code, 0, text.stdout + text.stderr);
    assert.ok(text.stdout.includes(`${file}:9:32 warning: Workflow second: trigger.event: this workflow and workflow "first" of this batch both start on charge.dispute.created`), text.stdout);
    assert.match(text.stdout, /valid: 2 documents, 1 warning\n$/);
    assert.equal(json.code, 0);
    const parsed = JSON.parse(json.stdout) as { valid: boolean; warnings: { severity: string }[] };
    assert.equal(parsed.valid, true);
    assert.deepEqual(parsed.warnings.map((warning) => warning.severity), ['warning']);
  } finally {
    dir.remove();
  }
});
