import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messagesOf, workflowYaml } from './definition-test-helpers.ts';

const END = '  - { id: done, type: end }\n';

void describe('field checks', () => {
  void it('requires unique keys, options for select fields, min not above max, and a valid pattern', () => {
    const trigger = [
      'trigger:',
      '  type: form',
      '  form:',
      '    - { key: amount, type: number, min: 10, max: 1 }',
      '    - { key: amount }',
      '    - { key: reason, type: select }',
      '    - { key: charge, pattern: "^(ch|pi_" }',
    ].join('\n');
    assert.deepEqual(messagesOf(workflowYaml(END, trigger)), [
      'trigger.form[0].min: min (10) is above max (1); swap them',
      'trigger.form[1].key: field key "amount" is already used by field 1 of this list; give each field its own key',
      'trigger.form[2].options: a select field needs `options`: the choices people pick from',
      'trigger.form[3].pattern: /^(ch|pi_/ is not a regular expression (error parsing regexp: missing closing ): `^(ch|pi_`); fix it, e.g. ^(ch|pi)_',
    ]);
  });

  void it('refuses patterns the linear-time engine cannot run, naming the path', () => {
    const trigger = [
      'trigger:',
      '  type: form',
      '  form:',
      '    - { key: a, pattern: "^(a+)+$" }',
      '    - { key: b, pattern: "^(\\\\w)\\\\1$" }',
      '    - { key: c, pattern: "^(?!test)" }',
    ].join('\n');
    const messages = messagesOf(workflowYaml(END, trigger));
    assert.equal(messages.length, 2, messages.join('\n'));
    assert.match(messages[0] ?? '', /^trigger\.form\[1\]\.pattern: the regular expression \/\^\(\\w\)\\1\$\/ cannot be used .*without backreferences or lookaround/);
    assert.match(messages[1] ?? '', /^trigger\.form\[2\]\.pattern: the regular expression \/\^\(\?!test\)\/ cannot be used/);
  });

  void it('checks manual inputs and approval forms too', () => {
    const manual = 'trigger:\n  type: manual\n  input: [{ key: a }, { key: a }]';
    const approval = '  - id: review\n    type: approval\n    assignee: { users: [a@example.com] }\n    form: [{ key: note, type: multiselect }]\n';
    assert.deepEqual(messagesOf(workflowYaml(approval, manual)), [
      'trigger.input[1].key: field key "a" is already used by field 1 of this list; give each field its own key',
      'steps[0].form[0].options: a multiselect field needs `options`: the choices people pick from',
    ]);
  });
});
