import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidInputError } from '../../../src/core/errors.ts';
import { parseDocuments } from '../../../src/definition/parse-documents.ts';
import { assertValid, validateDocuments } from '../../../src/definition/validate-documents.ts';
import { issuesOf, workflowYaml } from './definition-test-helpers.ts';
import { fakeOperations } from './fake-operations.ts';

const BROKEN = `kind: Workflow
id: refund
trigger:
  type: form
  form:
    - { key: refundAmount, type: number }
steps:
  - id: review
    type: approval
    assignee: { team: csm }
    on: { approved: procss_refund, rejected: denied }
  - id: process_refund
    type: action
    uses: stripe.refund.create
    with:
      amount: "{{ refundAmout }}"
  - id: check
    type: decision
    branches:
      - { when: "refundAmount >", next: done }
    otherwise: done
  - id: done
    type: end
    outcome: Refunded
  - id: denied
    type: end
---
kind: Service
id: cs
offerings: [{ id: refund-request, workflow: refnd }]
---
kind: Team
id: csm
members: [{ email: casey@example.com, rol: admin }]
`;

void describe('a definition with several errors', () => {
  void it('reports all of them, in file order, each with its location', () => {
    const result = validateDocuments(parseDocuments(BROKEN, { source: 'refund.yaml' }), { operations: fakeOperations });
    assert.ok(!result.ok);
    assert.deepEqual(
      result.issues.map((issue) => `${issue.location} ${issue.message.split(':')[0]}`),
      [
        'refund.yaml:11:21 steps[0].on.approved',
        'refund.yaml:14:11 steps[1].uses',
        'refund.yaml:16:15 steps[1].with.amount',
        'refund.yaml:20:17 steps[2].branches[0].when',
        'refund.yaml:30:45 offerings[0].workflow',
        'refund.yaml:34:39 members[0].rol',
      ],
    );
    assert.match(result.issues[4]!.message, /no workflow "refnd" \(did you mean "refund"\?\)/);
    assert.match(result.issues[5]!.message, /unknown field `rol` \(did you mean `role`\?\)/);
  });

  void it('assertValid throws definition_invalid listing every problem', () => {
    try {
      assertValid(parseDocuments(BROKEN, { source: 'refund.yaml' }), { operations: fakeOperations });
      assert.fail('expected assertValid to throw');
    } catch (error) {
      assert.ok(error instanceof InvalidInputError);
      assert.equal(error.code, 'definition_invalid');
      assert.equal(error.issues.length, 6);
      const lines = error.message.split('\n');
      assert.equal(lines[0], '6 problems in the definition:');
      assert.equal(lines[1], '  refund.yaml:11:21 Workflow refund: steps[0].on.approved: no step "procss_refund" (did you mean "process_refund"?)');
      assert.equal(error.path, 'Workflow refund: steps[0].on.approved');
    }
  });

  void it('assertValid returns the parsed documents when there is nothing wrong', () => {
    const documents = assertValid(parseDocuments('kind: Team\nid: csm\n'), { operations: fakeOperations });
    assert.deepEqual(documents, [{ kind: 'Team', id: 'csm', members: [] }]);
  });
});

void describe('a document that fails the schema still has its other parts checked', () => {
  void it('a decision without `otherwise` reports its broken expression and misspelled `next` too', () => {
    const issues = issuesOf(
      workflowYaml(`  - id: check
    type: decision
    branches:
      - { when: "refundAmount >", next: refnd }
  - id: refund
    type: action
    uses: stripe.refunds.create
    with: { charge: "{{ chargeId }}", amount: "{{ refundAmout }}" }
`),
    );
    assert.deepEqual(
      issues.map((issue) => issue.message),
      [
        'steps[0].otherwise: a decision needs `otherwise`: the step to go to when no branch matches',
        'steps[0].branches[0].when: expression "refundAmount >" does not parse: Unexpected end of expression at character 14; fix the JSONata syntax',
        'steps[0].branches[0].next: no step "refnd" (did you mean "refund"?)',
        'steps[1].with.amount: "refundAmout" is not provided by the trigger or any step (did you mean "refundAmount"?)',
      ],
    );
  });

  void it('a step that cannot be repaired stands in for the variable it provides, and the other steps are checked', () => {
    const messages = issuesOf(
      workflowYaml(`  - id: lookup
    type: action
    uses: "not an operation"
    output: charge
  - id: tag
    type: set
    values: { seen: "{{ charge.id }}", amount: "{{ refundAmout }}" }
    next: dnoe
  - { id: done, type: end }
`),
    ).map((issue) => issue.message);
    assert.deepEqual(messages, [
      'steps[0].uses: a connector operation such as stripe.refunds.create',
      'steps[1].values.amount: "refundAmout" is not provided by the trigger or any step (did you mean "refundAmount"?)',
      'steps[1].next: no step "dnoe" (did you mean "done"?)',
    ]);
  });
});
