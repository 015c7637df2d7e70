import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pollUntil } from '../support/poll-until.ts';
import { cleanEnv, launchTollgate, runCli, tempDir, type RunningTollgate } from './cli-process.ts';

// The issue's new user: "on a dispute, retrieve the charge, email finance if over 100 USD, wait 2 days,
// email again", written from `tollgate docs wait`, tested with a sandbox dispute, a wake and a replay.
const data = tempDir();
let tollgate: RunningTollgate;
let env: NodeJS.ProcessEnv;

before(async () => {
  tollgate = await launchTollgate(['start', '--port', '0', '--data', data.path]);
  const sandbox = /sandbox at (http:\/\/\S+)/.exec(tollgate.banner)?.[1] ?? '';
  env = cleanEnv({ TOLLGATE_SERVER: tollgate.url, TOLLGATE_SANDBOX_URL: sandbox });
});
after(async () => {
  await tollgate.stop();
  data.remove();
});

async function cli(...args: string[]): Promise<string> {
  const result = await runCli(args, { env });
  assert.equal(result.code, 0, `tollgate ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

interface RunRow {
  id: string;
  status: string;
}

const runsOf = async (workflow: string): Promise<RunRow[]> => (JSON.parse(await cli('runs', 'list', '--workflow', workflow, '--json')) as { runs: RunRow[] }).runs;
const subjects = async (): Promise<string[]> => ((JSON.parse(await cli('outbox', 'list', '--json')) as { messages?: { subject: string }[] }).messages ?? []).map((mail) => mail.subject);

test('the documented dispute reminder runs on a sandbox dispute; a wake ends its 2-day wait; a replay starts it again only when forced', async () => {
  const docs = await cli('docs', 'wait');
  const example = /```yaml\n([\s\S]*?)```/.exec(docs)?.[1] ?? '';
  assert.ok(example.includes('id: dispute-reminder'), docs);
  const file = join(data.path, 'dispute-reminder.yaml');
  writeFileSync(file, example);
  await cli('apply', '-f', file);

  const fired = JSON.parse(await cli('stripe', 'trigger', 'charge.dispute.created', '--amount', '25000', '--currency', 'usd', '--json')) as { id: string; data: { object: { id: string; charge: string } } };
  const dispute = fired.data.object;
  assert.match(dispute.charge, /^ch_/);
  const [waiting] = await pollUntil(() => runsOf('dispute-reminder'), (runs) => runs[0]?.status === 'waiting', { what: 'the reminder waiting 2 days', intervalMs: 250 });
  const runId = waiting!.id;
  assert.deepEqual((await subjects()).filter((subject) => subject.startsWith('Dispute of')), [`Dispute of $250.00 on charge ${dispute.charge}`]);
  // The seeded dispute-evidence example answers the same dispute: it stages evidence and mails the team once.
  await pollUntil(subjects, (all) => all.some((subject) => subject.startsWith('Dispute on $250.00: evidence due ')), { what: 'the dispute-evidence example\'s mail', intervalMs: 250 });
  assert.match(await cli('runs', 'show', runId), new RegExp(`waiting on[\\s\\S]*two_days[\\s\\S]*tollgate runs wake ${runId}`));

  assert.match(await cli('runs', 'wake', runId), /two_days/);
  await pollUntil(() => runsOf('dispute-reminder'), (runs) => runs[0]?.status === 'succeeded', { what: 'the reminder run to succeed after the wake', intervalMs: 250 });
  assert.ok((await subjects()).includes(`Reminder: dispute ${dispute.id} is still open`));

  type Replay = { results: { workflow: string; workflow_title: string; result: string; run?: string; runs?: string[] }[] };
  const replayed = JSON.parse(await cli('events', 'replay', fired.id, '--json')) as Replay;
  assert.deepEqual(replayed.results.find((result) => result.workflow === 'dispute-reminder'), {
    workflow: 'dispute-reminder',
    workflow_title: 'On a dispute, email finance if over 100 USD, wait 2 days, email again',
    result: 'already_ran',
    runs: [runId],
  });
  const forced = JSON.parse(await cli('events', 'replay', fired.id, '--force', '--json')) as Replay;
  const again = forced.results.find((result) => result.workflow === 'dispute-reminder');
  assert.equal(again?.result, 'started');
  assert.deepEqual((await runsOf('dispute-reminder')).map((run) => run.id).sort(), [runId, again?.run].sort());
});
