import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Stripe from 'stripe';
import { ManualClock } from '../../../src/core/clock.ts';
import { startSandbox, type SandboxFixture } from './sandbox-fixture.ts';

/** Asserts a call fails with Stripe's 4xx invalid_request_error of this status, code and param, and a message matching `message`. */
async function refused(call: Promise<unknown>, expected: { status: number; code?: string; param?: string; message: RegExp }): Promise<void> {
  await assert.rejects(call, (error: unknown) => {
    assert.ok(error instanceof Stripe.errors.StripeInvalidRequestError, String(error));
    assert.equal(error.statusCode, expected.status);
    assert.equal(error.code, expected.code);
    assert.equal(error.param, expected.param);
    assert.match(error.message, expected.message);
    return true;
  });
}

void describe('Stripe sandbox: disputes', () => {
  let fx: SandboxFixture;
  const clock = new ManualClock(new Date('2026-03-01T12:00:00Z'));
  before(async () => {
    fx = await startSandbox({ clock });
  });
  after(() => fx.close());

  const openDispute = (options: { charge?: string } = {}): Stripe.Dispute => fx.sandbox.trigger('charge.dispute.created', options).data.object as unknown as Stripe.Dispute;
  const eventsOf = async (type: string, id: string): Promise<Stripe.Event[]> =>
    (await fx.stripe.events.list({ type, limit: 100 })).data.filter((event) => (event.data.object as { id: string }).id === id);

  void it('keeps a triggered dispute: GET /v1/disputes/:id answers it, as the event carried it, and lists filter by charge and payment intent', async () => {
    const dispute = openDispute();
    const retrieved = await fx.stripe.disputes.retrieve(dispute.id);
    assert.deepEqual({ ...retrieved, lastResponse: undefined }, { ...dispute, lastResponse: undefined });
    assert.equal(retrieved.status, 'needs_response');
    assert.equal(retrieved.evidence.customer_name, null);
    assert.deepEqual(
      { due_by: retrieved.evidence_details.due_by, has_evidence: retrieved.evidence_details.has_evidence, submission_count: retrieved.evidence_details.submission_count },
      { due_by: Date.parse('2026-03-08T12:00:00Z') / 1000, has_evidence: false, submission_count: 0 },
    );
    const other = openDispute();
    const byCharge = await fx.stripe.disputes.list({ charge: dispute.charge as string });
    assert.deepEqual(byCharge.data.map((item) => item.id), [dispute.id]);
    const byIntent = await fx.stripe.disputes.list({ payment_intent: other.payment_intent as string });
    assert.deepEqual(byIntent.data.map((item) => item.id), [other.id]);
    const all = await fx.stripe.disputes.list({ limit: 1 });
    assert.deepEqual(all.data.map((item) => item.id), [other.id]);
    assert.equal(all.has_more, true);
    const charge = await fx.stripe.charges.retrieve(dispute.charge as string, { expand: ['payment_intent'] });
    assert.equal(charge.disputed, true);
  });

  void it('stages evidence with submit=false (status unchanged, has_evidence), then submits it once: under_review, submission_count 1, charge.dispute.updated each time', async () => {
    const dispute = openDispute();
    const staged = await fx.stripe.disputes.update(dispute.id, { evidence: { customer_name: 'Jenny Rosen', product_description: 'Annual plan' }, metadata: { case: '42' }, submit: false });
    assert.equal(staged.status, 'needs_response');
    assert.equal(staged.evidence_details.has_evidence, true);
    assert.equal(staged.evidence_details.submission_count, 0);
    assert.equal(staged.evidence.customer_name, 'Jenny Rosen');
    assert.deepEqual(staged.metadata, { case: '42' });
    const submitted = await fx.stripe.disputes.update(dispute.id, { evidence: { shipping_tracking_number: 'Z0123', receipt: 'file_receipt' }, submit: true });
    assert.equal(submitted.status, 'under_review');
    assert.equal(submitted.evidence_details.submission_count, 1);
    assert.equal(submitted.evidence.customer_name, 'Jenny Rosen', 'evidence fields merge');
    assert.equal(submitted.evidence.shipping_tracking_number, 'Z0123');
    assert.equal(submitted.evidence.receipt, 'file_receipt');
    const updates = await eventsOf('charge.dispute.updated', dispute.id);
    assert.equal(updates.length, 2);
    assert.deepEqual(updates[0]?.data.previous_attributes, { status: 'needs_response', evidence: { shipping_tracking_number: null, receipt: null }, evidence_details: { submission_count: 0 } });
  });

  void it('submits by default when evidence is given without submit, as Stripe does; metadata alone submits nothing', async () => {
    const dispute = openDispute();
    const tagged = await fx.stripe.disputes.update(dispute.id, { metadata: { seen: 'yes' } });
    assert.equal(tagged.status, 'needs_response');
    const submitted = await fx.stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: 'Signed contract on file' } });
    assert.equal(submitted.status, 'under_review');
    assert.equal(submitted.evidence_details.submission_count, 1);
  });

  void it('refuses evidence, a second submission and closing once evidence is submitted; metadata may still change', async () => {
    const dispute = openDispute();
    await fx.stripe.disputes.update(dispute.id, { evidence: { customer_email_address: 'jenny@example.com' }, submit: true });
    await refused(fx.stripe.disputes.update(dispute.id, { evidence: { customer_name: 'Late' }, submit: false }), { status: 400, param: 'evidence', message: /already been submitted/ });
    await refused(fx.stripe.disputes.update(dispute.id, { submit: true }), { status: 400, param: 'submit', message: /already been submitted/ });
    await refused(fx.stripe.disputes.close(dispute.id), { status: 400, message: /can no longer be closed: its evidence has already been submitted/ });
    const after = await fx.stripe.disputes.update(dispute.id, { metadata: { note: 'kept' } });
    assert.equal(after.evidence_details.submission_count, 1);
    assert.equal(after.metadata.note, 'kept');
  });

  void it('closes a dispute as lost with charge.dispute.closed; a closed dispute takes no evidence and cannot be closed again', async () => {
    const dispute = openDispute();
    const closed = await fx.stripe.disputes.close(dispute.id);
    assert.equal(closed.status, 'lost');
    const events = await eventsOf('charge.dispute.closed', dispute.id);
    assert.equal(events.length, 1);
    assert.deepEqual(events[0]?.data.previous_attributes, { status: 'needs_response' });
    await refused(fx.stripe.disputes.close(dispute.id), { status: 400, message: /already closed \(status lost\)/ });
    await refused(fx.stripe.disputes.update(dispute.id, { evidence: { customer_name: 'x' }, submit: false }), { status: 400, param: 'evidence', message: /already closed/ });
    assert.equal((await fx.stripe.disputes.retrieve(dispute.id)).evidence_details.submission_count, 0);
  });

  void it('answers unknown ids with 404 resource_missing and unknown or malformed evidence with parameter errors', async () => {
    await refused(fx.stripe.disputes.retrieve('dp_missing'), { status: 404, code: 'resource_missing', param: 'id', message: /No such dispute: 'dp_missing'/ });
    await refused(fx.stripe.disputes.close('dp_missing'), { status: 404, code: 'resource_missing', param: 'id', message: /No such dispute/ });
    const dispute = openDispute();
    await refused(fx.stripe.disputes.update(dispute.id, { evidence: { customer_nmae: 'x' } as Stripe.DisputeUpdateParams.Evidence, submit: false }), {
      status: 400,
      code: 'parameter_unknown',
      param: 'evidence[customer_nmae]',
      message: /unknown parameter: evidence\[customer_nmae\]/,
    });
    await refused(fx.stripe.disputes.update(dispute.id, { evidence: { receipt: 'not-a-file' }, submit: false }), { status: 404, code: 'resource_missing', param: 'evidence[receipt]', message: /No such file/ });
    await refused(fx.stripe.disputes.update(dispute.id, { submit: true }), { status: 400, param: 'submit', message: /provide evidence before/ });
    await refused(fx.stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: 'x'.repeat(150_001) }, submit: false }), { status: 400, param: 'evidence', message: /limited to 150000/ });
    assert.equal((await fx.stripe.disputes.retrieve(dispute.id)).evidence_details.has_evidence, false, 'refused updates change nothing');
  });

  void it('refuses evidence after the due date', async () => {
    const dispute = openDispute();
    clock.advance(8 * 86_400_000);
    await refused(fx.stripe.disputes.update(dispute.id, { evidence: { customer_name: 'Late' }, submit: true }), { status: 400, param: 'evidence', message: /was due by 2026-03-\d\dT12:00:00.000Z/ });
  });

  void it('replays a submission or a close sent again with the same Idempotency-Key: one submission, one closed event', async () => {
    const dispute = openDispute();
    const first = await fx.stripe.disputes.update(dispute.id, { evidence: { customer_name: 'Once' }, submit: true }, { idempotencyKey: 'submit-once' });
    const again = await fx.stripe.disputes.update(dispute.id, { evidence: { customer_name: 'Once' }, submit: true }, { idempotencyKey: 'submit-once' });
    assert.equal(again.lastResponse.headers['idempotent-replayed'], 'true');
    assert.equal(again.evidence_details.submission_count, first.evidence_details.submission_count);
    assert.equal((await fx.stripe.disputes.retrieve(dispute.id)).evidence_details.submission_count, 1);
    const other = openDispute();
    await fx.stripe.disputes.close(other.id, {}, { idempotencyKey: 'close-once' });
    const replayed = await fx.stripe.disputes.close(other.id, {}, { idempotencyKey: 'close-once' });
    assert.equal(replayed.status, 'lost');
    assert.equal((await eventsOf('charge.dispute.closed', other.id)).length, 1);
  });
});

void describe('Stripe sandbox: disputes in the state file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-sandbox-disputes-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  void it('keeps disputes across a restart, and loads a state file written before disputes were kept', async () => {
    const stateFile = join(dir, 'state.json');
    const first = await startSandbox({ stateFile });
    const dispute = first.sandbox.trigger('charge.dispute.created', {}).data.object as unknown as Stripe.Dispute;
    await first.stripe.disputes.update(dispute.id, { evidence: { customer_name: 'Kept' }, submit: false });
    await first.close();
    const second = await startSandbox({ stateFile });
    try {
      const kept = await second.stripe.disputes.retrieve(dispute.id);
      assert.equal(kept.evidence.customer_name, 'Kept');
      assert.equal(kept.status, 'needs_response');
    } finally {
      await second.close();
    }

    const older = join(dir, 'older.json');
    const customer = { id: 'cus_old', object: 'customer', created: 1, livemode: false, email: null, name: 'Old', description: null, phone: null, metadata: {} };
    writeFileSync(older, JSON.stringify({ format: 'tollgate-stripe-sandbox', version: 2, collections: { customers: [customer] }, idempotency: [], deliveries: [] }));
    const third = await startSandbox({ stateFile: older });
    try {
      assert.equal((await third.stripe.customers.retrieve('cus_old') as Stripe.Customer).name, 'Old');
      assert.deepEqual((await third.stripe.disputes.list()).data, []);
    } finally {
      await third.close();
    }
  });

  void it('an inquiry (warning_needs_response) goes to warning_under_review on submit and warning_closed on close', async () => {
    // The trigger opens chargebacks; an inquiry comes from a state file, as a saved sandbox would hold one.
    const stateFile = join(dir, 'inquiries.json');
    const first = await startSandbox({ stateFile });
    const ids = [0, 1].map(() => (first.sandbox.trigger('charge.dispute.created', {}).data.object as { id: string }).id);
    await first.close();
    const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as { collections: { disputes: { status: string }[] } };
    for (const dispute of saved.collections.disputes) dispute.status = 'warning_needs_response';
    writeFileSync(stateFile, JSON.stringify(saved));
    const second = await startSandbox({ stateFile });
    try {
      const submitted = await second.stripe.disputes.update(ids[0] ?? '', { evidence: { customer_name: 'J' }, submit: true });
      assert.equal(submitted.status, 'warning_under_review');
      const closed = await second.stripe.disputes.close(ids[1] ?? '');
      assert.equal(closed.status, 'warning_closed');
    } finally {
      await second.close();
    }
  });
});
