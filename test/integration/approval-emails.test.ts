// A task's emails, as its page lists them (GET /api/v1/approvals/:id/emails):
// the one sent when it opened, whether it went out, its reminders, and the one
// sent when it was escalated, also to the same team.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { approvalEmails } from '../../src/application/approval-emails.ts';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { FINANCE_TEAM, signOffWorkflow } from '../support/sign-off-workflow.ts';
import { smtpTestSystem } from '../support/smtp-test-system.ts';

const CFO_TEAM = `
kind: Team
id: cfo
members: [{ email: chief@example.com }]
`;

const DAY = 86_400_000;
const workflow = (onTimeout: string, settings: readonly string[] = ['timeout: 1d']) => signOffWorkflow([...settings, `on_timeout: "${onTimeout}"`]);

void describe("an approval task's emails", () => {
  const clock = new ManualClock(new Date('2026-12-01T09:00:00Z'));
  const smtp = smtpTestSystem({ definitions: `${FINANCE_TEAM}---${CFO_TEAM}`, clock });

  const openTask = async () => {
    const run = await invokeWorkflow(smtp.t.system.app, { workflowId: 'approve', input: {} });
    await smtp.t.waitForRun(run.id, { untilStatus: 'waiting' });
    const [task] = await smtp.t.system.approvals.list({ runId: run.id, limit: 5 });
    assert.ok(task);
    return { runId: run.id, taskId: task.id };
  };
  const emailsOf = async (taskId: string) => (await approvalEmails(smtp.t.system.app, undefined, taskId)).map(({ message }) => ({ to: message.to, status: message.status }));
  const toldOf = async (taskId: string) =>
    (await approvalEmails(smtp.t.system.app, undefined, taskId)).map(({ kind, reminder, message }) => `${kind}${reminder === null ? '' : ` ${reminder}`} to ${message.to.join(', ')}: ${message.subject}`);

  void it('lists the email sent when the task opened: not delivered yet, then sent by the retry', async () => {
    await smtp.t.apply(workflow('reject'));
    smtp.receiver.refuseNext(1, 451);
    const { taskId } = await openTask();
    const [deferred] = (await approvalEmails(smtp.t.system.app, undefined, taskId)).map(({ message }) => message);
    assert.equal(deferred?.status, 'sending');
    assert.match(deferred?.error ?? '', /451/);
    assert.equal(deferred?.nextAttemptAt?.toISOString(), '2026-12-01T09:01:00.000Z');
    clock.advance(60_000);
    await smtp.t.system.mailRetries.tick();
    assert.deepEqual(await emailsOf(taskId), [{ to: ['fran@example.com'], status: 'sent' }]);
  });

  void it('adds the email of an escalation, to another team and to the same team', async () => {
    for (const [team, approver] of [
      ['cfo', 'chief@example.com'],
      ['finance', 'fran@example.com'],
    ] as const) {
      await smtp.t.apply(workflow(`escalate:${team}`));
      const { taskId } = await openTask();
      assert.deepEqual(await emailsOf(taskId), [{ to: ['fran@example.com'], status: 'sent' }]);
      clock.advance(DAY);
      // The timeout is a due row: once the worker has nothing due and nothing in flight, it has escalated.
      await smtp.t.settle();
      assert.equal((await smtp.t.system.approvals.require(taskId)).assigneeTeam, team);
      assert.deepEqual(await emailsOf(taskId), [
        { to: ['fran@example.com'], status: 'sent' },
        { to: [approver], status: 'sent' },
      ], `escalated to ${team}`);
    }
  });

  void it('adds each reminder, in order and marked as one, also those after downtime and after an escalation', async () => {
    await smtp.t.apply(workflow('escalate:cfo', ['timeout: 2d', 'remind_every: 1d']));
    const { runId, taskId } = await openTask();
    clock.advance(DAY);
    await smtp.t.settle();
    clock.advance(DAY);
    await smtp.t.settle();
    assert.deepEqual(await toldOf(taskId), [
      'opened to fran@example.com: Approval needed: Sign off',
      'reminder 1 to fran@example.com: Reminder: Approval needed: Sign off',
      'escalated to chief@example.com: Approval needed: Sign off',
      'reminder 2 to chief@example.com: Reminder: Approval needed: Sign off',
    ]);
    // Down for two days: only the latest reminder went out.
    clock.advance(2 * DAY);
    await smtp.t.settle();
    assert.deepEqual((await toldOf(taskId)).slice(4), ['reminder 4 to chief@example.com: Reminder: Approval needed: Sign off']);
    assert.equal((await smtp.t.system.app.outbox.list({ runId, limit: 50 })).items.length, 5, 'every email of the run is listed');
  });
});

