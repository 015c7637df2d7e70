import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/clock.ts';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { publishWorkflow } from '../../src/application/workflow-admin.ts';
import { taskAuthorityView } from '../../src/application/approval-authority-view.ts';
import { decideApproval } from '../../src/approvals/decide-approval.ts';
import { authorityTeams, refundWorkflow } from '../support/authority-fixture.ts';
import { createTestSystem, type TestSystem } from '../support/test-system.ts';

void describe('approver authority and separation of duties', () => {
  let t: TestSystem;
  let clock: ManualClock;
  const decide = (taskId: string, by: string, decision: 'approved' | 'rejected' = 'approved') =>
    decideApproval({ approvals: t.system.approvals, store: t.system.store, clock, wakeWorker: () => t.system.worker.wake() }, { taskId, by, decision });
  const pendingTask = async (runId: string) => {
    await t.waitForRun(runId, { untilStatus: 'waiting' });
    const [task] = await t.system.approvals.list({ runId, status: 'pending', limit: 5 });
    assert.ok(task, 'a pending task');
    return task;
  };
  const start = async (workflowId: string, refundAmount: number) => (await invokeWorkflow(t.system.app, { workflowId, input: { refundAmount } })).id;

  before(async () => {
    clock = new ManualClock(new Date('2026-03-01T09:00:00Z'));
    t = await createTestSystem({ clock });
    await t.apply(authorityTeams);
    await t.apply(refundWorkflow('refund'));
  });
  after(() => t.close());

  void it('Casey, in both csm and finance, approves CSM and is refused on Finance; someone else approves it', async () => {
    const runId = await start('refund', 1500);
    await decide((await pendingTask(runId)).id, 'casey@example.com');
    const finance = await pendingTask(runId);
    assert.equal(finance.assigneeTeam, 'finance');
    assert.ok(finance.approvers.includes('casey@example.com'), 'Casey is one of its approvers');
    await assert.rejects(decide(finance.id, 'casey@example.com'), (error: { code: string; message: string }) => {
      assert.equal(error.code, 'separation_of_duties');
      assert.match(error.message, /already decided "CSM review" \(step csm_review\)/);
      return true;
    });
    const view = await taskAuthorityView(t.system.app, finance, 'casey@example.com');
    assert.deepEqual(
      { can: view.can_decide, code: view.reason_code, note: view.note },
      { can: false, code: 'separation_of_duties', note: 'You decided “CSM review” in this run; one person decides one approval step of a run.' },
    );
    await decide(finance.id, 'fran@example.com');
    assert.equal((await t.waitForRun(runId)).outcome, 'Refunded');
  });

  void it('a 6,000 USD task is refused for a member with a 5,000 limit and decided by one with 10,000', async () => {
    const runId = await start('refund', 6000);
    await decide((await pendingTask(runId)).id, 'cora@example.com');
    const finance = await pendingTask(runId);
    assert.deepEqual(finance.stake, { amount: 6000, currency: 'usd' }, 'the task records what is at stake');
    await assert.rejects(decide(finance.id, 'fran@example.com'), (error: { code: string; message: string }) => {
      assert.equal(error.code, 'approval_authority_exceeded');
      assert.match(error.message, /up to 5,000 USD/);
      assert.match(error.message, /6,000 USD/);
      return true;
    });
    const franView = await taskAuthorityView(t.system.app, finance, 'fran@example.com');
    assert.equal(franView.can_decide, false);
    assert.equal(franView.needs_limit, null, "frank's limit covers it");
    assert.equal((await taskAuthorityView(t.system.app, finance, 'frank@example.com')).can_decide, true);
    await decide(finance.id, 'frank@example.com');
    assert.equal((await t.waitForRun(runId)).outcome, 'Refunded');
  });

  void it('a task no member can decide says what limit it needs (another currency does not count)', async () => {
    await t.apply(refundWorkflow('refund-juniors', { financeTeam: 'juniors' }));
    const runId = await start('refund-juniors', 6000);
    await decide((await pendingTask(runId)).id, 'cora@example.com');
    const task = await pendingTask(runId);
    const view = await taskAuthorityView(t.system.app, task, 'jay@example.com');
    assert.equal(view.needs_limit_text, 'needs someone with a limit of at least 6,000 USD');
    assert.equal(view.reason_code, 'approval_authority_exceeded');
    await assert.rejects(decide(task.id, 'jay@example.com'), { code: 'approval_authority_exceeded' });
  });

  void it('the person who published the running version cannot decide its tasks', async () => {
    await t.apply(refundWorkflow('refund-authored'));
    const version = await publishWorkflow(t.system.app, { id: 'refund-authored', fromVersion: 1, activate: true, publishedBy: 'cora@example.com' });
    assert.equal(version.publishedBy, 'cora@example.com');
    const runId = await start('refund-authored', 50);
    const csm = await pendingTask(runId);
    await assert.rejects(decide(csm.id, 'cora@example.com'), (error: { code: string; message: string }) => {
      assert.equal(error.code, 'author_cannot_approve');
      assert.match(error.message, /cora@example.com published the workflow version/);
      return true;
    });
    await decide(csm.id, 'casey@example.com');
  });

  void it('a workflow may switch both rules off in its policy block', async () => {
    await t.apply(refundWorkflow('refund-relaxed', { policy: 'policy: { approvals: { distinct_approvers: false, author_cannot_approve: false } }' }));
    await publishWorkflow(t.system.app, { id: 'refund-relaxed', fromVersion: 1, activate: true, publishedBy: 'casey@example.com' });
    const runId = await start('refund-relaxed', 1500);
    await decide((await pendingTask(runId)).id, 'casey@example.com');
    await decide((await pendingTask(runId)).id, 'casey@example.com');
    assert.equal((await t.waitForRun(runId)).outcome, 'Refunded');
  });

  void it('a delegate counts as deciding: who decided CSM for someone cannot then decide Finance', async () => {
    const runId = await start('refund', 100);
    await t.system.approvals.delegate({ userEmail: 'cora@example.com', delegateEmail: 'frank@example.com', startsAt: new Date(clock.now().getTime() - 1000), endsAt: new Date(clock.now().getTime() + 86_400_000), now: clock.now() });
    await decide((await pendingTask(runId)).id, 'frank@example.com');
    const finance = await pendingTask(runId);
    await assert.rejects(decide(finance.id, 'frank@example.com'), { code: 'separation_of_duties' });
    await decide(finance.id, 'fran@example.com');
    assert.equal((await t.waitForRun(runId)).outcome, 'Refunded');
  });
});
