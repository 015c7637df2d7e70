import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/clock.ts';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { decideApproval } from '../../src/approvals/decide-approval.ts';
import { createTestSystem, type TestSystem } from '../support/test-system.ts';

const teams = `
kind: Team
id: finance
members: [{ email: fran@example.com }, { email: fred@example.com }]
---
kind: Team
id: cfo
members: [{ email: chief@example.com }]
`;

const approvalWorkflow = (extra: string) => `
kind: Workflow
id: approve
trigger: { type: manual }
steps:
  - id: sign_off
    type: approval
    assignee: { team: finance }
    require_comment_on_reject: true
${extra}
    on: { approved: yes, rejected: no }
  - { id: yes, type: end, outcome: Approved }
  - { id: no, type: end, outcome: Denied }
`;

void describe('approval step', () => {
  let t: TestSystem;
  let clock: ManualClock;
  const decide = (taskId: string, by: string, decision: 'approved' | 'rejected', comment?: string) =>
    decideApproval({ approvals: t.system.approvals, store: t.system.store, clock, wakeWorker: () => t.system.worker.wake() }, { taskId, by, decision, comment });
  const openTask = async (runId: string) => {
    await t.waitForRun(runId, { untilStatus: 'waiting' });
    const [task] = await t.system.approvals.list({ runId, limit: 5 });
    assert.ok(task, 'a task was opened');
    return task;
  };

  before(async () => {
    clock = new ManualClock(new Date('2026-02-01T09:00:00Z'));
    t = await createTestSystem({ clock });
    await t.apply(teams);
  });
  after(() => t.close());

  void it('parks the run on a team task; a member approves and the run goes on with {decision, comment, by, at}', async () => {
    await t.apply(approvalWorkflow(''));
    const run = await invokeWorkflow(t.system.app, { workflowId: 'approve', input: {} });
    const task = await openTask(run.id);
    assert.deepEqual(task.approvers, ['fran@example.com', 'fred@example.com']);
    const notices = (await t.system.app.outbox.list({ limit: 50 })).items.filter((mail) => mail.subject === 'Approval needed: Sign off' && mail.runId === run.id);
    assert.equal(notices.length, 1, 'the team is emailed once that a task waits');
    assert.deepEqual(notices[0]?.to.map((to) => to.replace(/.*</, '').replace('>', '')).sort(), ['fran@example.com', 'fred@example.com']);
    assert.equal(task.status, 'pending');
    assert.equal(task.leadsTo, null, 'no step that moves money follows');
    await assert.rejects(decide(task.id, 'mallory@example.com', 'approved'), (error: { code: string; message: string }) => {
      assert.equal(error.code, 'not_an_approver');
      assert.match(error.message, /members of team finance \(fran@example.com, fred@example.com\)/);
      return true;
    });
    await assert.rejects(decide(task.id, 'fran@example.com', 'rejected'), { code: 'comment_required' });
    await decide(task.id, 'Fran@example.com', 'approved', 'fine');
    await assert.rejects(decide(task.id, 'fred@example.com', 'approved'), { code: 'approval_already_decided' });
    const finished = await t.waitForRun(run.id);
    assert.equal(finished.outcome, 'Approved');
    assert.deepEqual(finished.variables.sign_off, { decision: 'approved', comment: 'fine', by: 'fran@example.com', at: clock.now().toISOString(), task: task.id });
  });

  void it('a rejection with a comment takes the rejected path', async () => {
    await t.apply(approvalWorkflow(''));
    const run = await invokeWorkflow(t.system.app, { workflowId: 'approve', input: {} });
    const task = await openTask(run.id);
    await decide(task.id, 'fred@example.com', 'rejected', 'Refund window expired');
    const finished = await t.waitForRun(run.id);
    assert.equal(finished.outcome, 'Denied');
    assert.equal((finished.variables.sign_off as { comment: string }).comment, 'Refund window expired');
  });

  void it('quorum all waits for every approver', async () => {
    await t.apply(approvalWorkflow('    quorum: all'));
    const run = await invokeWorkflow(t.system.app, { workflowId: 'approve', input: {} });
    const task = await openTask(run.id);
    const afterOne = await decide(task.id, 'fran@example.com', 'approved');
    assert.equal(afterOne.status, 'pending');
    await t.settle();
    assert.equal((await t.system.store.getRun(run.id))?.status, 'waiting');
    await decide(task.id, 'fred@example.com', 'approved');
    assert.equal((await t.waitForRun(run.id)).outcome, 'Approved');
  });

  void it('a timeout auto-rejects, or escalates to another team', async () => {
    await t.apply(approvalWorkflow('    timeout: 2d\n    on_timeout: reject'));
    const rejected = await invokeWorkflow(t.system.app, { workflowId: 'approve', input: {} });
    await openTask(rejected.id);
    clock.advance(2 * 86_400_000);
    const finished = await t.waitForRun(rejected.id);
    assert.equal(finished.outcome, 'Denied');
    assert.match((finished.variables.sign_off as { comment: string }).comment, /No decision within 2d/);

    await t.apply(approvalWorkflow('    timeout: 1d\n    on_timeout: "escalate:cfo"'));
    const escalated = await invokeWorkflow(t.system.app, { workflowId: 'approve', input: {} });
    const task = await openTask(escalated.id);
    clock.advance(86_400_000);
    // The timeout is a due row now: once the worker has nothing due and nothing in flight, it has escalated.
    await t.settle();
    const moved = await t.system.approvals.require(task.id);
    assert.equal(moved.assigneeTeam, 'cfo');
    assert.deepEqual(moved.approvers, ['chief@example.com']);
    await assert.rejects(decide(task.id, 'fran@example.com', 'approved'), { code: 'not_an_approver' });
    await decide(task.id, 'chief@example.com', 'approved');
    assert.equal((await t.waitForRun(escalated.id)).outcome, 'Approved');
  });

  void it('remind_every emails the approvers again while the task waits, once per reminder, only the latest after downtime, and none once decided', async () => {
    await assert.rejects(t.apply(approvalWorkflow('    remind_every: 5m')), /remind_every.*15 minutes/s);
    await t.apply(approvalWorkflow('    timeout: 5d\n    remind_every: 1d'));
    const run = await invokeWorkflow(t.system.app, { workflowId: 'approve', input: {} });
    const task = await openTask(run.id);
    const mails = async () => (await t.system.app.outbox.list({ limit: 100 })).items.filter((mail) => mail.runId === run.id).map((mail) => mail.subject);
    assert.deepEqual(await mails(), ['Approval needed: Sign off']);

    clock.advance(86_400_000);
    await t.settle();
    assert.deepEqual((await mails()).sort(), ['Approval needed: Sign off', 'Reminder: Approval needed: Sign off']);
    await t.settle();
    assert.equal((await mails()).length, 2, 'a reminder is sent once');

    // Down for two days: the third reminder goes out, not the second as well.
    clock.advance(2 * 86_400_000);
    await t.settle();
    assert.equal((await mails()).filter((subject) => subject.startsWith('Reminder:')).length, 2);
    assert.equal((await t.system.approvals.require(task.id)).status, 'pending', 'reminders do not decide');

    await decide(task.id, 'fred@example.com', 'approved');
    assert.equal((await t.waitForRun(run.id)).outcome, 'Approved');
    clock.advance(86_400_000);
    await t.settle();
    assert.equal((await mails()).length, 3, 'no reminder once decided');
  });

  void it('a delegate decides for an approver who is away', async () => {
    await t.apply(approvalWorkflow(''));
    await t.system.approvals.delegate({ userEmail: 'fran@example.com', delegateEmail: 'deputy@example.com', startsAt: clock.now(), endsAt: new Date(clock.now().getTime() + 86_400_000), now: clock.now() });
    const run = await invokeWorkflow(t.system.app, { workflowId: 'approve', input: {} });
    const task = await openTask(run.id);
    await decide(task.id, 'deputy@example.com', 'approved', 'covering');
    const finished = await t.waitForRun(run.id);
    assert.equal((finished.variables.sign_off as { by: string }).by, 'deputy@example.com (for fran@example.com)');
  });
});
