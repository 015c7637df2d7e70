import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { cleanEnv, launchTollgate, runCli, tempDir, type RunningTollgate } from './cli-process.ts';

const TRIAGE = `kind: Workflow
id: triage
title: Triage
trigger:
  type: manual
  input:
    - { key: amount, type: number, required: true }
steps:
  - id: size
    type: decision
    branches:
      - when: amount >= 500
        next: mark_big
    otherwise: too_small
  - id: mark_big
    type: set
    values: { size: big, doubled: "{{ amount * 2 }}" }
  - id: done
    type: end
    outcome: Sized
  - id: too_small
    type: end
    outcome: TooSmall
    status: failed
`;

const PARKED = `kind: Workflow
id: parked
trigger: { type: manual }
steps:
  - id: later
    type: wait
    for: 1h
  - id: done
    type: end
    outcome: Done
`;

// Valid YAML, but a decision without \`otherwise\`: the server refuses it.
const INVALID = `kind: Workflow
id: invalid
trigger: { type: manual }
steps:
  - id: check
    type: decision
    branches:
      - when: "true"
        next: done
  - id: done
    type: end
`;

const data = tempDir();
const files = tempDir();
let tollgate: RunningTollgate;
const cli = (...args: string[]) => runCli([...args, '--server', tollgate.url], { env: cleanEnv() });

before(async () => {
  writeFileSync(join(files.path, 'triage.yaml'), TRIAGE);
  writeFileSync(join(files.path, 'parked.yaml'), PARKED);
  writeFileSync(join(files.path, 'invalid.yaml'), INVALID);
  tollgate = await launchTollgate(['start', '--port', '0', '--data', data.path, '--no-examples', '-f', join(files.path, 'triage.yaml')]);
});

after(async () => {
  // Still running means a test failed before the SIGTERM one: show what the server logged.
  if (tollgate.child.exitCode === null) console.log((await tollgate.stop('SIGKILL')).stderr);
  data.remove();
  files.remove();
});

void test('start prints a banner with the URL, the data directory, the database and the loaded workflows', () => {
  assert.match(tollgate.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.ok(tollgate.banner.includes(`data       ${data.path}`), tollgate.banner);
  assert.ok(tollgate.banner.includes(`sqlite:${join(data.path, 'tollgate.db')}`), tollgate.banner);
  assert.match(tollgate.banner, /workflows {2}triage \(active v1\)/);
});

void test('apply publishes new workflows and leaves unchanged ones alone', async () => {
  const { code, stdout, stderr } = await cli('apply', '-f', join(files.path, 'triage.yaml'), '-f', join(files.path, 'parked.yaml'), '--json');
  assert.equal(code, 0, stderr);
  assert.deepEqual(JSON.parse(stdout).results, [
    { kind: 'Workflow', id: 'triage', action: 'unchanged', version: 1 },
    { kind: 'Workflow', id: 'parked', action: 'created', version: 1 },
  ]);
});

void test('apply of an invalid definition exits 1 and names the file, line and path of each problem', async () => {
  const { code, stderr } = await cli('apply', '-f', join(files.path, 'triage.yaml'), '-f', join(files.path, 'invalid.yaml'));
  assert.equal(code, 1);
  assert.match(stderr, /^error: .*\(definition_invalid\)\n/);
  assert.ok(stderr.includes(`  ${join(files.path, 'invalid.yaml')}:5:5 Workflow invalid: steps[0].otherwise:`), stderr);
});

void test('run --wait --json prints the succeeded run with its outcome and variables (exit 0)', async () => {
  const { code, stdout, stderr } = await cli('run', 'triage', '--input', 'amount=750', '--wait', '--json');
  assert.equal(code, 0, stderr);
  const { run, steps } = JSON.parse(stdout);
  assert.equal(run.status, 'succeeded');
  assert.equal(run.outcome, 'Sized');
  assert.equal(run.variables.size, 'big');
  assert.equal(run.variables.doubled, 1500);
  assert.deepEqual(steps.map((step: { step_id: string }) => step.step_id), ['size', 'mark_big', 'done']);
});

void test('run --wait exits 1 for a failed run and says how it ended', async () => {
  const { code, stdout } = await cli('run', 'triage', '--input-file', writeInput({ amount: 5 }), '--wait');
  assert.equal(code, 1);
  assert.match(stdout, /^status {6}failed$/m);
  assert.match(stdout, /^outcome {5}TooSmall$/m);
});

void test('run --wait gives up with exit 3 at --timeout; runs cancel ends the run', async () => {
  const waited = await cli('run', 'parked', '--wait', '--timeout', '500ms', '--json');
  assert.equal(waited.code, 3);
  const id: string = JSON.parse(waited.stdout).run.id;
  assert.match(waited.stderr, new RegExp(`run ${id} is still waiting`));
  const cancelled = await cli('runs', 'cancel', id);
  assert.equal(cancelled.code, 0, cancelled.stderr);
  assert.equal(cancelled.stdout, `run ${id} cancelled: now cancelled\n`);
});

void test('runs list --json pages the runs; runs show prints the path taken, --verbose every attempt', async () => {
  const list = await cli('runs', 'list', '--workflow', 'triage', '--json');
  assert.equal(list.code, 0, list.stderr);
  const page = JSON.parse(list.stdout);
  assert.deepEqual(page.runs.map((run: { status: string }) => run.status).sort(), ['failed', 'succeeded']);
  const succeeded = page.runs.find((run: { status: string }) => run.status === 'succeeded');
  const show = await cli('runs', 'show', succeeded.id);
  assert.equal(show.code, 0, show.stderr);
  assert.match(show.stdout, /^ {6}STEP +TYPE +STATUS +WHAT HAPPENED$/m);
  assert.match(show.stdout, /^ {2}1\. +size +decision +succeeded +→ mark_big \(when /m);
  assert.match(show.stdout, /^ {2}2\. +mark_big +set +succeeded/m);
  const verbose = await cli('runs', 'show', succeeded.id, '--verbose');
  assert.match(verbose.stdout, /^ {2}mark_big \(set\) attempt 1: succeeded/m);
});

void test('an API error prints its message and code (exit 1)', async () => {
  const { code, stderr } = await cli('runs', 'show', 'no-such-run');
  assert.equal(code, 1);
  assert.match(stderr, /^error: no run "no-such-run".*\(run_not_found\)\n$/);
});

void test('workflows list and export show what the server holds; a deactivated workflow refuses runs', async () => {
  const [list, exported] = await Promise.all([cli('workflows', 'list'), cli('export')]);
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /^triage +active +1 +1 +manual /m);
  assert.equal(exported.code, 0, exported.stderr);
  const documents = parseAllDocuments(exported.stdout).map((document) => document.toJS() as { kind: string; id: string });
  assert.deepEqual(documents.map((document) => `${document.kind} ${document.id}`).sort(), ['Workflow parked', 'Workflow triage']);
  const deactivated = await cli('workflows', 'deactivate', 'parked');
  assert.equal(deactivated.stdout, 'parked deactivated: now inactive\n');
  const refused = await cli('run', 'parked');
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /^error: workflow "parked" is inactive.*\(workflow_not_active\)\n$/);
});

void test('SIGTERM stops the server and the worker, and the process exits 0', async () => {
  const { code, signal } = await tollgate.stop('SIGTERM');
  assert.equal(signal, null);
  assert.equal(code, 0);
});

function writeInput(value: unknown): string {
  const file = join(files.path, `input-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(value));
  return file;
}
