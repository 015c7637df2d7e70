import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ApprovalDecisionBody, ApprovalTaskBody } from '../../src/server/approval-schemas.ts';
import type { RequestBody } from '../../src/server/catalog-schemas.ts';
import type { ErrorBody, RunBody } from '../../src/server/response-schemas.ts';
import { startApi, type ApiHarness } from './api-harness.ts';
import { CATALOG_YAML, GOOD_REFUND } from './catalog-fixture.ts';

interface Submitted {
  request: RequestBody;
  run: RunBody;
}
interface ApprovalDetail {
  approval: ApprovalTaskBody;
  decisions: ApprovalDecisionBody[];
}

void describe('approvals over HTTP', () => {
  let api: ApiHarness;

  /** Casey (a CSM member) submits a refund request; it parks on the CSM review task. */
  const caseyRequest = async (): Promise<{ submitted: Submitted; task: ApprovalTaskBody }> => {
    const answer = await api.post<Submitted>('/api/v1/catalog/offerings/refund/requests', { values: GOOD_REFUND, requester: 'casey@example.com' });
    assert.equal(answer.status, 201, answer.text);
    await api.t.waitForRun(answer.body.run.id, { untilStatus: 'waiting' });
    const tasks = await api.get<{ approvals: ApprovalTaskBody[] }>('/api/v1/approvals?status=pending');
    const task = tasks.body.approvals.find((candidate) => candidate.run === answer.body.run.id);
    assert.ok(task, 'the run opened an approval task');
    return { submitted: answer.body, task };
  };

  before(async () => {
    api = await startApi();
    const applied = await api.postYaml('/api/v1/apply', CATALOG_YAML);
    assert.equal(applied.status, 200, applied.text);
  });
  after(() => api.close());

  void it('lists the inbox of an approver, never the requester\'s own request', async () => {
    const { task, submitted } = await caseyRequest();
    assert.deepEqual(task.approvers, ['cam@example.com'], 'the requester is not among the approvers');
    assert.equal(task.requester, 'casey@example.com');
    assert.equal(task.request, submitted.request.id);
    const cams = await api.get<{ approvals: ApprovalTaskBody[] }>('/api/v1/approvals?status=pending&mine=true&as=cam@example.com');
    assert.equal(cams.status, 200);
    assert.ok(cams.body.approvals.some((candidate) => candidate.id === task.id));
    const caseys = await api.get<{ approvals: ApprovalTaskBody[] }>('/api/v1/approvals?status=pending&mine=true&as=casey@example.com');
    assert.equal(caseys.body.approvals.length, 0);
    const badStatus = await api.get<ErrorBody>('/api/v1/approvals?status=maybe');
    assert.equal(badStatus.status, 400);
    assert.equal(badStatus.body.error.code, 'request_invalid');
  });

  void it('refuses outsiders (naming who may decide), the requester, and a rejection without a comment; an approver decides', async () => {
    const { task, submitted } = await caseyRequest();
    const url = `/api/v1/approvals/${task.id}/decide`;

    const outsider = await api.post<ErrorBody>(url, { decision: 'approved', by: 'mallory@example.com' });
    assert.equal(outsider.status, 403);
    assert.equal(outsider.body.error.code, 'not_an_approver');
    assert.match(outsider.body.error.message, /members of team csm \(cam@example\.com\)/);

    const requester = await api.post<ErrorBody>(url, { decision: 'approved', by: 'casey@example.com' });
    assert.equal(requester.status, 403);
    assert.equal(requester.body.error.code, 'separation_of_duties');
    assert.match(requester.body.error.message, /casey@example\.com submitted this request/);

    const bare = await api.post<ErrorBody>(url, { decision: 'rejected', by: 'cam@example.com' });
    assert.equal(bare.status, 400);
    assert.equal(bare.body.error.code, 'comment_required');
    const anonymous = await api.post<ErrorBody>(url, { decision: 'approved' });
    assert.equal(anonymous.status, 400);
    assert.equal(anonymous.body.error.code, 'caller_unknown');

    const approved = await api.post<ApprovalDetail>(url, { decision: 'approved', comment: 'looks right', by: 'cam@example.com' });
    assert.equal(approved.status, 200, approved.text);
    assert.equal(approved.body.approval.status, 'approved');
    assert.equal(approved.body.approval.outcome?.by, 'cam@example.com');
    const again = await api.post<ErrorBody>(url, { decision: 'approved', by: 'cam@example.com' });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'approval_already_decided');

    const detail = await api.get<ApprovalDetail>(`/api/v1/approvals/${task.id}`);
    assert.equal(detail.status, 200);
    assert.deepEqual(detail.body.decisions.map((decision) => [decision.by, decision.decision, decision.comment]), [['cam@example.com', 'approved', 'looks right']]);
    const finished = await api.t.waitForRun(submitted.run.id);
    assert.equal(finished.outcome, 'Refunded');
    const missing = await api.get<ErrorBody>('/api/v1/approvals/apt_nope');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'approval_not_found');
  });

  void it("names a task's workflow by its title in the list, the task, its review, its request and the decision's answer, so no page waits for the workflow names", async () => {
    const { task, submitted } = await caseyRequest();
    assert.deepEqual([task.workflow, task.workflow_title], ['refund-request', 'Refund request'], 'the list');
    const detail = await api.get<ApprovalDetail>(`/api/v1/approvals/${task.id}`);
    assert.equal(detail.body.approval.workflow_title, 'Refund request', 'the task');
    const review = await api.get<{ approval: ApprovalTaskBody }>(`/api/v1/approvals/${task.id}/review`);
    assert.equal(review.status, 200, review.text);
    assert.equal(review.body.approval.workflow_title, 'Refund request', 'its review');
    const request = await api.get<{ pending_approvals: ApprovalTaskBody[] }>(`/api/v1/requests/${submitted.request.id}`);
    assert.deepEqual(request.body.pending_approvals.map((pending) => pending.workflow_title), ['Refund request'], "its request's pending approvals");
    const decided = await api.post<ApprovalDetail>(`/api/v1/approvals/${task.id}/decide`, { decision: 'approved', by: 'cam@example.com' });
    assert.equal(decided.status, 200, decided.text);
    assert.equal(decided.body.approval.workflow_title, 'Refund request', "the decision's answer");
    await api.t.waitForRun(submitted.run.id);
  });

  void it('a delegate decides for an approver who is away', async () => {
    const now = Date.now();
    const delegation = await api.post<{ delegation: { user: string; delegate: string } } & ErrorBody>('/api/v1/approvals/delegations', {
      delegate: 'deputy@example.com',
      starts_at: new Date(now - 60_000).toISOString(),
      ends_at: new Date(now + 86_400_000).toISOString(),
      by: 'Cam@example.com',
    });
    assert.equal(delegation.status, 201, delegation.text);
    assert.deepEqual(delegation.body.delegation, { ...delegation.body.delegation, user: 'cam@example.com', delegate: 'deputy@example.com' });
    const backwards = await api.post<ErrorBody>('/api/v1/approvals/delegations', {
      delegate: 'deputy@example.com',
      starts_at: new Date(now).toISOString(),
      ends_at: new Date(now - 1000).toISOString(),
      by: 'cam@example.com',
    });
    assert.equal(backwards.status, 400);
    assert.equal(backwards.body.error.code, 'delegation_invalid');

    const { task } = await caseyRequest();
    const inbox = await api.get<{ approvals: ApprovalTaskBody[] }>('/api/v1/approvals?status=pending&mine=true&as=deputy@example.com');
    assert.ok(inbox.body.approvals.some((candidate) => candidate.id === task.id), "the delegate's inbox holds the task");
    const decided = await api.post<ApprovalDetail>(`/api/v1/approvals/${task.id}/decide`, { decision: 'approved', by: 'deputy@example.com' });
    assert.equal(decided.status, 200, decided.text);
    assert.equal(decided.body.approval.outcome?.by, 'deputy@example.com (for cam@example.com)');
    assert.equal(decided.body.decisions[0]?.on_behalf_of, 'cam@example.com');
  });
});
