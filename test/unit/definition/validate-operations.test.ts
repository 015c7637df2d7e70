import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtInOperationSpecs } from '../../../src/connectors/built-in-operation-specs.ts';
import { catalogOf } from '../../../src/definition/operation-spec.ts';
import { issuesOf, messagesOf, workflowYaml } from './definition-test-helpers.ts';

const action = (uses: string, extra = ''): string => workflowYaml(`  - id: call\n    type: action\n    uses: ${uses}\n${extra}`);

void describe('operation checks', () => {
  void it('names an operation that does not exist, with the one it probably meant', () => {
    const issues = issuesOf(action('stripe.refund.create'));
    assert.equal(issues.length, 1);
    assert.equal(issues[0]?.message, 'steps[0].uses: no operation "stripe.refund.create" (did you mean "stripe.refunds.create"?)');
    assert.equal(issues[0]?.location, 'test.yaml:11:11');
  });

  void it('lists the operations of the same connector when none is close', () => {
    assert.deepEqual(messagesOf(action('stripe.disputes.close')), [
      'steps[0].uses: no operation "stripe.disputes.close"; the stripe operations are "stripe.charges.retrieve", "stripe.customers.update" or "stripe.refunds.create"',
    ]);
    assert.deepEqual(messagesOf(action('slack.post')), [
      'steps[0].uses: no operation "slack.post"; operations start with "email.", "http.", "stripe." or "webhook."',
    ]);
  });

  void it('reports a missing required parameter', () => {
    assert.deepEqual(messagesOf(action('email.send', '    with: { subject: Hello }\n')), [
      'steps[0].with: missing required parameter "to" of email.send; add it under `with`',
    ]);
  });

  void it('reports an unknown parameter with the one it probably meant, or the ones there are', () => {
    const issues = issuesOf(action('stripe.refunds.create', '    with:\n      charge: ch_1\n      ammount: 100\n      colour: red\n'));
    assert.deepEqual(
      issues.map((issue) => issue.message),
      [
        'steps[0].with.ammount: unknown parameter "ammount" of stripe.refunds.create (did you mean "amount"?)',
        'steps[0].with.colour: unknown parameter "colour" of stripe.refunds.create; it takes "charge", "payment_intent", "amount", "reason" or "metadata"',
      ],
    );
    assert.equal(issues[0]?.location, 'test.yaml:14:7');
  });

  void it('requires a named connector to exist, with the operation\'s type', () => {
    const withBody = '    with: { body: hi }\n';
    assert.deepEqual(messagesOf(action('webhook.post', `    connector: notifcations\n${withBody}`), { connectors: [{ id: 'notifications', type: 'webhook' }] }), [
      'steps[0].connector: no connector "notifcations" (did you mean "notifications"?); define a Connector document with this id and type webhook',
    ]);
    assert.deepEqual(messagesOf(action('webhook.post', `    connector: billing\n${withBody}`), { connectors: [{ id: 'billing', type: 'stripe' }] }), [
      'steps[0].connector: connector "billing" is a stripe connector, but webhook.post needs a webhook connector',
    ]);
    const inBatch = `${action('webhook.post', `    connector: hooks\n${withBody}`)}---\nkind: Connector\nid: hooks\ntype: webhook\n`;
    assert.deepEqual(messagesOf(inBatch), []);
  });

  void it('asks which connector to use when several of the type exist and none is named', () => {
    const connectors = [
      { id: 'live', type: 'stripe' },
      { id: 'test', type: 'stripe' },
    ];
    assert.deepEqual(messagesOf(action('stripe.charges.retrieve', '    with: { id: ch_1 }\n'), { connectors }), [
      'steps[0].connector: several stripe connectors exist ("live" or "test"); name the one stripe.charges.retrieve should use with `connector`',
    ]);
  });

  void it('checks actions inside parallel branches and foreach bodies', () => {
    const text = workflowYaml(
      '  - id: each\n    type: foreach\n    items: "[1]"\n    steps:\n      - { id: inner, type: action, uses: email.sned, with: { to: x, subject: y } }\n',
    );
    assert.deepEqual(messagesOf(text), ['steps[0].steps[0].uses: no operation "email.sned" (did you mean "email.send"?)']);
  });

  void it('checks the keys of a literal object parameter that lists its fields (dispute evidence); a template there is checked when the run renders it', () => {
    const operations = catalogOf(builtInOperationSpecs());
    const stage = (evidence: string) => action('stripe.disputes.update', `    with: { id: dp_1, submit: false, evidence: ${evidence} }\n`);
    const issues = issuesOf(stage('{ customer_name: Jenny, shiping_carrier: UPS, colour: red }'), { operations });
    assert.equal(issues.length, 2);
    assert.equal(issues[0]?.message, 'steps[0].with.evidence.shiping_carrier: unknown field "shiping_carrier" of stripe.disputes.update evidence (did you mean "shipping_carrier"?)');
    assert.match(issues[1]?.message ?? '', /^steps\[0\]\.with\.evidence\.colour: unknown field "colour" of stripe\.disputes\.update evidence; it takes "access_activity_log", .* or "uncategorized_text"$/);
    assert.deepEqual(messagesOf(stage('"{{ chargeId }}"'), { operations }), [], 'a template is checked when the run renders it');
    assert.deepEqual(messagesOf(stage('{ customer_name: "{{ chargeId }}", receipt: file_1 }'), { operations }), []);
  });
});
