import assert from 'node:assert/strict';
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { pollUntil } from '../support/poll-until.ts';
import { cleanEnv, launchTollgate, runCli, tempDir, type RunningTollgate } from './cli-process.ts';

// The first run a newcomer makes: `tollgate start` with no configuration, then a Stripe event.
const data = tempDir();
let tollgate: RunningTollgate;
let sandboxUrl = '';

before(async () => {
  tollgate = await launchTollgate(['start', '--port', '0', '--data', data.path]);
  sandboxUrl = /sandbox at (http:\/\/\S+)/.exec(tollgate.banner)?.[1] ?? '';
});
after(async () => {
  await tollgate.stop();
  data.remove();
});

test('start runs against the sandbox with the recipes loaded, and stripe trigger visibly produces a run and a mail', async () => {
  assert.match(tollgate.banner, /stripe\s+sandbox at http:\/\/127\.0\.0\.1:\d+ \(no STRIPE_SECRET_KEY set\)/);
  for (const recipe of ['personalize-orders', 'tag-valuable-customers', 'fraud-warning-refund']) assert.match(tollgate.banner, new RegExp(`${recipe} \\(active v1\\)`));
  const env = cleanEnv({ TOLLGATE_SERVER: tollgate.url });
  const fired = await runCli(['stripe', 'trigger', 'payment_intent.succeeded', '--amount', '150000', '--currency', 'usd', '--sandbox', sandboxUrl, '--json'], { env });
  assert.equal(fired.code, 0, fired.stderr);
  const intent = (JSON.parse(fired.stdout) as { data: { object: { id: string } } }).data.object.id;

  const { runs, mails } = await pollUntil(
    async () => ({
      runs: (JSON.parse((await runCli(['runs', 'list', '--workflow', 'personalize-orders', '--json'], { env })).stdout) as { runs: { workflow: string; status: string }[] }).runs,
      mails: (JSON.parse((await runCli(['outbox', 'list', '--json'], { env })).stdout) as { messages?: { subject: string }[] }).messages ?? [],
    }),
    (seen) => seen.runs[0]?.status === 'succeeded' && seen.mails.some((mail) => mail.subject.includes(intent)),
    { what: `the run and the mail for ${intent}`, intervalMs: 200 },
  );
  assert.equal(runs[0]?.status, 'succeeded');
  assert.ok(mails.some((mail) => mail.subject === `Handwritten note for order ${intent}`), `a mail for ${intent} is in the outbox`);
  const shown = await runCli(['outbox', 'list'], { env });
  assert.match(shown.stdout, new RegExp(`Handwritten note for order ${intent}`));
});

test('stripe trigger with an unknown event type lists the supported ones', async () => {
  const result = await runCli(['stripe', 'trigger', 'payment_intent.exploded', '--sandbox', sandboxUrl], { env: cleanEnv() });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /payment_intent\.succeeded/);
});

test('without NOTIFY_*, start names the connector and the refund example keeps its confirmation in the webhook inbox', async () => {
  assert.match(tollgate.banner, /connector +notifications \(webhook\) lacks NOTIFY_WEBHOOK_URL, NOTIFY_WEBHOOK_SECRET: its messages go to the webhook inbox/);
  const env = cleanEnv({ TOLLGATE_SERVER: tollgate.url });
  const cli = async (args: string[], extraEnv: NodeJS.ProcessEnv = {}) => {
    const result = await runCli(args, { env: { ...env, ...extraEnv } });
    assert.equal(result.code, 0, `tollgate ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };
  const fired = JSON.parse(await cli(['stripe', 'trigger', 'payment_intent.succeeded', '--amount', '4000', '--currency', 'usd', '--sandbox', sandboxUrl, '--json'])) as { data: { object: { id: string; latest_charge: string } } };
  const charge = fired.data.object.latest_charge;
  const fields = { customerEmail: 'ann@example.com', chargeIdToRefund: fired.data.object.id, refundAmount: '25', reason: 'Customer request', notes: 'Billed twice' };
  // The first admin (admin@localhost) submits, with the CLI's local key.
  const submitted = JSON.parse(await cli(['requests', 'submit', 'refund-request', ...Object.entries(fields).flatMap(([key, value]) => ['--field', `${key}=${value}`]), '--json'])) as {
    request: { id: string; requester: string };
  };
  assert.equal(submitted.request.requester, 'admin@localhost');
  const casey = (JSON.parse(await cli(['keys', 'create', '--name', 'casey', '--user', 'casey@example.com', '--json'])) as { secret: string }).secret;
  const task = await pollUntil(
    async () => (JSON.parse(await cli(['approvals', 'list', '--mine', '--json'], { TOLLGATE_API_KEY: casey })) as { approvals: { id: string; request: string }[] }).approvals.find((item) => item.request === submitted.request.id),
    (found) => found !== undefined,
    { what: "the CSM review in Casey's inbox", intervalMs: 200 },
  );
  // The inbox says what approving leads to, in the currency Stripe gave when the task opened.
  const approvalsInbox = await cli(['approvals', 'list', '--mine'], { TOLLGATE_API_KEY: casey });
  assert.match(approvalsInbox, new RegExp(`^${task!.id} +CSM Review .* Refund 25\\.00 USD on ${fired.data.object.id} `, 'm'), approvalsInbox);
  assert.match(approvalsInbox.split('\n')[0] ?? '', /APPROVING LEADS TO/);
  // The CSM team's email says it too, and links to the task where `tollgate start` serves the web app.
  const mails = (JSON.parse(await cli(['outbox', 'list', '--json'])) as { messages: { id: string; subject: string }[] }).messages;
  const notice = mails.find((mail) => mail.subject === `Approval needed: CSM Review (Refund 25.00 USD on ${fired.data.object.id})`);
  assert.ok(notice, JSON.stringify(mails.map((mail) => mail.subject)));
  const { message } = JSON.parse(await cli(['outbox', 'show', notice.id, '--json'])) as { message: { text: string; html: string } };
  assert.match(message.text, new RegExp(`^Open it: ${tollgate.url}/approvals/${task!.id}$`, 'm'), message.text);
  assert.match(message.html, new RegExp(`<a href="${tollgate.url}/approvals/${task!.id}">`));
  // Before deciding, the CSM sees what Stripe says about the charge now: no dispute, then the issuer's fraud warning.
  const clean = await cli(['approvals', 'show', task!.id], { TOLLGATE_API_KEY: casey });
  assert.match(clean, new RegExp(`^stripe says\\n {2}no dispute and no early fraud warning on ${charge}$`, 'm'), clean);
  await cli(['stripe', 'trigger', 'radar.early_fraud_warning.created', '--charge', charge, '--sandbox', sandboxUrl]);
  const warned = await cli(['approvals', 'show', task!.id], { TOLLGATE_API_KEY: casey });
  assert.match(warned, new RegExp(`^stripe says\\n {2}early fraud warning issfr_\\w+ on ${charge} \\(other fraud, [^)]+\\): a refund now can head off a dispute$`, 'm'), warned);
  await cli(['approvals', 'decide', task!.id, 'approve'], { TOLLGATE_API_KEY: casey });
  const request = await pollUntil(
    async () => (JSON.parse(await cli(['requests', 'show', submitted.request.id, '--json'])) as { request: { status: string; outcome: string | null } }).request,
    (current) => current.status !== 'open',
    { what: 'the request closed', intervalMs: 200 },
  );
  assert.deepEqual(request, { ...request, status: 'completed', outcome: 'Refunded' });
  const inbox = JSON.parse(await cli(['inbox', 'list', '--json'])) as { messages: { id: string; body: { to: string; subject: string } }[] };
  assert.deepEqual(inbox.messages.map((message) => [message.body.to, message.body.subject]), [['ann@example.com', 'Your refund has been processed']]);
  assert.match(await cli(['inbox', 'list']), /notifications/);
  assert.match(await cli(['inbox', 'show', inbox.messages[0]!.id]), /NOTIFY_WEBHOOK_URL is not set[\s\S]*Your refund has been processed/);
});

test('backup copies the live database whole: the copy holds every run, opens as a Tollgate database, and nothing is overwritten', async () => {
  const env = cleanEnv({ TOLLGATE_SERVER: tollgate.url });
  const listed = (JSON.parse((await runCli(['runs', 'list', '--limit', '200', '--json'], { env })).stdout) as { runs: { id: string }[] }).runs.map((run) => run.id);
  assert.ok(listed.length > 0, 'the earlier tests left runs');
  const backups = tempDir();
  try {
    const copy = join(backups.path, 'copy.db');
    const keyed = cleanEnv({ TOLLGATE_SECRET_KEY: 'ab'.repeat(32) });
    const made = await runCli(['backup', copy, '--data', data.path], { env: keyed });
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /^backed up \S+tollgate\.db to \S+copy\.db: [\d.]+ MB, schema \d+, (\d+) runs, (\d+) events; the copy checks whole\n/);
    assert.match(made.stdout, /sealed with TOLLGATE_SECRET_KEY: keep a copy of that key with the backup/);

    const database = new SQLite(copy, { readonly: true });
    const copied = new Set((database.prepare('SELECT id FROM runs').all() as { id: string }[]).map((row) => row.id));
    database.close();
    assert.deepEqual(listed.filter((id) => !copied.has(id)), [], 'every run the server listed is in the copy');
    assert.match(made.stdout, new RegExp(`, ${copied.size} runs, `), 'the report counts what the copy holds');

    // Restored into a data directory of its own, the copy is a Tollgate database with every migration applied.
    const restored = tempDir();
    try {
      copyFileSync(copy, join(restored.path, 'tollgate.db'));
      const migrated = await runCli(['migrate', '--data', restored.path], { env: cleanEnv() });
      assert.equal(migrated.code, 0, migrated.stderr);
      assert.match(migrated.stdout, /up to date, no migrations to apply/);
    } finally {
      restored.remove();
    }

    const again = await runCli(['backup', copy, '--data', data.path], { env: cleanEnv() });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /copy\.db exists already: a backup never overwrites, give a new file name/);
    const nothing = await runCli(['backup', join(backups.path, 'none.db'), '--data', join(backups.path, 'no-data-here')], { env: cleanEnv() });
    assert.equal(nothing.code, 1);
    assert.match(nothing.stderr, /no SQLite database at \S+no-data-here\/tollgate\.db: nothing to back up/);
    const postgres = await runCli(['backup', join(backups.path, 'pg.db')], { env: cleanEnv({ DATABASE_URL: 'postgres://tollgate@127.0.0.1:1/tollgate' }) });
    assert.equal(postgres.code, 1);
    assert.match(postgres.stderr, /with PostgreSQL \(DATABASE_URL\) back up with its own tools, e\.g\. pg_dump/);
  } finally {
    backups.remove();
  }
});

test('restore puts a backup in place of a stopped database, keeping the one it replaces; it refuses a running one, a file that is not a backup, and a newer schema', async () => {
  const backups = tempDir();
  const fresh = tempDir();
  const other = tempDir();
  const runsIn = (file: string): number => {
    const database = new SQLite(file, { readonly: true });
    try {
      return (database.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number }).n;
    } finally {
      database.close();
    }
  };
  try {
    const copy = join(backups.path, 'copy.db');
    assert.equal((await runCli(['backup', copy, '--data', data.path], { env: cleanEnv() })).code, 0);
    const copied = runsIn(copy);
    assert.ok(copied > 0, 'the earlier tests left runs');

    // The server of this file has its database open: nothing is touched.
    const busy = await runCli(['restore', copy, '--data', data.path], { env: cleanEnv() });
    assert.equal(busy.code, 1);
    assert.match(busy.stderr, /tollgate\.db is open \(\S+tollgate\.db-wal, \S+tollgate\.db-shm exist\): stop every tollgate start, serve and worker using it/);
    assert.equal(existsSync(`${join(data.path, 'tollgate.db')}.restoring`), false);

    // Into an empty data directory.
    const first = await runCli(['restore', copy, '--data', fresh.path], { env: cleanEnv() });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, new RegExp(`^restored \\S+copy\\.db to \\S+tollgate\\.db: schema \\d+, ${copied} runs, \\d+ events; the backup checked whole\nthere was no database before it\nstart Tollgate to use it\n`));
    assert.equal(runsIn(join(fresh.path, 'tollgate.db')), copied);
    const migrated = await runCli(['migrate', '--data', fresh.path], { env: cleanEnv() });
    assert.match(migrated.stdout, /up to date, no migrations to apply/);

    // Over a stopped database of its own: that one is kept aside, whole.
    assert.equal((await runCli(['migrate', '--data', other.path], { env: cleanEnv() })).code, 0);
    const over = await runCli(['restore', copy, '--data', other.path, '--json'], { env: cleanEnv() });
    assert.equal(over.code, 0, over.stderr);
    const report = JSON.parse(over.stdout) as { keptAside: string; runs: number; migrationsToApply: number };
    assert.match(report.keptAside, /tollgate\.db\.before-restore-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z$/);
    assert.equal(runsIn(report.keptAside), 0, 'the replaced database is kept as it was');
    assert.equal(runsIn(join(other.path, 'tollgate.db')), copied);
    assert.deepEqual([report.runs, report.migrationsToApply], [copied, 0]);

    const notABackup = join(backups.path, 'notes.txt');
    writeFileSync(notABackup, 'not a database');
    const newer = join(backups.path, 'newer.db');
    copyFileSync(copy, newer);
    const database = new SQLite(newer);
    database.prepare("INSERT INTO tollgate_migrations (version, name, applied_at) VALUES (999, '0999-future.sql', 0)").run();
    database.close();
    for (const [file, message] of [
      [notABackup, /notes\.txt is not a Tollgate backup \(.+\); give a file tollgate backup wrote/],
      [newer, /newer\.db comes from a newer Tollgate \(schema 999; this one knows up to \d+\): upgrade Tollgate, then restore/],
      [join(backups.path, 'none.db'), /no backup at \S+none\.db/],
    ] as const) {
      const refused = await runCli(['restore', file, '--data', other.path], { env: cleanEnv() });
      assert.equal(refused.code, 1, file);
      assert.match(refused.stderr, message);
    }
    assert.equal(runsIn(join(other.path, 'tollgate.db')), copied, 'a refused restore leaves the database as it was');
    const postgres = await runCli(['restore', copy], { env: cleanEnv({ DATABASE_URL: 'postgres://tollgate@127.0.0.1:1/tollgate' }) });
    assert.equal(postgres.code, 1);
    assert.match(postgres.stderr, /with PostgreSQL \(DATABASE_URL\) restore with its own tools, e\.g\. pg_restore/);
  } finally {
    backups.remove();
    fresh.remove();
    other.remove();
  }
});
