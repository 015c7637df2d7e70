import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pollUntil } from '../support/poll-until.ts';
import { cleanEnv, launchTollgate, runCli, tempDir, type RunningTollgate } from './cli-process.ts';

// A Stripe event starts a run that waits 2 days: `runs wake` ends the wait, `events replay` starts it again.
const WORKFLOW = `kind: Workflow
id: follow-up
title: Customer follow-up
trigger: { type: event, event: payment_intent.succeeded }
steps:
  - { id: two_days, type: wait, for: 2d }
  - { id: done, type: end, outcome: Followed up }
`;

interface EventJson {
  event: { matches: { workflow: string; run: string | null; generation: number }[] };
}
interface RunJson {
  run: { status: string; outcome: string | null };
}

const data = tempDir();
const files = tempDir();
let tollgate: RunningTollgate;
let sandboxUrl = '';
let env: NodeJS.ProcessEnv;

const cli = (...args: string[]) => runCli(args, { env });
async function json<T>(...args: string[]): Promise<T> {
  const result = await cli(...args, '--json');
  assert.equal(result.code, 0, `tollgate ${args.join(' ')}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

before(async () => {
  writeFileSync(join(files.path, 'follow-up.yaml'), WORKFLOW);
  tollgate = await launchTollgate(['start', '--port', '0', '--data', data.path, '--no-examples', '-f', join(files.path, 'follow-up.yaml')]);
  sandboxUrl = /sandbox at (http:\/\/\S+)/.exec(tollgate.banner)?.[1] ?? '';
  env = cleanEnv({ TOLLGATE_SERVER: tollgate.url });
});

after(async () => {
  if (tollgate.child.exitCode === null) await tollgate.stop();
  data.remove();
  files.remove();
});

void test('runs wake ends a 2-day wait; events replay starts new runs only with --force, and events show lists them by generation', async () => {
  const fired = await json<{ id: string }>('stripe', 'trigger', 'payment_intent.succeeded', '--amount', '2500', '--currency', 'usd', '--sandbox', sandboxUrl);
  const eventId = fired.id;
  const arrived = await pollUntil(() => json<EventJson>('events', 'show', eventId).catch(() => undefined), (shown) => shown?.event.matches[0]?.run != null, {
    what: `the run ${eventId} started`,
    intervalMs: 200,
  });
  const runId = arrived?.event.matches[0]?.run ?? '';
  await pollUntil(() => json<RunJson>('runs', 'show', runId), (shown) => shown.run.status === 'waiting', { what: 'the run waits 2 days', intervalMs: 200 });

  const woken = await cli('runs', 'wake', runId);
  assert.equal(woken.code, 0, woken.stderr);
  assert.match(woken.stdout, new RegExp(`run ${runId} woken: its waits end now\\n  two_days \\(was due `));
  const done = await pollUntil(() => json<RunJson>('runs', 'show', runId), (shown) => shown.run.status === 'succeeded', { what: 'the woken run succeeded', intervalMs: 200 });
  assert.equal(done.run.outcome, 'Followed up');

  const notWaiting = await cli('runs', 'wake', runId);
  assert.equal(notWaiting.code, 1);
  assert.match(notWaiting.stderr, /run_not_waiting_on_time/);
  assert.match(notWaiting.stderr, /is succeeded/);

  const plain = await cli('events', 'replay', eventId);
  assert.equal(plain.code, 0, plain.stderr);
  assert.match(plain.stdout, /replayed: no run started/);
  // The workflow's id to type and its title to read.
  assert.match(plain.stdout, /WORKFLOW +TITLE +RESULT +DETAIL/);
  assert.match(plain.stdout, new RegExp(`follow-up +Customer follow-up +already ran +${runId}`));
  assert.match(plain.stdout, new RegExp(`tollgate events replay ${eventId} --force`));

  const forced = await cli('events', 'replay', eventId, '--force');
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(forced.stdout, /replayed \(forced\): 1 run started/);
  const newRun = /follow-up +Customer follow-up +started +(run_\S+) \(generation 1\)/.exec(forced.stdout)?.[1];
  assert.ok(newRun !== undefined && newRun !== runId, forced.stdout);

  const shown = await cli('events', 'show', eventId);
  // Each match names the workflow by its title, its id beside it to type.
  assert.match(shown.stdout, new RegExp(`\\n  Customer follow-up \\(follow-up\\): ${runId} \\(started\\)`));
  assert.match(shown.stdout, new RegExp(`\\n  Customer follow-up \\(follow-up\\): ${newRun} \\(replay 1 by admin@localhost\\)`));

  const missing = await cli('events', 'replay', 'evt_nope');
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /event_not_found/);
});
