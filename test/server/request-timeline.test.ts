import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { webhookPostSpec } from '../../src/connectors/webhook/webhook-post-operation.ts';
import { foreignErrorCode } from '../../src/core/error-codes.ts';
import { PermanentError } from '../../src/core/errors.ts';
import type { Operation } from '../../src/engine/operation.ts';
import type { ApprovalTaskBody } from '../../src/server/approval-schemas.ts';
import type { RequestBody } from '../../src/server/catalog-schemas.ts';
import type { TimelineEntryBody } from '../../src/server/request-timeline-schemas.ts';
import type { ErrorBody, RunBody } from '../../src/server/response-schemas.ts';
import { startApi, type ApiHarness } from './api-harness.ts';
import { bearer, userWithKey } from './identity-fixtures.ts';

/** A refund that answers an id, and fails above 9,000 (as a card network might). */
const refundOperation: Operation = {
  spec: { name: 'test.refund', description: 'refunds in the test', connectorType: null, params: { amount: { required: true, description: 'major units' } } },
  execute(input) {
    if (Number(input.amount) > 9000) return Promise.reject(new PermanentError(foreignErrorCode('refund_refused'), 'the card network refused a refund this large'));
    return Promise.resolve({ id: `re_test_${String(input.amount)}`, amount: input.amount });
  },
};
/** webhook.post without a connector: the message "goes out" and the step succeeds. */
const sentMessages: unknown[] = [];
const messageOperation: Operation = {
  spec: { ...webhookPostSpec, connectorType: null },
  execute(input) {
    sentMessages.push(input.body);
    return Promise.resolve({ status: 200, headers: {}, body: null });
  },
};

const YAML = `
kind: Team
id: csm
title: CSM Team
members: [{ email: casey@example.com, name: Casey Chen }]
---
kind: Workflow
id: refund-flow
title: Refund flow
trigger:
  type: form
  form:
    - { key: customerEmail, type: email, required: true }
    - { key: amount, type: number, required: true, min: 0.01 }
steps:
  - id: csm_review
    type: approval
    title: CSM Review
    assignee: { team: csm }
    require_comment_on_reject: true
    on: { approved: refund, rejected: tell_denied }
  - id: refund
    type: action
    title: Process Refund
    uses: test.refund
    with: { amount: "{{ amount }}" }
    on_error: tell_denied
  - id: tell_refunded
    type: action
    title: Send Confirmation
    uses: webhook.post
    with: { body: { to: "{{ customerEmail }}", subject: Your refund has been processed } }
  - { id: refunded, type: end, outcome: Refunded }
  # No title: the timeline names it by its id in words, "Tell denied".
  - id: tell_denied
    type: action
    uses: webhook.post
    with: { body: { to: "{{ customerEmail }}", subject: Your refund request was not approved } }
  - { id: denied, type: end, outcome: Denied }
---
kind: Service
id: cs
title: Customer Success
offerings:
  - { id: refund, title: Refund, workflow: refund-flow }
`;

interface Submitted {
  request: RequestBody;
  run: RunBody;
}

void describe('the timeline of a request', () => {
  let api: ApiHarness;
  const keys: Record<string, string> = {};
  const as = (who: string) => bearer(keys[who] ?? '');
  const submit = async (who: string, amount: number) => {
    const answer = await api.call<Submitted & ErrorBody>({ method: 'POST', url: '/api/v1/catalog/offerings/refund/requests', headers: as(who), payload: { values: { customerEmail: 'pat@example.com', amount } } });
    assert.equal(answer.status, 201, answer.text);
    return answer.body;
  };
  const timeline = async (who: string, id: string) => {
    const answer = await api.call<{ timeline: TimelineEntryBody[] } & ErrorBody>({ method: 'GET', url: `/api/v1/requests/${id}/timeline`, headers: as(who) });
    assert.equal(answer.status, 200, answer.text);
    return answer.body.timeline;
  };
  const decide = async (run: RunBody, decision: 'approved' | 'rejected', comment?: string) => {
    await api.t.waitForRun(run.id, { untilStatus: 'waiting' });
    const tasks = await api.call<{ approvals: ApprovalTaskBody[] }>({ method: 'GET', url: `/api/v1/approvals?status=pending&mine=true`, headers: as('casey') });
    const task = tasks.body.approvals.find((candidate) => candidate.run === run.id);
    assert.ok(task, `a pending task of run ${run.id}`);
    const decided = await api.call({ method: 'POST', url: `/api/v1/approvals/${task.id}/decide`, headers: as('casey'), payload: { decision, ...(comment === undefined ? {} : { comment }) } });
    assert.equal(decided.status, 200, decided.text);
    await api.t.waitForRun(run.id);
  };

  before(async () => {
    api = await startApi({ auth: 'required', operations: [refundOperation, messageOperation] });
    const admin = await userWithKey(api.t.system.app, 'admin@example.com', ['admin']);
    const applied = await api.call({ method: 'POST', url: '/api/v1/apply', headers: { ...bearer(admin.key), 'content-type': 'application/yaml' }, payload: YAML });
    assert.equal(applied.status, 200, applied.text);
    keys.rae = (await userWithKey(api.t.system.app, 'rae@example.com', ['requester'])).key;
    keys.ann = (await userWithKey(api.t.system.app, 'ann@example.com', ['requester'])).key;
    keys.casey = (await userWithKey(api.t.system.app, 'casey@example.com', ['approver'])).key;
  });
  after(() => api.close());

  void it('approved: who approved and when, the refund id, the message sent, the outcome', async () => {
    const { request, run } = await submit('rae', 1500);
    await api.t.waitForRun(run.id, { untilStatus: 'waiting' });
    const waiting = await timeline('rae', request.id);
    assert.deepEqual(waiting.map((entry) => entry.kind), ['submitted', 'approval_waiting']);
    assert.deepEqual(waiting[0], { kind: 'submitted', at: request.created_at, by: { email: 'rae@example.com', name: null } });
    assert.deepEqual(waiting[1]?.kind === 'approval_waiting' && waiting[1].team, { id: 'csm', title: 'CSM Team' });

    await decide(run, 'approved', 'Looks right');
    const done = await timeline('rae', request.id);
    assert.deepEqual(done.map((entry) => entry.kind), ['submitted', 'approval_decided', 'action', 'message', 'ended']);
    const [, approval, refund, message, ended] = done;
    assert.ok(approval?.kind === 'approval_decided');
    assert.deepEqual({ title: approval.title, decision: approval.decision, by: approval.by, comment: approval.comment }, {
      title: 'CSM Review',
      decision: 'approved',
      by: { email: 'casey@example.com', name: 'Casey Chen' },
      comment: 'Looks right',
    });
    assert.ok(refund?.kind === 'action');
    assert.deepEqual({ title: refund.title, operation: refund.operation, status: refund.status, reference: refund.reference, error: refund.error }, {
      title: 'Process Refund',
      operation: 'test.refund',
      status: 'succeeded',
      reference: 're_test_1500',
      error: null,
    });
    assert.ok(message?.kind === 'message');
    assert.deepEqual({ to: message.to, subject: message.subject }, { to: 'pat@example.com', subject: 'Your refund has been processed' });
    assert.ok(ended?.kind === 'ended');
    assert.deepEqual({ status: ended.status, outcome: ended.outcome }, { status: 'succeeded', outcome: 'Refunded' });
    const times = done.map((entry) => Date.parse(entry.at));
    assert.deepEqual(times, [...times].sort((a, b) => a - b), 'oldest first');
  });

  void it('rejected: the reason is there; a refused refund shows its error', async () => {
    const rejected = await submit('rae', 80);
    await decide(rejected.run, 'rejected', 'Refund window expired');
    const denied = await timeline('rae', rejected.request.id);
    assert.deepEqual(denied.map((entry) => entry.kind), ['submitted', 'approval_decided', 'message', 'ended']);
    assert.ok(denied[1]?.kind === 'approval_decided');
    assert.deepEqual({ decision: denied[1].decision, comment: denied[1].comment }, { decision: 'rejected', comment: 'Refund window expired' });
    assert.ok(denied[2]?.kind === 'message');
    assert.deepEqual({ step: denied[2].step, title: denied[2].title }, { step: 'tell_denied', title: 'Tell denied' });
    assert.ok(denied[3]?.kind === 'ended');
    assert.equal(denied[3].outcome, 'Denied');

    const refused = await submit('rae', 9500);
    await decide(refused.run, 'approved');
    const failed = await timeline('rae', refused.request.id);
    const refund = failed.find((entry) => entry.kind === 'action');
    assert.ok(refund?.kind === 'action');
    assert.deepEqual({ status: refund.status, reference: refund.reference, error: refund.error }, { status: 'failed', reference: null, error: 'the card network refused a refund this large' });
  });

  void it("another requester's timeline is refused; an unknown request is 404", async () => {
    const { request } = await submit('ann', 20);
    const others = await api.call<ErrorBody>({ method: 'GET', url: `/api/v1/requests/${request.id}/timeline`, headers: as('rae') });
    assert.equal(others.status, 403);
    assert.equal(others.body.error.code, 'not_your_request');
    const missing = await api.call<ErrorBody>({ method: 'GET', url: '/api/v1/requests/req_nope/timeline', headers: as('rae') });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'request_not_found');
  });
});
