import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocuments } from '../../../src/definition/parse-documents.ts';
import type { WorkflowDocument } from '../../../src/definition/schema.ts';
import { validateDocuments, type ValidateOptions } from '../../../src/definition/validate-documents.ts';
import { fakeOperations } from './fake-operations.ts';

const refunding = (id: string, event: string, extra = '') => `kind: Workflow
id: ${id}
trigger: { type: event, event: ${event}${extra} }
steps:
  - id: refund
    type: action
    uses: stripe.refunds.create
    with: { charge: "{{ object.charge }}" }
`;

const tagging = (id: string, event: string) => `kind: Workflow
id: ${id}
trigger: { type: event, event: ${event} }
steps:
  - id: tag
    type: action
    uses: stripe.customers.update
    with: { id: "{{ object.customer }}", metadata: { seen: "yes" } }
`;

function check(yaml: string, options: Partial<ValidateOptions> = {}) {
  const result = validateDocuments(parseDocuments(yaml, { source: 'batch.yaml' }), { operations: fakeOperations, ...options });
  assert.ok(result.ok, result.ok ? '' : result.issues.map((issue) => issue.message).join('\n'));
  return result.warnings;
}

function workflowOf(yaml: string): WorkflowDocument {
  const result = validateDocuments(parseDocuments(yaml), { operations: fakeOperations });
  assert.ok(result.ok);
  return result.documents[0] as WorkflowDocument;
}

void describe('two active workflows that move money on the same event type', () => {
  void it('is a warning on the later workflow of the batch; the batch stays valid', () => {
    const warnings = check(`${refunding('dispute-refund', 'charge.dispute.created')}---\n${refunding('goodwill', '[charge.succeeded, "charge.dispute.*"]')}`);
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0]?.severity, 'warning');
    assert.equal(warnings[0]?.document, 'Workflow goodwill');
    assert.equal(warnings[0]?.location, 'batch.yaml:12:32');
    assert.equal(
      warnings[0]?.message,
      'trigger.event: this workflow and workflow "dispute-refund" of this batch both start on charge.dispute.created and both move money ' +
        '(stripe.refunds.create at steps[0] here, stripe.refunds.create at steps[0] there): one event would run both; ' +
        'if that is not intended, make their `when` conditions exclusive or deactivate one',
    );
  });

  void it('compares with the workflows active in the store, following workflow steps into the workflows they start', () => {
    const stored = workflowOf(refunding('stored-refund', '"*"'));
    const caller = `kind: Workflow
id: caller
trigger: { type: event, event: refund.created }
steps:
  - { id: delegate, type: workflow, workflow: stored-refund }
`;
    const warnings = check(caller, { activeWorkflows: [stored], knownWorkflows: ['stored-refund'] });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]?.message ?? '', /this workflow and the active workflow "stored-refund" both start on refund\.created and both move money \(stripe\.refunds\.create at steps\[0\] of workflow "stored-refund" here/);
    // The batch's version of a stored workflow replaces it.
    assert.deepEqual(check(tagging('stored-refund', '"*"'), { activeWorkflows: [stored] }), []);
  });

  void it('says nothing when only one moves money, the events or accounts differ, or the batch is only drafted', () => {
    assert.deepEqual(check(`${refunding('a', 'charge.dispute.created')}---\n${tagging('b', 'charge.dispute.created')}`), []);
    assert.deepEqual(check(`${refunding('a', 'charge.dispute.created')}---\n${refunding('b', 'charge.refunded')}`), []);
    assert.deepEqual(check(`${refunding('a', 'charge.refunded', ', account: self')}---\n${refunding('b', 'charge.refunded', ', account: connected')}`), []);
    assert.deepEqual(check(`${refunding('a', 'charge.refunded')}---\n${refunding('b', 'charge.refunded')}`, { batchActivates: false }), []);
  });
});
