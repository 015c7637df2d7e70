import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import type { ApprovalListItemBody } from '../../src/server/approval-schemas.ts';
import { authorityTeams, refundWorkflow } from '../support/authority-fixture.ts';
import { startApi, type ApiHarness } from './api-harness.ts';

void describe('the approvals list says whether the caller can decide each task', () => {
  let api: ApiHarness;

  const list = async (query: string): Promise<ApprovalListItemBody[]> => {
    const answer = await api.get<{ approvals: ApprovalListItemBody[] }>(`/api/v1/approvals?${query}`);
    assert.equal(answer.status, 200, answer.text);
    return answer.body.approvals;
  };
  /** A refund run whose CSM review `csm` approved: it waits on the Finance task. */
  const atFinance = async (refundAmount: number, csm: string): Promise<string> => {
    const runId = (await invokeWorkflow(api.t.system.app, { workflowId: 'refund', input: { refundAmount } })).id;
    await api.t.waitForRun(runId, { untilStatus: 'waiting' });
    const review = (await list('status=pending')).find((task) => task.run === runId);
    assert.ok(review, 'the CSM review is open');
    const decided = await api.post(`/api/v1/approvals/${review.id}/decide`, { decision: 'approved', by: csm });
    assert.equal(decided.status, 200, decided.text);
    await api.t.waitForRun(runId, { untilStatus: 'waiting' });
    return runId;
  };
  const financeTask = async (runId: string, query: string): Promise<ApprovalListItemBody> => {
    const task = (await list(query)).find((candidate) => candidate.run === runId && candidate.step_path === 'finance_approval');
    assert.ok(task, `the Finance task is listed for ${query}`);
    return task;
  };

  before(async () => {
    api = await startApi();
    const applied = await api.postYaml('/api/v1/apply', `${authorityTeams}---${refundWorkflow('refund')}`);
    assert.equal(applied.status, 200, applied.text);
  });
  after(() => api.close());

  void it('Casey, after approving CSM, sees the Finance task in their inbox as one they cannot decide, and why', async () => {
    const runId = await atFinance(1500, 'casey@example.com');
    const task = await financeTask(runId, 'status=pending&mine=true&as=casey@example.com');
    assert.equal(task.can_decide, false);
    assert.match(task.cannot_decide_reason ?? '', /casey@example\.com already decided "CSM review" \(step csm_review\)/);
    // Written to Casey: the step by its title, no email, no step id.
    assert.equal(task.cannot_decide_code, 'separation_of_duties');
    assert.equal(task.cannot_decide_note, 'You decided “CSM review” in this run; one person decides one approval step of a run.');
    const frans = await financeTask(runId, 'status=pending&mine=true&as=fran@example.com');
    assert.deepEqual({ can: frans.can_decide, reason: frans.cannot_decide_reason }, { can: true, reason: null });
  });

  void it('a member whose limit is under the stake sees the task as not theirs to decide; the whole list judges the caller too', async () => {
    const runId = await atFinance(6000, 'cora@example.com');
    const frans = await financeTask(runId, 'status=pending&mine=true&as=fran@example.com');
    assert.equal(frans.can_decide, false);
    assert.match(frans.cannot_decide_reason ?? '', /may approve up to 5,000 USD/);
    assert.deepEqual([frans.cannot_decide_code, frans.cannot_decide_note], ['approval_authority_exceeded', 'Your approval limit is 5,000 USD; this task is about 6,000 USD.']);
    const franks = await financeTask(runId, 'status=pending&as=frank@example.com');
    assert.deepEqual({ can: franks.can_decide, reason: franks.cannot_decide_reason }, { can: true, reason: null });
    const nobody = await financeTask(runId, 'status=pending');
    assert.equal(nobody.can_decide, false);
    assert.match(nobody.cannot_decide_reason ?? '', /no caller to judge/);
    assert.deepEqual([nobody.cannot_decide_code, nobody.cannot_decide_note], [null, null], 'no rule refused anyone');
  });

  void it('a task no longer pending is not decidable and has no reason', async () => {
    const runId = await atFinance(100, 'cora@example.com');
    const decided = (await list('status=approved&as=cora@example.com')).find((task) => task.run === runId);
    assert.ok(decided);
    assert.deepEqual({ can: decided.can_decide, reason: decided.cannot_decide_reason }, { can: false, reason: null });
  });
});
