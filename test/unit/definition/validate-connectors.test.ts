import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSecretKey } from '../../../src/application/secret-masking.ts';
import { CONNECTOR_TYPE_SPECS } from '../../../src/definition/connector-settings-spec.ts';
import { parseDocuments } from '../../../src/definition/parse-documents.ts';
import { CONNECTOR_TYPES, type WorkflowDocument } from '../../../src/definition/schema.ts';
import { validateDocuments } from '../../../src/definition/validate-documents.ts';
import { fakeOperations } from './fake-operations.ts';
import { issuesOf } from './definition-test-helpers.ts';

test('every connector type describes its settings, and each secret setting is one that answers and exports mask', () => {
  assert.deepEqual(CONNECTOR_TYPE_SPECS.map((spec) => spec.type), [...CONNECTOR_TYPES]);
  for (const spec of CONNECTOR_TYPE_SPECS) {
    for (const setting of spec.settings) {
      const secret = setting.kind === 'secret' || setting.kind === 'secret_list';
      assert.equal(isSecretKey(setting.key), secret, `${spec.type}.${setting.key}: a secret exactly when masked`);
    }
  }
});

test("a Connector's config is checked against its type: required settings, the kind of each value, and a warning for a key it does not read", () => {
  const issues = issuesOf('kind: Connector\nid: mail\ntype: smtp\nconfig:\n  port: "587"\n  secure: yes please\n');
  assert.deepEqual(
    issues.map((issue) => [issue.path, issue.location]),
    [
      ['Connector mail: config.host', 'test.yaml:5:3'], // missing: at the config block
      ['Connector mail: config.port', 'test.yaml:5:9'],
      ['Connector mail: config.secure', 'test.yaml:6:11'],
    ],
  );
  assert.match(issues[1]?.message ?? '', /port must be a port number from 1 to 65535; got "587"/);
  assert.deepEqual(issuesOf('kind: Connector\nid: hook\ntype: webhook\nconfig: { url: "{{ env.HOOK_URL }}", secret: whsec_1, headers: { X-Team: payments } }\n'), []);
  assert.equal(issuesOf('kind: Connector\nid: hook\ntype: webhook\nconfig: { url: ftp://example.com }\n')[0]?.path, 'Connector hook: config.url');

  const typo = validateDocuments(parseDocuments('kind: Connector\nid: api\ntype: http\nconfig: { base_url: "https://api.example.com", bearer_tokn: x }\n'), { operations: fakeOperations });
  assert.equal(typo.ok, true, 'an unread key is applied');
  assert.match(typo.warnings[0]?.message ?? '', /does not read "bearer_tokn" \(did you mean "bearer_token"\?\)/);
});

const refundFlow = (connector?: string): WorkflowDocument =>
  parseDocuments(`kind: Workflow\nid: refunds\ntrigger: { type: manual }\nsteps:\n  - id: refund\n    type: action\n    uses: stripe.refunds.create\n${connector === undefined ? '' : `    connector: ${connector}\n`}    with: { charge: ch_1 }\n`)[0]!.value as WorkflowDocument;

test('a Connector that would break an active workflow of the store is refused at its type; one that breaks nothing passes', () => {
  const stored = [{ id: 'stripe-eu', type: 'stripe' }];
  const second = 'kind: Connector\nid: stripe-us\ntype: stripe\nconfig: { secret_key: "{{ env.US_KEY }}" }\n';
  const unnamed = issuesOf(second, { connectors: stored, liveWorkflows: [{ version: 4, document: refundFlow() }] });
  assert.deepEqual(unnamed.map((issue) => issue.path), ['Connector stripe-us: type']);
  assert.match(unnamed[0]?.message ?? '', /the active workflow "refunds" \(version 4\) would break: steps\[0\]\.connector: several stripe connectors exist/);
  assert.deepEqual(issuesOf(second, { connectors: stored, liveWorkflows: [{ version: 4, document: refundFlow('stripe-eu') }] }), [], 'a step that names its connector is not affected');
  assert.deepEqual(issuesOf(`${second}---\n${'kind: Workflow\nid: refunds\ntrigger: { type: manual }\nsteps:\n  - { id: done, type: end, outcome: Done }\n'}`, { connectors: stored, liveWorkflows: [{ version: 4, document: refundFlow() }] }), [], 'the batch replaces the workflow');

  const retyped = issuesOf('kind: Connector\nid: stripe-eu\ntype: http\nconfig: {}\n', { connectors: stored, liveWorkflows: [{ version: 2, document: refundFlow('stripe-eu') }] });
  assert.match(retyped[0]?.message ?? '', /connector "stripe-eu" is a http connector, but stripe\.refunds\.create needs a stripe connector/);
});
