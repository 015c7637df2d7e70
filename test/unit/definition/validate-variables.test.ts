import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { issuesOf, messagesOf, workflowYaml } from './definition-test-helpers.ts';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

void describe('variable checks', () => {
  void it('reports a variable nothing provides, with the name it probably meant', () => {
    const issues = issuesOf(
      workflowYaml(lines('  - id: pay', '    type: action', '    uses: stripe.refunds.create', '    with:', '      amount: "{{ $minor(refundAmout, \'usd\') }}"')),
    );
    assert.equal(issues.length, 1);
    assert.equal(issues[0]?.message, 'steps[0].with.amount: "refundAmout" is not provided by the trigger or any step (did you mean "refundAmount"?)');
    assert.equal(issues[0]?.location, 'test.yaml:13:15');
  });

  void it('says that env is not available in workflow expressions', () => {
    const [message] = messagesOf(workflowYaml(lines('  - id: pay', '    type: action', '    uses: webhook.post', '    with: { body: "{{ env.SECRET }}" }')));
    assert.match(message!, /^steps\[0\]\.with\.body: "env" is not available in workflow expressions/);
  });

  void it('reports a variable that only a later step sets', () => {
    const messages = messagesOf(
      workflowYaml(
        lines(
          '  - id: notify',
          '    type: action',
          '    uses: webhook.post',
          '    with: { body: "{{ refund.id }}" }',
          '  - id: refund',
          '    type: action',
          '    uses: stripe.refunds.create',
        ),
      ),
    );
    assert.deepEqual(messages, [
      'steps[0].with.body: "refund" is set by step "refund", which never runs before this point; move this step after it, or read a variable that is set on the way here',
    ]);
  });

  void it('does not count a failed action\'s output on its on_error path', () => {
    const messages = messagesOf(
      workflowYaml(
        lines(
          '  - id: pay',
          '    type: action',
          '    uses: stripe.refunds.create',
          '    output: refund',
          '    on_error: explain',
          '    next: done',
          '  - id: explain',
          '    type: action',
          '    uses: webhook.post',
          '    with: { body: "{{ error.message }} {{ refund.id }}" }',
          '  - id: done',
          '    type: end',
        ),
      ),
    );
    assert.equal(messages.length, 1);
    assert.match(messages[0]!, /^steps\[1\]\.with\.body: "refund" is set by step "pay", which never runs before this point/);
  });

  void it('allows a variable set on some path to the step, across branches of a decision', () => {
    const text = workflowYaml(
      lines(
        '  - id: check',
        '    type: decision',
        '    branches: [{ when: refundAmount > 100, next: big }]',
        '    otherwise: small',
        '  - id: big',
        '    type: set',
        '    values: { label: large }',
        '    next: notify',
        '  - id: small',
        '    type: set',
        '    values: { label: small }',
        '  - id: notify',
        '    type: action',
        '    uses: webhook.post',
        '    with: { body: "{{ label }} {{ run.id }} {{ request.id }}" }',
      ),
    );
    assert.deepEqual(messagesOf(text), []);
  });

  void it('gives foreach bodies their item name, and only there; steps after a container see its output, not what was set inside it', () => {
    const messages = messagesOf(
      workflowYaml(
        lines(
          '  - id: each',
          '    type: foreach',
          '    items: "[1, 2, 3]"',
          '    as: charge',
          '    steps:',
          '      - { id: look, type: action, uses: stripe.charges.retrieve, with: { id: "{{ charge }}" } }',
          '  - id: both',
          '    type: parallel',
          '    branches:',
          '      - steps: [{ id: tally, type: set, values: { total: "{{ $count(each) }}" } }]',
          '  - id: notify',
          '    type: action',
          '    uses: webhook.post',
          '    with: { body: "{{ look.id }} {{ total }} {{ charge }}" }',
        ),
      ),
    );
    assert.deepEqual(messages, [
      'steps[2].with.body: "look" is set by step "look" inside "each" (seen in its own iteration only; after it, read "each"), which never runs before this point; move this step after it, or read a variable that is set on the way here',
      'steps[2].with.body: "total" is set by step "tally" inside "both" (seen in its own branch only; after it, read "both"), which never runs before this point; move this step after it, or read a variable that is set on the way here',
      'steps[2].with.body: "charge" is set by the foreach step "each" (inside it only), which never runs before this point; move this step after it, or read a variable that is set on the way here',
    ]);
    assert.deepEqual(
      messagesOf(workflowYaml(lines('  - id: both', '    type: parallel', '    branches:', '      - steps: [{ id: tally, type: set, values: { total: 1 } }]', '  - { id: after, type: set, values: { t: "{{ both[0].total }}" } }'))),
      [],
      'a parallel step\'s output is its id',
    );
  });

  void it('gives each trigger type its own variables, and trigger conditions only those', () => {
    const event = 'trigger:\n  type: event\n  event: charge.succeeded\n  when: object.amount > 5 and pay.id';
    const step = lines('  - id: pay', '    type: action', '    uses: webhook.post', '    with: { body: "{{ object.id }} {{ event.type }} {{ body }}" }');
    const messages = messagesOf(workflowYaml(step, event));
    assert.deepEqual(messages.map((message) => message.split(': ')[0]), ['trigger.when', 'steps[0].with.body']);
    assert.match(messages[0]!, /"pay" is set by step "pay"/);
    assert.match(messages[1]!, /"body" is not provided/);

    const webhook = 'trigger:\n  type: webhook\n  when: headers.kind = "x"';
    assert.deepEqual(messagesOf(workflowYaml(lines('  - id: pay', '    type: action', '    uses: webhook.post', '    with: { body: "{{ body.id }}" }'), webhook)), []);
    const manual = 'trigger:\n  type: manual\n  input: [{ key: customerId }]';
    assert.deepEqual(messagesOf(workflowYaml(lines('  - id: pay', '    type: action', '    uses: webhook.post', '    with: { body: "{{ customerId }}" }'), manual)), []);
    const schedule = 'trigger:\n  type: schedule\n  cron: "0 * * * *"';
    assert.deepEqual(messagesOf(workflowYaml(lines('  - id: pay', '    type: action', '    uses: webhook.post', '    with: { body: "{{ schedule }}" }'), schedule)), []);
  });

  void it('checks conditions, foreach items and wait until too', () => {
    const messages = messagesOf(
      workflowYaml(
        lines(
          '  - id: pause',
          '    type: wait',
          '    until: deadlin',
          '  - id: each',
          '    type: foreach',
          '    items: chargs',
          '    steps: [{ id: inner, type: wait, for: 1s }]',
          '  - id: check',
          '    type: decision',
          '    branches: [{ when: refundAmont > 5, next: done }]',
          '    otherwise: done',
          '  - id: done',
          '    type: end',
        ),
      ),
    );
    assert.deepEqual(messages.map((message) => message.split(': ')[0]), ['steps[0].until', 'steps[1].items', 'steps[2].branches[0].when']);
    assert.match(messages[2]!, /"refundAmont" is not provided by the trigger or any step \(did you mean "refundAmount"\?\)/);
  });
});
