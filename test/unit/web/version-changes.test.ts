import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lineDiff, stepChanges } from '../../../web/src/features/workflows/version-changes.ts';

const base = {
  kind: 'Workflow',
  id: 'w',
  steps: [
    { id: 'charge', type: 'action', uses: 'stripe.charges.retrieve', with: { id: '{{ event.data.object.charge }}' } },
    { id: 'each', type: 'foreach', items: '{{ charges }}', steps: [{ id: 'mail', type: 'action', uses: 'email.send', with: { to: 'ops' } }] },
    { id: 'both', type: 'parallel', branches: [{ steps: [{ id: 'left', type: 'end' }] }, { steps: [{ id: 'right', type: 'end' }] }] },
  ],
};

void describe('comparing two versions', () => {
  void test('the line diff numbers each side and keeps unchanged lines', () => {
    const lines = lineDiff('a\nb\nc\n', 'a\nB\nc\nd\n');
    assert.deepEqual(lines, [
      { kind: 'same', old: 1, new: 1, text: 'a' },
      { kind: 'removed', old: 2, new: null, text: 'b' },
      { kind: 'added', old: null, new: 2, text: 'B' },
      { kind: 'same', old: 3, new: 3, text: 'c' },
      { kind: 'added', old: null, new: 4, text: 'd' },
    ]);
    assert.ok(lineDiff('x\n', 'x\n').every((line) => line.kind === 'same'));
  });

  void test('the same definition has no step changes, whatever the key order', () => {
    const reordered = JSON.parse(JSON.stringify(base)) as typeof base;
    reordered.steps[0] = { with: { id: '{{ event.data.object.charge }}' }, uses: 'stripe.charges.retrieve', type: 'action', id: 'charge' };
    const changes = stepChanges(base, reordered);
    assert.equal(changes.before.size, 0);
    assert.equal(changes.after.size, 0);
  });

  void test('an added step is marked on the new graph, a removed one on the old, a changed one on both', () => {
    const next = JSON.parse(JSON.stringify(base)) as { steps: Record<string, unknown>[] };
    next.steps.splice(2, 1);
    (next.steps[0]!.with as Record<string, unknown>).id = '{{ event.data.object.id }}';
    next.steps.push({ id: 'done', type: 'end', outcome: 'ok' });
    const changes = stepChanges(base, next);
    assert.deepEqual(Object.fromEntries(changes.after), { charge: 'changed', done: 'added' });
    assert.deepEqual(Object.fromEntries(changes.before), { charge: 'changed', both: 'removed', 'both/0/left': 'removed', 'both/1/right': 'removed' });
  });

  void test('a change inside a body marks that step, not its container', () => {
    const next = JSON.parse(JSON.stringify(base)) as typeof base;
    (next.steps[1] as { steps: { with: { to: string } }[] }).steps[0]!.with.to = 'finance';
    const changes = stepChanges(base, next);
    assert.deepEqual(Object.fromEntries(changes.after), { 'each/*/mail': 'changed' });
  });
});
