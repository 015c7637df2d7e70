// A task's emails, as its page lists them (GET /api/v1/approvals/:id/emails):
// the one sent when it opened, whether it went out, and the one sent when it
// was escalated, also to the same team.
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

const workflow = (onTimeout: string) => signOffWorkflow(['timeout: 1d', `on_timeout: "${onTimeout}"`]);

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
  const emailsOf = async (taskId: string) => (await approvalEmails(smtp.t.system.app, undefined, taskId)).map((mail) => ({ to: mail.to, status: mail.status }));

  void it('lists the email sent when the task opened: not delivered yet, then sent by the retry', async () => {
    await smtp.t.apply(workflow('reject'));
    smtp.receiver.refuseNext(1, 451);
    const { taskId } = await openTask();
    const [deferred] = await approvalEmails(smtp.t.system.app, undefined, taskId);
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
      clock.advance(86_400_000);
      // The timeout is a due row: once the worker has nothing due and nothing in flight, it has escalated.
      await smtp.t.settle();
      assert.equal((await smtp.t.system.approvals.require(taskId)).assigneeTeam, team);
      assert.deepEqual(await emailsOf(taskId), [
        { to: ['fran@example.com'], status: 'sent' },
        { to: [approver], status: 'sent' },
      ], `escalated to ${team}`);
    }
  });
});
