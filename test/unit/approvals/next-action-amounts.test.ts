// The approval review says what an approval leads to, money included. An amount Tollgate cannot format (a
// currency it does not know, a fraction of a cent) is shown as given: the review never fails over it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextActionsOnApproval, type ChargeCurrency } from '../../../src/engine/approval-next-action.ts';
import { parseDocuments } from '../../../src/definition/parse-documents.ts';
import type { WorkflowDocument } from '../../../src/definition/schema.ts';
import { assertValid } from '../../../src/definition/validate-documents.ts';
import { fakeOperations } from '../definition/fake-operations.ts';

function refundAfterApproval(amount: string): WorkflowDocument {
  const yaml = `kind: Workflow
id: refund-after-approval
trigger: { type: manual }
steps:
  - { id: approve, type: approval, assignee: { users: [fin@example.com] } }
  - id: refund
    type: action
    uses: stripe.refunds.create
    with: { charge: ch_1, amount: ${amount} }
`;
  const [document] = assertValid(parseDocuments(yaml, { source: 'test.yaml' }), { operations: fakeOperations });
  return document as WorkflowDocument;
}

/** The review's line for the refund, its charge in `currency` as Stripe answers (or what the look-up found instead). */
async function refundSummary(amount: string, currency: string | ChargeCurrency): Promise<string | undefined> {
  const found: ChargeCurrency = typeof currency === 'string' ? { kind: 'found', currency, refundable: 500_000 } : currency;
  const steps = await nextActionsOnApproval(
    { movesMoney: (uses) => fakeOperations.get(uses)?.movesMoney === true, expressionTimeoutMs: 1000, currencyOf: () => Promise.resolve(found) },
    { definition: refundAfterApproval(amount), stepPath: 'approve', variables: {}, approvalOutput: { decision: 'approved' } },
  );
  const refund = steps.find((step) => step.step === 'refund');
  return refund?.kind === 'action' ? refund.summary : undefined;
}

test('an amount of a known currency reads in major units with its code', async () => {
  assert.equal(await refundSummary('150000', 'usd'), 'Refund 1,500.00 USD on ch_1');
});

test('an amount that is not one of its currency is shown as given, and the review still answers', async () => {
  assert.equal(await refundSummary('500', 'xyz'), 'Refund 500 (minor units of "xyz", not an amount Tollgate can read) on ch_1');
  assert.equal(await refundSummary('12.5', 'usd'), 'Refund 12.5 (minor units of "usd", not an amount Tollgate can read) on ch_1');
});

test('a charge that cannot be found or read: the amount as the workflow gives it, the charge named and why its currency is unknown', async () => {
  assert.equal(await refundSummary('1500', { kind: 'not_found' }), 'Refund 1500 (the amount as the workflow gives it) on ch_1: charge ch_1 could not be found, so its currency is unknown');
  assert.equal(await refundSummary('1500', { kind: 'unreadable' }), 'Refund 1500 (the amount as the workflow gives it) on ch_1: charge ch_1 could not be read from Stripe, so its currency is unknown');
  assert.equal(await refundSummary('null', { kind: 'not_found' }), 'Refund the full amount on ch_1: charge ch_1 could not be found');
});
