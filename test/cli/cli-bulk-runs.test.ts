/**
 * `tollgate runs retry` and `runs cancel` with several ids or filter flags,
 * against a running `tollgate start`: the summary and each run's outcome,
 * --dry-run changing nothing, --yes required past the bound off a terminal,
 * and usage errors before any request.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pollUntil } from '../support/poll-until.ts';
import { flakyWorkflow, SLOW_WORKFLOW } from '../support/run-control-workflows.ts';
import { cleanEnv, deadServerUrl, launchTollgate, runCli, tempDir, type RunningTollgate } from './cli-process.ts';

interface RunRow {
  id: string;
  status: string;
  retry_generation: number;
}

const data = tempDir();
const files = tempDir();
const env = cleanEnv({ TOLLGATE_AUTH: 'off' });
let tollgate: RunningTollgate;

const cli = (...args: string[]) => runCli([...args, '--server', tollgate.url], { env });
const api = async <T>(method: 'GET' | 'POST', path: string, body?: object): Promise<T> => {
  const answer = await fetch(`${tollgate.url}${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  assert.ok(answer.ok, `${method} ${path}: ${answer.status} ${await answer.clone().text()}`);
  return (await answer.json()) as T;
};
const runsOf = async (workflow: string): Promise<RunRow[]> => (await api<{ runs: RunRow[] }>('GET', `/api/v1/runs?workflow=${workflow}&limit=200`)).runs;
/** Starts `count` runs and waits until each has failed (flaky) or parked (slow). */
async function started(workflow: string, count: number, status: string): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 0; n < count; n += 1) ids.push((await api<{ run: RunRow }>('POST', `/api/v1/workflows/${workflow}/runs`, {})).run.id);
  await pollUntil(() => runsOf(workflow), (runs) => ids.every((id) => runs.find((run) => run.id === id)?.status === status), { what: `${count} ${workflow} runs ${status}`, intervalMs: 100 });
  return ids;
}

before(async () => {
  writeFileSync(join(files.path, 'workflows.yaml'), [await flakyWorkflow(), SLOW_WORKFLOW].join('---\n'));
  tollgate = await launchTollgate(['start', '--port', '0', '--data', data.path, '--no-examples', '-f', join(files.path, 'workflows.yaml')], { env });
});

after(async () => {
  if (tollgate.child.exitCode === null) await tollgate.stop();
  data.remove();
  files.remove();
});

void test('runs retry with several ids: a summary, then each run, skips with their reason', async () => {
  const [first, second] = await started('flaky', 2, 'failed');
  const [parked] = await started('slow', 1, 'waiting');

  const dry = await cli('runs', 'retry', first ?? '', second ?? '', parked ?? '', 'run_missing', '--dry-run');
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^dry run: 2 of 4 runs would be retried; nothing was changed$/m);
  assert.match(dry.stdout, new RegExp(`^${first} +flaky +would be retried +failed +-$`, 'm'), dry.stdout);
  for (const run of await runsOf('flaky')) assert.equal(run.retry_generation, 0, 'the dry run retried nothing');

  const done = await cli('runs', 'retry', first ?? '', second ?? '', parked ?? '', 'run_missing');
  assert.equal(done.code, 0, done.stderr);
  assert.match(done.stdout, /^retried 2 of 4 runs \(bulk_\w+\)$/m, done.stdout);
  assert.match(done.stdout, /^RESULT +RUNS$/m);
  assert.match(done.stdout, /^retried +2$/m);
  assert.match(done.stdout, /^skipped: run_not_retryable +1$/m);
  assert.match(done.stdout, /^skipped: run_not_found +1$/m);
  assert.match(done.stdout, new RegExp(`^${second} +flaky +retried +running +-$`, 'm'), done.stdout);
  assert.match(done.stdout, new RegExp(`^${parked} +slow +skipped +waiting +run_not_retryable$`, 'm'));
  assert.match(done.stdout, /^run_missing +- +skipped +- +run_not_found$/m);
  const retried = (await runsOf('flaky')).filter((run) => run.id === first || run.id === second);
  assert.deepEqual(retried.map((run) => run.retry_generation), [1, 1]);

  // One id alone is the single-run call, as before: a refusal is an error.
  const one = await cli('runs', 'cancel', parked ?? '');
  assert.equal(one.code, 0, one.stderr);
  assert.equal(one.stdout, `run ${parked} cancelled: now cancelled\n`);
  const again = await cli('runs', 'cancel', parked ?? '');
  assert.equal(again.code, 1);
  assert.match(again.stderr, /run_already_finished/);
});

void test('filter flags: --json is the answer; past 10 runs, --yes is required off a terminal', async () => {
  const waiting = await started('slow', 12, 'waiting');
  const refused = await cli('runs', 'cancel', '--workflow', 'slow', '--status', 'waiting', '--since', '1h');
  assert.equal(refused.code, 2, refused.stdout);
  assert.match(refused.stderr, /the filter matches 12 runs, 12 of which would be cancelled; add --yes to go ahead/);
  assert.ok((await runsOf('slow')).filter((run) => waiting.includes(run.id)).every((run) => run.status === 'waiting'), 'nothing was cancelled');

  const dry = await cli('runs', 'cancel', '--workflow', 'slow', '--status', 'waiting', '--dry-run', '--json');
  assert.equal(dry.code, 0, dry.stderr);
  const preview = JSON.parse(dry.stdout) as { preview: boolean; done: number; bulk: string | null };
  assert.deepEqual(preview, { ...preview, preview: true, done: 12, bulk: null });

  const done = await cli('runs', 'cancel', '--workflow', 'slow', '--status', 'waiting', '--yes', '--json');
  assert.equal(done.code, 0, done.stderr);
  const answer = JSON.parse(done.stdout) as { done: number; runs: { id: string; result: string }[] };
  assert.equal(answer.done, 12);
  assert.deepEqual(answer.runs.map((run) => run.id).sort(), [...waiting].sort());
  assert.ok((await runsOf('slow')).filter((run) => waiting.includes(run.id)).every((run) => run.status === 'cancelled'));

  // At most 10: no question asked. The window leaves out the runs of the first test.
  const since = new Date().toISOString();
  const few = await started('flaky', 3, 'failed');
  const small = await cli('runs', 'retry', '--workflow', 'flaky', '--status', 'failed', '--since', since);
  assert.equal(small.code, 0, small.stderr);
  assert.match(small.stdout, /^retried 3 of 3 runs \(bulk_\w+\)$/m, small.stdout);
  const listed = await cli('runs', 'list', '--workflow', 'flaky', '--since', since, '--json');
  assert.deepEqual((JSON.parse(listed.stdout) as { runs: RunRow[] }).runs.map((run) => run.id).sort(), [...few].sort(), 'runs list takes the same window');
});

void test('usage errors name what is wrong, before any request (exit 2)', async () => {
  const server = await deadServerUrl();
  const [both, none, since, status] = await Promise.all([
    runCli(['runs', 'retry', 'run_a', '--status', 'failed', '--server', server], { env }),
    runCli(['runs', 'cancel', '--server', server], { env }),
    runCli(['runs', 'retry', '--since', 'yesterday', '--server', server], { env }),
    runCli(['runs', 'retry', '--status', 'broken', '--server', server], { env }),
  ]);
  for (const result of [both, none, since, status]) {
    assert.equal(result.code, 2, result.stderr);
    assert.doesNotMatch(result.stderr, /cannot reach/);
  }
  assert.match(both.stderr, /give run ids or filter flags .*not both/);
  assert.match(none.stderr, /name the runs to cancel/);
  assert.match(since.stderr, /--since/);
  assert.match(status.stderr, /--status/);
});
