import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { issuesOf, messagesOf, workflowYaml } from './definition-test-helpers.ts';

const approval = workflowYaml('  - id: review\n    type: approval\n    assignee: { team: finanse }\n');

void describe('catalog and cross-document checks', () => {
  void it('requires an offering\'s workflow to be in the batch or already known', () => {
    const service = 'kind: Service\nid: cs\nofferings:\n  - { id: refund, workflow: customer-refnd }\n';
    assert.deepEqual(messagesOf(service, { knownWorkflows: ['customer-refund'] }), [
      'offerings[0].workflow: no workflow "customer-refnd" (did you mean "customer-refund"?); define a Workflow document with this id, or apply it first',
    ]);
    assert.deepEqual(messagesOf(`${service}---\n${workflowYaml('  - { id: done, type: end }\n').replace('test-flow', 'customer-refnd')}`), []);
  });

  void it('requires offering ids to be unique in a service', () => {
    const service = 'kind: Service\nid: cs\nofferings:\n  - { id: refund, workflow: a }\n  - { id: refund, workflow: a }\n';
    assert.deepEqual(messagesOf(service, { knownWorkflows: ['a'] }), [
      'offerings[1].id: offering id "refund" is already used by offerings[0]; give each offering its own id',
    ]);
  });

  void it('requires an approval\'s team to be in the batch or already known', () => {
    assert.deepEqual(messagesOf(approval, { knownTeams: ['finance'] }), [
      'steps[0].assignee.team: no team "finanse" (did you mean "finance"?); define a Team document with this id, or apply it first',
    ]);
    assert.deepEqual(messagesOf(`${approval}---\nkind: Team\nid: finanse\n`, { knownTeams: [] }), []);
  });

  void it("requires the teams of an email step's recipients and of an escalation to exist", () => {
    const steps = `  - id: review
    type: approval
    assignee: { team: finance }
    timeout: 2d
    on_timeout: "escalate:finanse-leads"
  - id: tell
    type: action
    uses: email.send
    with:
      to: { team: csm }
      cc: [ops@example.com, { team: "fnance" }, { team: "{{ chargeId }}" }, { users: [a@example.com] }]
      subject: Refund
`;
    assert.deepEqual(messagesOf(workflowYaml(steps), { knownTeams: ['finance', 'finance-leads'] }), [
      'steps[0].on_timeout: no team "finanse-leads" (did you mean "finance-leads"?); define a Team document with this id, or apply it first',
      'steps[1].with.to.team: no team "csm"; define a Team document with this id, or apply it first',
      'steps[1].with.cc[1].team: no team "fnance" (did you mean "finance"?); define a Team document with this id, or apply it first',
    ]);
    assert.deepEqual(messagesOf(`${workflowYaml(steps)}---\nkind: Team\nid: csm\n`, { knownTeams: ['finance', 'finance-leads', 'fnance', 'finanse-leads'] }), []);
  });

  void it('leaves approval teams unchecked when the caller does not say which teams exist', () => {
    assert.deepEqual(messagesOf(approval), []);
  });

  void it('lists each team member once', () => {
    assert.deepEqual(messagesOf('kind: Team\nid: csm\nmembers:\n  - { email: casey@example.com }\n  - { email: Casey@example.com }\n'), [
      'members[1].email: Casey@example.com is already a member (members[0]); list each person once',
    ]);
  });

  void it('reports a document id used twice for the same kind, but not across kinds', () => {
    const issues = issuesOf('kind: Team\nid: ops\n---\nkind: Team\nid: ops\n---\nkind: Connector\nid: ops\ntype: http\n');
    assert.equal(issues.length, 1);
    assert.equal(issues[0]?.message, 'id: Team "ops" is defined twice (also in test.yaml document 1); give each Team its own id or remove one');
    assert.equal(issues[0]?.location, 'test.yaml:5:5');
  });
});
