import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatIssue } from '../../../src/definition/definition-issue.ts';
import { documentFromValue } from '../../../src/definition/parse-documents.ts';
import { validateDocuments } from '../../../src/definition/validate-documents.ts';
import { issuesOf, messagesOf, workflowYaml } from './definition-test-helpers.ts';
import { fakeOperations } from './fake-operations.ts';

const END = '  - id: done\n    type: end\n';

void describe('schema checks', () => {
  void it('names an unknown field with the field it probably meant, at the field\'s own line', () => {
    const issues = issuesOf(workflowYaml(`  - id: pay\n    type: action\n    uses: stripe.refunds.create\n    wiht: { amount: 100 }\n${END}`));
    assert.equal(issues.length, 1);
    const issue = issues[0]!;
    assert.equal(issue.message, 'steps[0].wiht: unknown field `wiht` (did you mean `with`?)');
    assert.equal(issue.path, 'Workflow test-flow: steps[0].wiht');
    assert.equal(issue.location, 'test.yaml:12:5');
    assert.equal(formatIssue(issue), 'test.yaml:12:5 Workflow test-flow: steps[0].wiht: unknown field `wiht` (did you mean `with`?)');
  });

  void it('lists the allowed fields when an unknown one is not close to any', () => {
    const [message] = messagesOf(workflowYaml(`  - id: done\n    type: end\n    colour: red\n`));
    assert.equal(message, 'steps[0].colour: unknown field `colour`; allowed fields: `id`, `title`, `next`, `type`, `outcome` or `status`');
  });

  void it('names an unknown step type and lists the valid ones', () => {
    const [message] = messagesOf(workflowYaml(`  - id: check\n    type: decison\n${END}`));
    assert.equal(
      message,
      'steps[0].type: unknown type "decison" (did you mean "decision"?); use "action", "decision", "approval", "wait", "parallel", "foreach", "set", "workflow" or "end"',
    );
  });

  void it('names an unknown document kind and lists the valid ones', () => {
    const issues = issuesOf('kind: Workflo\nid: x\n');
    assert.equal(issues.length, 1);
    assert.equal(issues[0]?.message, 'kind: unknown document kind "Workflo" (did you mean "Workflow"?); use "Workflow", "Team", "Service", "Connector" or "Policy"');
    assert.equal(issues[0]?.location, 'test.yaml:1:7');
  });

  void it('says what a document without a kind needs', () => {
    assert.deepEqual(messagesOf('id: x\n'), ['kind: missing `kind`; use "Workflow", "Team", "Service", "Connector" or "Policy"']);
  });

  void it('says clearly that a decision needs otherwise', () => {
    const [message] = messagesOf(workflowYaml(`  - id: check\n    type: decision\n    branches:\n      - { when: refundAmount > 5, next: done }\n${END}`));
    assert.equal(message, 'steps[0].otherwise: a decision needs `otherwise`: the step to go to when no branch matches');
  });

  void it('reports a missing required field by name, at the step', () => {
    const issues = issuesOf(workflowYaml(`  - id: pay\n    type: action\n${END}`));
    assert.equal(issues[0]?.message, 'steps[0].uses: missing required field `uses`');
    assert.equal(issues[0]?.location, 'test.yaml:9:5');
  });

  void it('reports wrong types, bad values and bad formats in the words of the format', () => {
    const messages = messagesOf(
      workflowYaml(
        `  - id: wait_a_bit\n    type: wait\n    for: soon\n  - id: done\n    type: end\n    status: ok\n  - id: vote\n    type: approval\n    assignee: { team: 7 }\n`,
      ),
    );
    assert.deepEqual(messages, [
      'steps[0].for: a duration such as 30s, 15m, 2h, 7d',
      'steps[1].status: "ok" is not allowed; use "succeeded", "failed" or "cancelled"',
      'steps[2].assignee: team: expected a string, got number 7',
    ]);
  });

  void it('reports empty lists with the number of items needed', () => {
    assert.deepEqual(messagesOf('kind: Workflow\nid: x\ntrigger: { type: manual }\nsteps: []\n'), ['steps: needs at least 1 item']);
  });

  void it('reports a document that is not a mapping', () => {
    const result = validateDocuments([documentFromValue('just text', { source: 'api' })], { operations: fakeOperations });
    assert.ok(!result.ok);
    assert.equal(result.issues[0]?.message, 'expected a mapping (key: value), got the text "just text"');
    assert.equal(result.issues[0]?.path, 'document #1');
  });

  void it('accepts ids with capitals, as the published JSON Schema does', () => {
    assert.deepEqual(messagesOf(workflowYaml('  - id: processRefund\n    type: end\n')), []);
  });

  void it('still runs the other checks when the only schema problems are unknown fields', () => {
    const messages = messagesOf(workflowYaml(`  - id: done\n    type: end\n    colour: red\n  - id: orphan\n    type: end\n`));
    assert.equal(messages.length, 2);
    assert.match(messages[1]!, /^steps\[1\]: step "orphan" is never reached/);
  });

  void it('still checks the valid steps of a workflow with an invalid step', () => {
    const messages = messagesOf(
      workflowYaml(`  - id: check\n    type: decison\n  - id: pay\n    type: action\n    uses: stripe.refund.create\n    next: dnoe\n${END}`),
    );
    assert.deepEqual(messages.map((message) => message.split(':')[0]), ['steps[0].type', 'steps[1].uses', 'steps[1].next']);
    assert.match(messages[2]!, /no step "dnoe" \(did you mean "done"\?\)/);
  });
});
