import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { pollUntil } from '../support/poll-until.ts';
import { cleanEnv, launchTollgate, runCli, tempDir, type RunningTollgate } from './cli-process.ts';

const CATALOG = `kind: Team
id: csm
members: [{ email: casey@example.com }, { email: cam@example.com }]
---
kind: Workflow
id: refund-request
trigger:
  type: form
  form:
    - { key: customerEmail, type: email, required: true }
    - { key: refundAmount, type: number, required: true, min: 0.01 }
steps:
  - id: csm_review
    type: approval
    title: CSM Review
    assignee: { team: csm }
    on: { approved: refunded, rejected: denied }
  - { id: refunded, type: end, outcome: Refunded }
  - { id: denied, type: end, outcome: Denied }
---
kind: Workflow
id: two-reviews
trigger:
  type: form
  form:
    - { key: note, type: text, required: true }
steps:
  - { id: first_review, type: approval, title: First Review, assignee: { team: csm }, on: { approved: second_review, rejected: denied } }
  - { id: second_review, type: approval, title: Second Review, assignee: { team: csm }, on: { approved: done, rejected: denied } }
  - { id: done, type: end, outcome: Done }
  - { id: denied, type: end, outcome: Denied }
---
kind: Workflow
id: ping
trigger:
  type: form
  form:
    - { key: note, type: text, required: true }
steps:
  - { id: mail_one, type: action, uses: email.send, with: { to: ops@example.com, subject: "one {{ note }}", body: one } }
  - { id: mail_two, type: action, uses: email.send, with: { to: ops@example.com, subject: "two {{ note }}", body: two } }
  - { id: hook_one, type: action, uses: webhook.post, connector: notifications, with: { body: { n: 1, note: "{{ note }}" } } }
  - { id: hook_two, type: action, uses: webhook.post, connector: notifications, with: { body: { n: 2, note: "{{ note }}" } } }
  - { id: done, type: end, outcome: Pinged }
---
kind: Service
id: customer-success
offerings:
  - { id: refund, title: Refund Request, workflow: refund-request }
  - { id: ping, title: Ping, workflow: ping }
  - { id: two-reviews, title: Two reviews, workflow: two-reviews }
---
kind: Service
id: billing
offerings:
  - { id: note, title: Billing note, workflow: ping }
---
# No NOTIFY_WEBHOOK_URL in the environment: its messages go to the webhook inbox.
kind: Connector
id: notifications
type: webhook
config:
  url: "{{ env.NOTIFY_WEBHOOK_URL }}"
  secret: "{{ env.NOTIFY_WEBHOOK_SECRET }}"
`;

const data = tempDir();
const files = tempDir();
let tollgate: RunningTollgate;
// Authentication off: the CLI says who acts with --requester / --as.
const env = cleanEnv({ TOLLGATE_AUTH: 'off' });
const cli = (...args: string[]) => runCli([...args, '--server', tollgate.url], { env });
let requestId = '';
let taskId = '';

before(async () => {
  writeFileSync(join(files.path, 'catalog.yaml'), CATALOG);
  writeFileSync(join(files.path, 'values.yaml'), 'customerEmail: pat@example.com\nrefundAmount: 12.5\n');
  tollgate = await launchTollgate(['start', '--port', '0', '--data', data.path, '--no-examples', '-f', join(files.path, 'catalog.yaml')], { env });
});

after(async () => {
  if (tollgate.child.exitCode === null) await tollgate.stop();
  data.remove();
  files.remove();
});

void test('requests submit lists every bad field at once and exits 1', async () => {
  const { code, stderr } = await cli('requests', 'submit', 'refund', '--field', 'customerEmail=nope', '--field', 'refundAmount=0', '--requester', 'casey@example.com');
  assert.equal(code, 1);
  assert.match(stderr, /\(form_invalid\)/);
  assert.match(stderr, /^ {2}values\.customerEmail: "nope" is not an email address$/m);
  assert.match(stderr, /^ {2}values\.refundAmount: must be at least 0\.01, got 0$/m);
});

void test('requests submit --file creates the request and its run; list --mine shows it; show names the pending approval', async () => {
  const submitted = await cli('requests', 'submit', 'customer-success/refund', '--file', join(files.path, 'values.yaml'), '--requester', 'casey@example.com', '--json');
  assert.equal(submitted.code, 0, submitted.stderr);
  const { request, run } = JSON.parse(submitted.stdout);
  assert.equal(request.status, 'open');
  assert.equal(run.variables.refundAmount, 12.5);
  requestId = request.id;

  const other = await cli('requests', 'submit', 'refund', '--field', 'customerEmail=lee@example.com', '--field', 'refundAmount=3', '--requester', 'lee@example.com');
  assert.equal(other.code, 0, other.stderr);
  assert.match(other.stdout, /^submitted request req_\S+ \(open\) for customer-success\/refund$/m);

  const mine = await cli('requests', 'list', '--mine', '--as', 'casey@example.com', '--json');
  assert.equal(mine.code, 0, mine.stderr);
  assert.deepEqual(JSON.parse(mine.stdout).requests.map((item: { id: string }) => item.id), [requestId]);
  const table = await cli('requests', 'list');
  assert.match(table.stdout, /^ID +OFFERING +REQUESTER +STATUS/m);
  assert.match(table.stdout, /lee@example\.com +open/);

  const shown = await pollUntil(async () => (await cli('requests', 'show', requestId)).stdout, (text) => /CSM Review/.test(text), { what: 'the pending CSM review', intervalMs: 100 });
  assert.match(shown, new RegExp(`^request +${requestId}$`, 'm'));
  assert.match(shown, /^pending approvals\n {2}apt_\S+ {2}CSM Review {2}\(cam@example\.com\)$/m);
});

void test('approvals list --mine and decide: the requester is refused, an approver decides, the request completes', async () => {
  const inbox = await cli('approvals', 'list', '--mine', '--as', 'cam@example.com', '--json');
  assert.equal(inbox.code, 0, inbox.stderr);
  const task = JSON.parse(inbox.stdout).approvals.find((item: { request: string }) => item.request === requestId);
  assert.ok(task, inbox.stdout);
  taskId = task.id;
  const byTeam = await listed<{ approvals: { id: string; workflow: string; assignee_team: string }[] }>('approvals', 'list', '--team', 'csm', '--workflow', 'refund-request');
  assert.ok(byTeam.approvals.some((item) => item.id === taskId), 'the task is among its team and workflow');
  assert.ok(byTeam.approvals.every((item) => item.workflow === 'refund-request' && item.assignee_team === 'csm'));
  const firstPage = await cli('approvals', 'list', '--team', 'csm', '--limit', '1');
  assert.match(firstPage.stdout, /^more: tollgate approvals list --status pending --team csm --limit 1 --cursor \S+$/m, 'a page names the command for the next');
  assert.deepEqual((await listed<{ approvals: unknown[] }>('approvals', 'list', '--workflow', 'ping')).approvals, [], 'another workflow has none');
  const caseys = await cli('approvals', 'list', '--as', 'casey@example.com');
  assert.match(caseys.stdout, new RegExp(`^${taskId} .* pending +no `, 'm'), 'the requester is told they cannot decide');
  assert.match(caseys.stdout, new RegExp(`^ {2}${taskId}: you cannot decide: You asked for this, and whoever asks does not decide their own request\\.$`, 'm'));

  const own = await cli('approvals', 'decide', taskId, 'approve', '--as', 'casey@example.com');
  assert.equal(own.code, 1);
  assert.match(own.stderr, /\(separation_of_duties\)/);
  const approved = await cli('approvals', 'decide', taskId, 'approve', '--as', 'cam@example.com', '--comment', 'fine');
  assert.equal(approved.code, 0, approved.stderr);
  assert.match(approved.stdout, new RegExp(`task ${taskId} is approved`));

  const request = await pollUntil(
    async () => (JSON.parse((await cli('requests', 'show', requestId, '--json')).stdout) as { request: { status: string; outcome: string | null } }).request,
    (current) => current.status !== 'open',
    { what: 'the request closed', intervalMs: 100 },
  );
  assert.deepEqual({ status: request.status, outcome: request.outcome }, { status: 'completed', outcome: 'Refunded' });
  const shown = await cli('approvals', 'show', taskId);
  assert.match(shown.stdout, /cam@example\.com {2}approved: fine/);
});

void test('approvals list --mine marks a task a rule keeps you from deciding, and says why in words', async () => {
  const submitted = await cli('requests', 'submit', 'customer-success/two-reviews', '--field', 'note=twice', '--requester', 'lee@example.com', '--json');
  assert.equal(submitted.code, 0, submitted.stderr);
  const request = (JSON.parse(submitted.stdout) as { request: { id: string } }).request.id;
  type Listed = { approvals: { id: string; request: string; title: string; can_decide: boolean }[] };
  const taskOf = async (title: string) =>
    pollUntil(
      async () => (JSON.parse((await cli('approvals', 'list', '--mine', '--as', 'cam@example.com', '--json')).stdout) as Listed).approvals.find((task) => task.request === request && task.title === title),
      (task) => task !== undefined,
      { what: title, intervalMs: 100 },
    );
  const first = await taskOf('First Review');
  assert.equal((await cli('approvals', 'decide', first!.id, 'approve', '--as', 'cam@example.com')).code, 0);
  const second = await taskOf('Second Review');
  assert.equal(second!.can_decide, false, 'cam decided the first review of this run');
  const table = await cli('approvals', 'list', '--mine', '--as', 'cam@example.com');
  assert.match(table.stdout, new RegExp(`^${second!.id} .* pending +no `, 'm'));
  assert.match(table.stdout, new RegExp(`^ {2}${second!.id}: you cannot decide: You decided “First Review” in this run; one person decides one approval step of a run\\.$`, 'm'));
});

void test('events list is empty on a fresh server; outbox list and show the approval notifications', async () => {
  const events = await cli('events', 'list', '--json');
  assert.equal(events.code, 0, events.stderr);
  assert.deepEqual(JSON.parse(events.stdout).events, []);
  const outbox = await cli('outbox', 'list', '--json');
  assert.equal(outbox.code, 0, outbox.stderr);
  const messages: { id: string; to: string[]; subject: string }[] = JSON.parse(outbox.stdout).messages;
  const notice = messages.find((message) => message.to.includes('cam@example.com'));
  assert.ok(notice, outbox.stdout);
  const shown = await cli('outbox', 'show', notice.id);
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, new RegExp(`^subject +${notice.subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  const missing = await cli('outbox', 'show', 'mail_nope');
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /\(message_not_found\)/);
});

async function listed<T>(...args: string[]): Promise<T> {
  const result = await cli(...args, '--json');
  assert.equal(result.code, 0, `tollgate ${args.join(' ')}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

/** The words of a printed command as a real shell splits them when it is pasted, quotes and all. */
async function shellWords(line: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)('sh', ['-c', `printf '%s\\0' ${line}`]);
  return stdout.split('\0').slice(0, -1);
}

/**
 * A listing page by page: the first page's next-page hint must match `hint`; then each hint is followed as
 * printed (through the shell, against this server) until a page has none. The first column of every page.
 */
async function followPages(args: string[], hint: RegExp): Promise<string[]> {
  let page = await cli(...args);
  assert.equal(page.code, 0, page.stderr);
  assert.match(page.stdout, hint);
  const ids: string[] = [];
  for (let pages = 1; ; pages += 1) {
    const lines = page.stdout.trimEnd().split('\n');
    ids.push(...lines.slice(1).filter((line) => !line.startsWith('more: ')).map((line) => line.split(' ')[0] ?? ''));
    const printed = /^more: (tollgate .*)$/m.exec(page.stdout)?.[1];
    if (printed === undefined) return ids;
    assert.ok(pages < 10, `still more after ${pages} pages: ${page.stdout}`);
    const [command, ...next] = await shellWords(printed);
    assert.equal(command, 'tollgate', printed);
    page = await cli(...next);
    assert.equal(page.code, 0, page.stderr);
  }
}

void test('the next-page hints of requests, audit, outbox and inbox list keep the filters: following them pages through the same listing', async () => {
  // A requester whose email the shell would misread unquoted: the hints must quote it.
  const obrien = "o'brien@example.com";
  const submit = async (note: string, requester: string) => {
    const submitted = await cli('requests', 'submit', 'ping', '--field', `note=${note}`, '--requester', requester, '--json');
    assert.equal(submitted.code, 0, submitted.stderr);
    return JSON.parse(submitted.stdout) as { request: { id: string }; run: { id: string } };
  };
  const pings = await Promise.all([submit('a', obrien), submit('b', obrien), submit('c', 'lee@example.com')]);
  await pollUntil(
    async () => (await listed<{ requests: { id: string }[] }>('requests', 'list', '--status', 'completed')).requests.map((request) => request.id),
    (ids) => pings.every((ping) => ids.includes(ping.request.id)),
    { what: 'the three pings completed', intervalMs: 100 },
  );
  const run = pings[0]?.run.id ?? '';
  const requests = ['requests', 'list', '--mine', '--as', obrien, '--status', 'completed'];
  const audit = ['audit', 'list', '--actor', obrien, '--action', 'request.submitted', 'run.cancelled'];

  const [whole, paged] = await Promise.all([
    Promise.all([
      listed<{ requests: { id: string }[] }>(...requests).then((page) => page.requests.map((request) => request.id)),
      listed<{ entries: { seq: number }[] }>(...audit).then((page) => page.entries.map((entry) => String(entry.seq))),
      listed<{ messages: { id: string }[] }>('outbox', 'list', '--run', run).then((page) => page.messages.map((message) => message.id)),
      listed<{ messages: { id: string }[] }>('inbox', 'list', '--run', run).then((page) => page.messages.map((message) => message.id)),
    ]),
    Promise.all([
      followPages([...requests, '--limit', '1'], /^more: tollgate requests list --mine --as 'o'\\''brien@example\.com' --status completed --limit 1 --cursor req_\w+$/m),
      followPages([...audit, '--limit', '1'], /^more: tollgate audit list --actor 'o'\\''brien@example\.com' --action request\.submitted run\.cancelled --limit 1 --cursor \d+$/m),
      followPages(['outbox', 'list', '--run', run, '--limit', '1'], new RegExp(`^more: tollgate outbox list --run ${run} --limit 1 --cursor mail_\\w+$`, 'm')),
      followPages(['inbox', 'list', '--run', run, '--limit', '1'], new RegExp(`^more: tollgate inbox list --run ${run} --limit 1 --cursor hook_\\w+$`, 'm')),
    ]),
  ]);
  assert.deepEqual(
    whole.map((ids) => ids.length),
    [2, 2, 2, 2],
    "two of each: o'brien's requests and their audit entries, the run's emails and webhook messages",
  );
  assert.deepEqual(paged, whole, 'page by page, the same entries as the filtered listing in one: none dropped, none from outside the filters');
});

void test('requests list --since/--until keep the requests submitted in that window, a duration or an ISO time; the next-page hint keeps the window', async () => {
  const every = (await listed<{ requests: { id: string; created_at: string }[] }>('requests', 'list', '--limit', '200')).requests;
  assert.ok(every.length >= 3, 'the requests of the tests before');
  const ids = (page: { requests: { id: string }[] }) => page.requests.map((request) => request.id);
  assert.deepEqual(ids(await listed('requests', 'list', '--since', '1h', '--limit', '200')), ids({ requests: every }), 'all were submitted in the last hour');
  assert.deepEqual(ids(await listed('requests', 'list', '--until', '1h')), [], 'none before it');
  const oldest = every.at(-1)!;
  const newest = every[0]!;
  // From the oldest one's submission (included) to the newest one's (not): all but the newest.
  const window = await listed<{ requests: { id: string }[] }>('requests', 'list', '--since', oldest.created_at, '--until', newest.created_at, '--limit', '200');
  assert.deepEqual(ids(window), ids({ requests: every.filter((request) => request.created_at < newest.created_at) }));
  assert.ok(ids(window).includes(oldest.id), 'the first instant counts');
  assert.equal((await cli('requests', 'list', '--until', 'this week')).code, 2, 'a time the flag cannot read is a usage error');
  const backwards = await cli('requests', 'list', '--since', '1h', '--until', '2h');
  assert.equal(backwards.code, 1);
  assert.match(backwards.stderr, /created_before .* is not after created_after .*\(request_invalid\)/);

  const paged = await followPages(['requests', 'list', '--since', oldest.created_at, '--limit', '2'], new RegExp(`^more: tollgate requests list --since ${oldest.created_at.replaceAll('.', '\\.')} --limit 2 --cursor req_\\w+$`, 'm'));
  assert.deepEqual(paged, ids({ requests: every }), 'page by page, the same requests');
});

void test('requests list --requester/--service/--offering narrow the listing as the API does; the next-page hint keeps them', async () => {
  const submit = async (offering: string, requester: string) => {
    const submitted = await cli('requests', 'submit', offering, '--field', 'note=filters', '--requester', requester, '--json');
    assert.equal(submitted.code, 0, submitted.stderr);
    return (JSON.parse(submitted.stdout) as { request: { id: string } }).request.id;
  };
  // Newest first, as the listing has them.
  const quinnNote = await submit('billing/note', 'quinn@example.com');
  const quinnPing = await submit('customer-success/ping', 'quinn@example.com');
  const raeNote = await submit('billing/note', 'rae@example.com');
  const quinnLater = await submit('billing/note', 'quinn@example.com');
  const ids = async (...args: string[]) => (await listed<{ requests: { id: string }[] }>('requests', 'list', ...args, '--limit', '200')).requests.map((request) => request.id);

  assert.deepEqual(await ids('--service', 'billing'), [quinnLater, raeNote, quinnNote], "the billing service's requests only");
  assert.deepEqual(await ids('--requester', 'quinn@example.com'), [quinnLater, quinnPing, quinnNote], "quinn's only");
  assert.deepEqual(await ids('--requester', 'quinn@example.com', '--offering', 'ping'), [quinnPing], "quinn's pings");
  assert.deepEqual(await ids('--service', 'billing', '--offering', 'note', '--requester', 'rae@example.com'), [raeNote]);
  assert.deepEqual(await ids('--service', 'customer-success', '--offering', 'note'), [], 'note is no offering of customer-success');

  // The server's refusal reaches the user with the parameter at fault: GET /requests takes an email address.
  for (const given of ['qu', 'quinn', 'quinn example.com']) {
    const bad = await cli('requests', 'list', '--requester', given);
    assert.equal(bad.code, 1, bad.stderr);
    assert.match(bad.stderr, /\(request_invalid\)\n\s+query\.requester: not an email address; give an email address, e\.g\. ops@example\.com or admin@localhost$/m, given);
  }

  const filters = ['--requester', 'quinn@example.com', '--service', 'billing', '--offering', 'note'];
  const paged = await followPages(['requests', 'list', ...filters, '--limit', '1'], /^more: tollgate requests list --requester quinn@example\.com --service billing --offering note --limit 1 --cursor req_\w+$/m);
  assert.deepEqual(paged, [quinnLater, quinnNote], 'page by page, the same requests');
});
