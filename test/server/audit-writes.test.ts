// Audited changes write their entry in their own transaction, through their public paths: the money call of a
// refund names the run and both approvers, decisions record what the approver saw, a failed login is recorded,
// a refused publish leaves no entry, and no secret value reaches the trail.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Stripe from 'stripe';
import type { ApprovalTaskBody } from '../../src/server/approval-schemas.ts';
import type { RequestBody } from '../../src/server/catalog-schemas.ts';
import type { RunBody } from '../../src/server/response-schemas.ts';
import type { AuditEntry } from '../../src/core/audit-entry.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { startStripeStack, type StripeStack } from '../support/stripe-stack.ts';
import { waitForRun } from '../support/wait-for-run.ts';
import { bearer, PASSWORD, userWithKey } from './identity-fixtures.ts';

const example = readFileSync(new URL('../../examples/customer-refund.yaml', import.meta.url), 'utf8');

void describe('audited changes append their entry in their own transaction', () => {
  let stack: StripeStack;
  let stripe: Stripe;
  const keys: Record<string, string> = {};
  const call = async <T>(method: 'GET' | 'POST', url: string, payload?: object, who = 'admin'): Promise<{ status: number; body: T; text: string }> => {
    const response = await stack.server.inject({ method, url, headers: bearer(keys[who] ?? ''), ...(payload === undefined ? {} : { payload }) });
    return { status: response.statusCode, body: JSON.parse(response.body) as T, text: response.body };
  };
  const entries = async (): Promise<AuditEntry[]> => stack.system.store.audit.entriesAfter(0, 10_000);
  const pendingTask = async (runId: string): Promise<ApprovalTaskBody> => {
    stack.system.worker.wake();
    await waitForRun(stack.system.store, runId, { untilStatus: 'waiting' });
    const listed = await call<{ approvals: ApprovalTaskBody[] }>('GET', '/api/v1/approvals?status=pending');
    const task = listed.body.approvals.find((candidate) => candidate.run === runId);
    assert.ok(task, 'the run opened an approval task');
    return task;
  };

  before(async () => {
    stack = await startStripeStack();
    const url = new URL(stack.sandbox.url);
    stripe = new Stripe('sk_test_audit', { host: url.hostname, port: Number(url.port), protocol: 'http', maxNetworkRetries: 0 });
    await stack.apply(example);
    const { app } = stack.system;
    keys.admin = (await userWithKey(app, 'admin@example.com', ['admin'])).key;
    keys.casey = (await userWithKey(app, 'casey@example.com', ['approver'])).key;
    keys.fran = (await userWithKey(app, 'fran@example.com', ['approver'])).key;
    keys.rita = (await userWithKey(app, 'rita@example.com', ['requester'])).key;
  });
  after(() => stack.close());

  void it('records definition applies, with the connector config masked', async () => {
    const applied = (await entries()).filter((entry) => entry.action === 'definition.applied');
    assert.ok(applied.some((entry) => entry.target.type === 'workflow' && entry.target.id === 'customer-refund' && entry.detail.change === 'created'));
    assert.ok((await entries()).some((entry) => entry.action === 'workflow.published' && entry.target.id === 'customer-refund' && entry.detail.version === 1));
  });

  void it('records the refund as a money call by the run, naming both approvers, and each decision with what its approver saw', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 200_000, currency: 'usd', confirm: true, payment_method: 'pm_card_visa' });
    const charge = intent.latest_charge as string;
    const values = { customerEmail: 'ann@example.com', chargeIdToRefund: charge, refundAmount: 1500, reason: 'Duplicate charge', notes: 'Billed twice' };
    const submitted = await call<{ request: RequestBody; run: RunBody }>('POST', '/api/v1/catalog/offerings/refund-request/requests', { values }, 'rita');
    assert.equal(submitted.status, 201, submitted.text);
    const runId = submitted.body.run.id;
    const csm = await pendingTask(runId);
    assert.equal((await call('POST', `/api/v1/approvals/${csm.id}/decide`, { decision: 'approved', comment: 'ok' }, 'casey')).status, 200);
    const finance = await pendingTask(runId);
    assert.equal((await call('POST', `/api/v1/approvals/${finance.id}/decide`, { decision: 'approved' }, 'fran')).status, 200);
    stack.system.worker.wake();
    const finished = await waitForRun(stack.system.store, runId);
    assert.equal(finished.outcome, 'Refunded', JSON.stringify(finished.error));

    const all = await entries();
    const submittedEntry = all.find((entry) => entry.action === 'request.submitted' && entry.detail.run === runId);
    assert.deepEqual(submittedEntry?.actor, { type: 'user', id: 'rita@example.com', via: submittedEntry?.actor.via });
    assert.match(String(submittedEntry?.actor.via), /^api_key:/);
    const decision = all.find((entry) => entry.action === 'approval.decided' && entry.target.id === csm.id);
    assert.equal(decision?.actor.id, 'casey@example.com');
    assert.equal(decision?.detail.decision, 'approved');
    assert.equal(decision?.detail.comment, 'ok');
    const saw = JSON.stringify(decision?.detail.saw);
    assert.match(saw, /Refund 1,500.00 USD on ch_/, 'the summary the review showed');
    assert.match(saw, /Billed twice/, 'the request values');

    const money = all.filter((entry) => entry.action === 'money.moved' && entry.actor.id === runId);
    assert.equal(money.length, 1);
    const [moved] = money;
    assert.ok(moved);
    assert.deepEqual(moved.actor, { type: 'run', id: runId });
    assert.equal(moved.detail.workflow, 'customer-refund');
    assert.equal(moved.detail.amount, 150_000);
    assert.equal(moved.detail.currency, 'usd');
    assert.equal(moved.detail.charge, charge);
    assert.match(moved.detail.object as string, /^re_/);
    assert.equal(typeof moved.detail.idempotency_key, 'string');
    assert.equal(moved.serviceId !== null, true);
    const approvers = (moved.detail.approvals as { by: string }[]).map((approval) => approval.by);
    assert.deepEqual(approvers, ['casey@example.com', 'fran@example.com']);
  });

  void it('records a failed login on its own, with email and IP and never the password', async () => {
    const response = await stack.server.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'fran@example.com', password: 'not-the-password' } });
    assert.equal(response.statusCode, 401);
    const ok = await stack.server.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'fran@example.com', password: PASSWORD } });
    assert.equal(ok.statusCode, 200, ok.body);
    const all = await entries();
    const failed = all.find((entry) => entry.action === 'login.failed' && entry.target.id === 'fran@example.com');
    assert.equal(failed?.detail.email, 'fran@example.com');
    assert.ok('ip' in (failed?.detail ?? {}));
    assert.ok(all.some((entry) => entry.action === 'login.succeeded' && entry.actor.id === 'fran@example.com'));
  });

  void it('leaves no entry when the change is refused: a publish without a draft', async () => {
    const head = await stack.system.store.audit.head();
    const refused = await call('POST', '/api/v1/workflows/no-such-workflow/publish', {});
    assert.equal(refused.status, 404, refused.text);
    assert.deepEqual(await stack.system.store.audit.head(), head);
  });

  void it('records a connector variable set by name, and no secret value is anywhere in the trail', async () => {
    const secret = 'whsec_very_secret_value_123';
    const yaml = `kind: Connector\nid: hooks\ntype: webhook\nconfig:\n  url: https://example.com/hook\n  secret: "{{ env.AUDIT_HOOK_SECRET }}"\n`;
    assert.equal((await stack.server.inject({ method: 'POST', url: '/api/v1/apply', headers: { ...bearer(keys.admin ?? ''), 'content-type': 'application/yaml' }, payload: yaml })).statusCode, 200);
    const set = await call('POST', '/api/v1/connectors/hooks/variables', { name: 'AUDIT_HOOK_SECRET', value: secret });
    assert.equal(set.status, 200, set.text);
    const all = await entries();
    const entry = all.find((candidate) => candidate.action === 'connector.secret_set' && candidate.target.id === 'hooks');
    assert.deepEqual(entry?.detail, { connector: 'hooks', name: 'AUDIT_HOOK_SECRET' });
    const rows = await inspectDatabase(stack.system.store).selectFrom('audit_entries').selectAll().execute();
    const text = JSON.stringify(rows);
    assert.ok(!text.includes(secret), 'the value never reaches the trail');
    assert.ok(!text.includes(PASSWORD) && !text.includes('not-the-password'), 'no password either');
  });
});
