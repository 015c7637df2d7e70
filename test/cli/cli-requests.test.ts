import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
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
kind: Service
id: customer-success
offerings:
  - { id: refund, title: Refund Request, workflow: refund-request }
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
  const caseys = await cli('approvals', 'list', '--as', 'casey@example.com');
  assert.match(caseys.stdout, new RegExp(`^${taskId} .* pending +no `, 'm'), 'the requester is told they cannot decide');
  assert.match(caseys.stdout, new RegExp(`^ {2}${taskId}: you cannot decide: casey@example\\.com submitted this request`, 'm'));

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
