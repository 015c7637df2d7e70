// GET /api/v1/approvals narrowed to one team's or one workflow's tasks, a page at a time
// (`next_cursor`), for everyone's pending tasks and for one person's inbox alike; and an
// approval step's form, typed in the task, whose values a decision must give.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import type { ApprovalDecisionBody, ApprovalListItemBody, ApprovalTaskBody } from '../../src/server/approval-schemas.ts';
import type { ErrorBody } from '../../src/server/response-schemas.ts';
import { startApi, type ApiHarness } from './api-harness.ts';

interface Page {
  approvals: ApprovalListItemBody[];
  next_cursor: string | null;
  filtered_workflow: { id: string; title: string } | null;
}

const DEFINITIONS = `
kind: Team
id: finance
title: Finance
members: [{ email: fran@example.com }, { email: fay@example.com }]
---
kind: Team
id: risk
title: Risk
members: [{ email: sam@example.com }]
---
kind: Workflow
id: payout-check
title: Payout check
trigger: { type: manual }
steps:
  - id: sign_off
    type: approval
    title: Payout sign-off
    assignee: { team: finance }
    form:
      - { key: reference, label: Bank reference, type: text, required: true, pattern: "^BR-" }
      - { key: fee, label: Fee, type: money }
  - { id: done, type: end, outcome: Paid }
---
kind: Workflow
id: risk-check
title: Risk check
trigger: { type: manual }
steps:
  - id: look
    type: approval
    assignee: { team: risk }
  - { id: done, type: end, outcome: Looked }
---
kind: Workflow
id: finance-review
title: Finance review
trigger: { type: manual }
steps:
  - id: review
    type: approval
    assignee: { team: finance }
  - { id: done, type: end, outcome: Reviewed }
`;

void describe('the approvals list by team and workflow, a page at a time', () => {
  let api: ApiHarness;
  /** Run ids by workflow, in the order they started. */
  const runs: Record<string, string[]> = { 'payout-check': [], 'risk-check': [], 'finance-review': [] };

  const page = async (query: string): Promise<Page> => {
    const answer = await api.get<Page>(`/api/v1/approvals?${query}`);
    assert.equal(answer.status, 200, answer.text);
    return answer.body;
  };
  /** Every page of a listing, following `next_cursor`: the task ids in order and the sizes of the pages. */
  const everyPage = async (query: string): Promise<{ ids: string[]; sizes: number[] }> => {
    const ids: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const answer: Page = await page(cursor === null ? query : `${query}&cursor=${encodeURIComponent(cursor)}`);
      ids.push(...answer.approvals.map((task) => task.id));
      sizes.push(answer.approvals.length);
      cursor = answer.next_cursor;
      assert.ok(sizes.length <= 20, 'the pages end');
    } while (cursor !== null);
    return { ids, sizes };
  };

  before(async () => {
    api = await startApi();
    const applied = await api.postYaml('/api/v1/apply', DEFINITIONS);
    assert.equal(applied.status, 200, applied.text);
    // Interleaved, so that one team's or workflow's tasks are not simply the newest.
    for (const workflow of ['payout-check', 'risk-check', 'finance-review', 'payout-check', 'risk-check', 'payout-check', 'finance-review', 'payout-check', 'payout-check']) {
      const run = await invokeWorkflow(api.t.system.app, { workflowId: workflow, input: {} });
      await api.t.waitForRun(run.id, { untilStatus: 'waiting' });
      runs[workflow]?.push(run.id);
    }
  });
  after(() => api.close());

  void it('keeps one team\'s or one workflow\'s pending tasks, newest first', async () => {
    const finance = await page('status=pending&team=finance');
    assert.equal(finance.approvals.length, 7);
    assert.ok(finance.approvals.every((task) => task.assignee_team === 'finance'));
    assert.equal(finance.next_cursor, null, 'one page holds them');
    const risk = await page('status=pending&team=risk');
    assert.deepEqual(risk.approvals.map((task) => task.run), [...(runs['risk-check'] ?? [])].reverse());
    const payouts = await page('status=pending&workflow=payout-check');
    assert.deepEqual(payouts.approvals.map((task) => task.run), [...(runs['payout-check'] ?? [])].reverse());
    const both = await page('status=pending&team=finance&workflow=finance-review');
    assert.deepEqual(both.approvals.map((task) => task.run), [...(runs['finance-review'] ?? [])].reverse());
    assert.deepEqual((await page('status=pending&team=risk&workflow=payout-check')).approvals, []);
    assert.deepEqual((await page('status=pending&team=nobody')).approvals, [], 'an unknown team has no tasks');
  });

  void it('names the workflow it keeps by its title, with no task of it matching too, so the filter needs no workflow list', async () => {
    assert.deepEqual((await page('status=pending&workflow=payout-check')).filtered_workflow, { id: 'payout-check', title: 'Payout check' });
    const none = await page('status=pending&team=risk&workflow=payout-check');
    assert.deepEqual([none.approvals, none.filtered_workflow], [[], { id: 'payout-check', title: 'Payout check' }]);
    assert.equal((await page('status=pending&workflow=no-such-workflow')).filtered_workflow, null, 'no workflow has that id');
    assert.equal((await page('status=pending')).filtered_workflow, null, 'without the filter');
  });

  void it('pages through every task once, in order, with or without a filter', async () => {
    const whole = (await page('status=pending&limit=200')).approvals.map((task) => task.id);
    assert.equal(whole.length, 9);
    const paged = await everyPage('status=pending&limit=2');
    assert.deepEqual(paged.ids, whole);
    assert.deepEqual(paged.sizes, [2, 2, 2, 2, 1]);
    const exact = await everyPage('status=pending&limit=3');
    assert.deepEqual(exact.sizes, [3, 3, 3], 'a last page that is full says there is no next one');

    const financeWhole = (await page('status=pending&team=finance')).approvals.map((task) => task.id);
    const financePaged = await everyPage('status=pending&team=finance&limit=3');
    assert.deepEqual(financePaged.ids, financeWhole);
    assert.deepEqual(financePaged.sizes, [3, 3, 1]);
  });

  void it("pages through one person's inbox, their delegators' tasks included, by team", async () => {
    const now = Date.now();
    const delegated = await api.post('/api/v1/approvals/delegations', { delegate: 'fran@example.com', starts_at: new Date(now - 60_000).toISOString(), ends_at: new Date(now + 86_400_000).toISOString(), by: 'sam@example.com' });
    assert.equal(delegated.status, 201, delegated.text);
    const inbox = (await page('status=pending&mine=true&as=fran@example.com&limit=200')).approvals;
    assert.equal(inbox.length, 9, "Fran's finance tasks and, as Sam's delegate, the risk ones");
    const paged = await everyPage('status=pending&mine=true&as=fran@example.com&limit=4');
    assert.deepEqual(paged.ids, inbox.map((task) => task.id));
    assert.deepEqual(paged.sizes, [4, 4, 1]);
    const risk = await everyPage('status=pending&mine=true&as=fran@example.com&team=risk&limit=1');
    assert.deepEqual(risk.ids, inbox.filter((task) => task.assignee_team === 'risk').map((task) => task.id));
    assert.deepEqual((await page('status=pending&mine=true&as=fay@example.com&team=risk')).approvals, [], "Fay is no one's delegate");
  });

  void it('refuses a cursor it did not give, naming it', async () => {
    for (const cursor of ['nonsense', '12|', '|apt_1', `${'9'.repeat(16)}|apt_1`]) {
      const answer = await api.get<ErrorBody>(`/api/v1/approvals?status=pending&cursor=${encodeURIComponent(cursor)}`);
      assert.equal(answer.status, 400, `${cursor}: ${answer.text}`);
      assert.equal(answer.body.error.code, 'request_invalid');
      assert.equal(answer.body.error.path, 'cursor');
    }
  });

  void it("answers the approver's form with the task; approving needs its values, checked by field, and the task keeps them", async () => {
    const [task] = (await page(`status=pending&workflow=payout-check&limit=1`)).approvals;
    assert.ok(task);
    assert.deepEqual(task.form, [
      { key: 'reference', label: 'Bank reference', type: 'text', required: true, pattern: '^BR-' },
      { key: 'fee', label: 'Fee', type: 'money', required: false },
    ]);
    const url = `/api/v1/approvals/${task.id}/decide`;
    const missing = await api.post<ErrorBody>(url, { decision: 'approved', by: 'fran@example.com' });
    assert.equal(missing.status, 400, missing.text);
    assert.equal(missing.body.error.code, 'form_invalid');
    assert.deepEqual(missing.body.error.issues?.map((issue) => issue.path), ['values.reference']);
    const bad = await api.post<ErrorBody>(url, { decision: 'approved', by: 'fran@example.com', values: { reference: 'XX-1', fee: '1.234 usd' } });
    assert.equal(bad.status, 400, bad.text);
    assert.deepEqual(bad.body.error.issues?.map((issue) => issue.path), ['values.reference', 'values.fee']);

    const approved = await api.post<{ approval: ApprovalTaskBody; decisions: ApprovalDecisionBody[] }>(url, { decision: 'approved', by: 'fran@example.com', values: { reference: 'BR-2291', fee: { amount: '2.50', currency: 'usd' } } });
    assert.equal(approved.status, 200, approved.text);
    const values = { reference: 'BR-2291', fee: { amount: 2.5, currency: 'usd' } };
    assert.deepEqual(approved.body.approval.outcome?.values, values);
    assert.deepEqual(approved.body.decisions[0]?.values, values);
    const run = await api.t.waitForRun(task.run);
    assert.equal(run.outcome, 'Paid');
    const detail = await api.get<{ run: { variables: { sign_off?: { decision: string; values?: unknown } } } }>(`/api/v1/runs/${task.run}`);
    assert.equal(detail.body.run.variables.sign_off?.decision, 'approved');
    assert.deepEqual(detail.body.run.variables.sign_off.values, values, "the step's output holds the values, for the steps after it");
  });
});
