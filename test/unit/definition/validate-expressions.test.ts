import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { issuesOf, messagesOf, workflowYaml } from './definition-test-helpers.ts';

void describe('expression checks', () => {
  void it('reports a decision condition that does not parse, at the condition', () => {
    const issues = issuesOf(
      workflowYaml(
        '  - id: check\n    type: decision\n    branches:\n      - { when: "refundAmount >", next: done }\n    otherwise: done\n  - id: done\n    type: end\n',
      ),
    );
    assert.equal(issues.length, 1);
    assert.match(issues[0]!.message, /^steps\[0\]\.branches\[0\]\.when: expression "refundAmount >" does not parse/);
    assert.equal(issues[0]!.location, 'test.yaml:12:17');
  });

  void it('reports a trigger condition that does not parse', () => {
    const messages = messagesOf(workflowYaml('  - { id: done, type: end }\n', 'trigger:\n  type: event\n  event: charge.refunded\n  when: "object.amount >> 5"'));
    assert.equal(messages.length, 1);
    assert.match(messages[0]!, /^trigger\.when: expression "object\.amount >> 5" does not parse/);
  });

  void it('reports foreach items and wait until that do not parse', () => {
    const messages = messagesOf(
      workflowYaml(
        [
          '  - id: each',
          '    type: foreach',
          '    items: "[1, 2"',
          '    steps:',
          '      - { id: pause, type: wait, until: "$now(" }',
          '',
        ].join('\n'),
      ),
    );
    assert.equal(messages.length, 2);
    assert.match(messages[0]!, /^steps\[0\]\.items: expression "\[1, 2" does not parse/);
    assert.match(messages[1]!, /^steps\[0\]\.steps\[0\]\.until: expression "\$now\(" does not parse/);
  });

  void it('reports every broken {{ }} in with, values and input, at any depth, with its exact path', () => {
    const messages = messagesOf(
      workflowYaml(
        [
          '  - id: notify',
          '    type: action',
          '    uses: webhook.post',
          '    with:',
          '      body:',
          '        lines: ["ok {{ chargeId }}", "bad {{ chargeId ( }}"]',
          '        note: "unclosed {{ chargeId"',
          '  - id: compute',
          '    type: set',
          '    values: { total: "{{ refundAmount * }}" }',
          '  - id: child',
          '    type: workflow',
          '    workflow: other',
          '    input: { amount: "{{ }}" }',
          '',
        ].join('\n'),
      ),
    );
    assert.equal(messages.length, 4);
    assert.match(messages[0]!, /^steps\[0\]\.with\.body\.lines\[1\]: expression "chargeId \(" does not parse/);
    assert.match(messages[1]!, /^steps\[0\]\.with\.body\.note: template "unclosed \{\{ chargeId": "\{\{" at character 10 is never closed/);
    assert.match(messages[2]!, /^steps\[1\]\.values\.total: expression "refundAmount \*" does not parse/);
    assert.match(messages[3]!, /^steps\[2\]\.input\.amount: template "\{\{ \}\}": .* is empty/);
  });

  void it('accepts plain strings, and templates that parse', () => {
    assert.deepEqual(
      messagesOf(
        workflowYaml(
          '  - id: notify\n    type: action\n    uses: webhook.post\n    with:\n      body: { text: "Refund of {{ $minor(refundAmount, \'usd\') }} for {{ chargeId }}", plain: "no braces" }\n',
        ),
      ),
      [],
    );
  });
});
