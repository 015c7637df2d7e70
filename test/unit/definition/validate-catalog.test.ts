import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredWorkflowTriggers } from '../../../src/definition/offering-check.ts';
import { parseDocuments } from '../../../src/definition/parse-documents.ts';
import { validateDocuments, type ValidateOptions } from '../../../src/definition/validate-documents.ts';
import type { TriggerType } from '../../../src/definition/schema.ts';
import { issuesOf, messagesOf, workflowYaml } from './definition-test-helpers.ts';
import { fakeOperations } from './fake-operations.ts';

/** A stored workflow whose versions 1, 2, ... start by these triggers; `latest` runs the last one unless told. */
function stored(id: string, triggers: TriggerType[], latest: TriggerType | null = triggers.at(-1) ?? null): StoredWorkflowTriggers {
  return { id, newest: triggers.length, versions: new Map(triggers.map((trigger, index) => [index + 1, trigger])), latest };
}

const offering = (fields: string) => `kind: Service\nid: billing\nofferings:\n  - { id: credit, ${fields} }\n`;

const approval = workflowYaml('  - id: review\n    type: approval\n    assignee: { team: finanse }\n');

void describe('catalog and cross-document checks', () => {
  void it('requires an offering\'s workflow to be in the batch or already known', () => {
    const service = 'kind: Service\nid: cs\nofferings:\n  - { id: refund, workflow: customer-refnd }\n';
    assert.deepEqual(messagesOf(service, { knownWorkflows: ['customer-refund'] }), [
      'offerings[0].workflow: no workflow "customer-refnd" (did you mean "customer-refund"?); define a Workflow document with this id, or apply it first',
    ]);
    assert.deepEqual(messagesOf(`${service}---\n${workflowYaml('  - { id: done, type: end }\n').replace('test-flow', 'customer-refnd')}`), []);
  });

  void it("refuses an offering whose workflow starts by anything but a form, at the version it runs, at the offering's field", () => {
    const known = { knownWorkflows: ['refund', 'by-hand', 'changed'], storedWorkflows: [stored('refund', ['form']), stored('by-hand', ['manual']), stored('changed', ['form', 'manual'])] };
    assert.deepEqual(issuesOf(offering('workflow: by-hand'), known).map((issue) => [issue.path, issue.message]), [
      ['Service billing: offerings[0].workflow', 'offerings[0].workflow: workflow "by-hand" starts by a manual trigger, so it has no form to offer; pick a workflow with a form trigger, or give "by-hand" one'],
    ]);
    assert.deepEqual(messagesOf(offering('workflow: refund'), known), []);
    // `latest` runs version 2 (manual); version 1 still has the form.
    assert.match(messagesOf(offering('workflow: changed'), known)[0] ?? '', /^offerings\[0\]\.workflow: workflow "changed" starts by a manual trigger/);
    assert.deepEqual(messagesOf(offering('workflow: changed, version: 1'), known), []);
    assert.deepEqual(messagesOf(offering('workflow: changed, version: 2'), known), [
      'offerings[0].version: version 2 of workflow "changed" starts by a manual trigger, so it has no form to offer; pin a version with a form trigger, or use latest',
    ]);
    // A workflow of the batch is judged as written: it is what apply publishes.
    const manual = workflowYaml('  - { id: done, type: end }\n', 'trigger: { type: manual }').replace('test-flow', 'refund');
    assert.match(messagesOf(`${offering('workflow: refund')}---\n${manual}`, known)[0] ?? '', /^offerings\[0\]\.workflow: workflow "refund" starts by a manual trigger/);
    const formed = workflowYaml('  - { id: done, type: end }\n').replace('test-flow', 'by-hand');
    assert.deepEqual(messagesOf(`${offering('workflow: by-hand')}---\n${formed}`, known), []);
    // Saved as a draft, the batch's workflow publishes nothing: `latest` still runs the stored version.
    assert.match(messagesOf(`${offering('workflow: by-hand')}---\n${formed}`, { ...known, batchActivates: false })[0] ?? '', /starts by a manual trigger/);
    // Not knowing the store, only the batch is judged.
    assert.deepEqual(messagesOf(offering('workflow: by-hand'), { knownWorkflows: ['by-hand'] }), []);
  });

  void it('refuses a pinned version that does not exist; the version a batch publishes counts', () => {
    const known = { knownWorkflows: ['refund', 'draft-only'], storedWorkflows: [stored('refund', ['form', 'form']), stored('draft-only', [], 'form')] };
    assert.deepEqual(issuesOf(offering('workflow: refund, version: 7'), known).map((issue) => [issue.path, issue.message]), [
      ['Service billing: offerings[0].version', 'offerings[0].version: workflow "refund" has no version 7 (it has versions 1 to 2); pin a published version, or use latest'],
    ]);
    assert.deepEqual(messagesOf(offering('workflow: draft-only, version: 1'), known), [
      'offerings[0].version: workflow "draft-only" has no version 1 (it has no published version yet); pin a published version, or use latest',
    ]);
    assert.deepEqual(messagesOf(offering('workflow: draft-only'), known), [], 'latest: it takes requests once published and active');
    const next = workflowYaml('  - { id: done, type: end }\n').replace('test-flow', 'refund');
    assert.deepEqual(messagesOf(`${offering('workflow: refund, version: 3')}---\n${next}`, known), [], 'apply publishes version 3');
    assert.match(messagesOf(`${offering('workflow: refund, version: 4')}---\n${next}`, known)[0] ?? '', /has no version 4/);
    assert.match(messagesOf(`${offering('workflow: refund, version: 3')}---\n${next}`, { ...known, batchActivates: false })[0] ?? '', /has no version 3/, 'a draft publishes nothing');
    // A stored version that could not be read is not judged.
    const unreadable = { ...stored('refund', ['form', 'form']), versions: new Map<number, TriggerType>([[2, 'form']]) };
    assert.deepEqual(messagesOf(offering('workflow: refund, version: 1'), { knownWorkflows: ['refund'], storedWorkflows: [unreadable] }), []);
  });

  void it('warns when a workflow the catalog offers at latest is published without its form, on its trigger', () => {
    const offerings = [
      { service: 'billing', offering: 'credit', workflow: 'refund', version: 'latest' as const },
      { service: 'billing', offering: 'old-credit', workflow: 'refund', version: 1 },
      { service: 'support', offering: 'goodwill', workflow: 'other', version: 'latest' as const },
    ];
    const manual = workflowYaml('  - { id: done, type: end }\n', 'trigger: { type: manual }').replace('test-flow', 'refund');
    const validate = (text: string, options: Partial<ValidateOptions> = {}) => validateDocuments(parseDocuments(text, { source: 'test.yaml' }), { operations: fakeOperations, storedOfferings: offerings, ...options });
    const result = validate(manual);
    assert.equal(result.ok, true, 'a warning does not refuse the apply');
    assert.deepEqual(result.warnings.map((issue) => [issue.path, issue.message]), [
      [
        'Workflow refund: trigger.type',
        'trigger.type: service "billing" offers this workflow at latest (offering "credit"); with a manual trigger it has no form, so the offering leaves the catalog and takes no new requests (open ones keep going). If that is not intended, keep the form trigger or pin the offering to a version with one',
      ],
    ]);
    assert.deepEqual(validate(workflowYaml('  - { id: done, type: end }\n').replace('test-flow', 'refund')).warnings, [], 'the form stays');
    assert.deepEqual(validate(manual, { batchActivates: false }).warnings, [], 'a draft changes nothing the catalog runs');
    const repinned = 'kind: Service\nid: billing\nofferings:\n  - { id: credit, workflow: refund, version: 1 }\n';
    assert.deepEqual(validate(`${repinned}---\n${manual}`, { knownWorkflows: ['refund'] }).warnings, [], 'the batch replaces the service that offered it');
  });

  void it('requires offering ids to be unique in a service', () => {
    const service = 'kind: Service\nid: cs\nofferings:\n  - { id: refund, workflow: a }\n  - { id: refund, workflow: a }\n';
    assert.deepEqual(messagesOf(service, { knownWorkflows: ['a'] }), [
      'offerings[1].id: offering id "refund" is already used by offerings[0]; give each offering its own id',
    ]);
    const titled = 'kind: Service\nid: cs\nofferings:\n  - { id: refund, title: Refund request, workflow: a }\n  - { id: refund, workflow: a }\n';
    assert.match(messagesOf(titled, { knownWorkflows: ['a'] })[0] ?? '', /already used by offerings\[0\] \("Refund request"\);/, 'the earlier one is named by its title too');
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
