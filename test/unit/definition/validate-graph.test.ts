import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { issuesOf, messagesOf, workflowYaml } from './definition-test-helpers.ts';

const steps = (...lines: string[]): string => workflowYaml(`${lines.join('\n')}\n`);

void describe('step graph checks', () => {
  void it('reports an unknown next with the step it probably meant, at the target', () => {
    const issues = issuesOf(
      steps('  - id: start', '    type: wait', '    for: 1s', '    next: procss_refund', '  - id: process_refund', '    type: end'),
    );
    assert.equal(issues.length, 1);
    assert.equal(issues[0]?.message, 'steps[0].next: no step "procss_refund" (did you mean "process_refund"?)');
    assert.equal(issues[0]?.location, 'test.yaml:12:11');
  });

  void it('checks every kind of target: branches, otherwise, on_error, on.approved, on.rejected, on_timeout', () => {
    const messages = messagesOf(
      steps(
        '  - id: review',
        '    type: approval',
        '    assignee: { users: [a@example.com] }',
        '    timeout: 2d',
        '    on_timeout: expird',
        '    on: { approved: chek, rejected: denyed }',
        '  - id: check',
        '    type: decision',
        '    branches:',
        '      - { when: refundAmount > 5, next: paay }',
        '    otherwise: dneied',
        '  - id: pay',
        '    type: action',
        '    uses: stripe.refunds.create',
        '    on_error: denid',
        '  - id: denied',
        '    type: end',
        '  - id: expired',
        '    type: end',
      ),
    );
    assert.deepEqual(messages, [
      'steps[0].on_timeout: no step "expird" (did you mean "expired"?)',
      'steps[0].on.approved: no step "chek" (did you mean "check"?)',
      'steps[0].on.rejected: no step "denyed" (did you mean "denied"?)',
      'steps[1].branches[0].next: no step "paay" (did you mean "pay"?)',
      'steps[1].otherwise: no step "dneied" (did you mean "denied"?)',
      'steps[2].on_error: no step "denid" (did you mean "denied"?)',
    ]);
  });

  void it('lists the steps when an unknown target is close to none', () => {
    assert.deepEqual(messagesOf(steps('  - id: a', '    type: wait', '    for: 1s', '    next: zzz', '  - id: b', '    type: end')), [
      'steps[0].next: no step "zzz"; the steps here are "a" or "b"',
    ]);
  });

  void it('lets nested steps go only to steps of their own list', () => {
    const messages = messagesOf(
      steps(
        '  - id: fan_out',
        '    type: parallel',
        '    branches:',
        '      - steps:',
        '          - { id: inner, type: wait, for: 1s, next: done }',
        '  - id: done',
        '    type: end',
      ),
    );
    assert.deepEqual(messages, ['steps[0].branches[0].steps[0].next: step "done" is in another step list (steps[1]); a step can go only to steps of its own list']);
  });

  void it('requires step ids to be unique in the whole workflow, nested lists included', () => {
    const messages = messagesOf(
      steps(
        '  - id: each',
        '    type: foreach',
        '    items: "[1, 2]"',
        '    steps:',
        '      - { id: done, type: wait, for: 1s }',
        '  - id: done',
        '    type: end',
        '  - id: each',
        '    type: end',
      ),
    );
    assert.deepEqual(messages, [
      'steps[1].id: step id "done" is already used by steps[0].steps[0]; give each step its own id',
      'steps[2]: step "each" is never reached: no path from the first step of this list leads to it; name it in a `next`, a branch or an `on_error`, or remove it',
      'steps[2].id: step id "each" is already used by steps[0]; give each step its own id',
    ]);
  });

  void it('finds steps nothing reaches: after an end, after a decision, after an approval that names both outcomes', () => {
    const messages = messagesOf(
      steps(
        '  - id: review',
        '    type: approval',
        '    assignee: { team: csm }',
        '    on: { approved: check, rejected: denied }',
        '  - id: after_review',
        '    type: wait',
        '    for: 1s',
        '  - id: check',
        '    type: decision',
        '    branches: [{ when: refundAmount > 5, next: denied }]',
        '    otherwise: approved',
        '  - id: after_check',
        '    type: wait',
        '    for: 1s',
        '  - id: approved',
        '    type: end',
        '  - id: after_end',
        '    type: end',
        '  - id: denied',
        '    type: end',
      ),
      { knownTeams: ['csm'] },
    );
    assert.deepEqual(
      messages.map((message) => message.split(':')[0]),
      ['steps[1]', 'steps[3]', 'steps[5]'],
    );
    assert.match(messages[0]!, /step "after_review" is never reached/);
  });

  void it('follows on_error and list order: a step reached only that way is reachable', () => {
    assert.deepEqual(
      messagesOf(
        steps(
          '  - id: pay',
          '    type: action',
          '    uses: stripe.refunds.create',
          '    on_error: failed',
          '    next: done',
          '  - id: done',
          '    type: end',
          '  - id: failed',
          '    type: end',
          '    status: failed',
        ),
      ),
      [],
    );
  });

  void it('checks reachability inside nested lists too', () => {
    const messages = messagesOf(
      steps(
        '  - id: each',
        '    type: foreach',
        '    items: "[1, 2]"',
        '    steps:',
        '      - { id: stop, type: end }',
        '      - { id: never, type: wait, for: 1s }',
      ),
    );
    assert.equal(messages.length, 1);
    assert.match(messages[0]!, /^steps\[0\]\.steps\[1\]: step "never" is never reached/);
  });

  void it('reports a next that is never followed', () => {
    const messages = messagesOf(
      steps(
        '  - id: check',
        '    type: decision',
        '    branches: [{ when: refundAmount > 5, next: done }]',
        '    otherwise: done',
        '    next: done',
        '  - id: done',
        '    type: end',
        '    next: check',
      ),
    );
    assert.deepEqual(messages, [
      'steps[0].next: `next` is never followed: a decision goes only to its branches or `otherwise`; remove `next`',
      'steps[1].next: `next` is never followed: an end step ends the run; remove `next`',
    ]);
  });

  void it('does not call the step a typo meant unreachable', () => {
    const messages = messagesOf(
      steps('  - id: start', '    type: wait', '    for: 1s', '    next: finsh', '  - id: skipped', '    type: wait', '    for: 1s', '  - id: finish', '    type: end'),
    );
    assert.deepEqual(messages.map((message) => message.split(':')[0]), ['steps[0].next', 'steps[1]']);
    assert.match(messages[1]!, /step "skipped" is never reached/);
  });
});
