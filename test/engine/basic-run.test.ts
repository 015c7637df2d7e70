import { test } from 'node:test';
import assert from 'node:assert/strict';
import { invokeWorkflow, runDetail } from '../../src/application/run-admin.ts';
import { createTestSystem } from '../support/test-system.ts';

test('a manual workflow runs decision, set and end steps to its outcome', async () => {
  const t = await createTestSystem();
  try {
    await t.apply(`
kind: Workflow
id: triage
trigger:
  type: manual
  input:
    - { key: amount, type: number, required: true }
steps:
  - id: big
    type: decision
    branches:
      - when: amount >= 500
        next: mark_big
    otherwise: mark_small
  - id: mark_big
    type: set
    values: { size: big, doubled: "{{ amount * 2 }}" }
    next: done
  - id: mark_small
    type: set
    values: { size: small }
  - id: done
    type: end
    outcome: Sized
`);
    const run = await invokeWorkflow(t.system.app, { workflowId: 'triage', input: { amount: '750' } });
    await t.settle();
    const detail = await runDetail(t.system.app, run.id);
    assert.equal(detail.run.status, 'succeeded');
    assert.equal(detail.run.outcome, 'Sized');
    assert.equal(detail.run.variables.size, 'big');
    assert.equal(detail.run.variables.doubled, 1500);
    assert.deepEqual(detail.steps.map((step) => step.stepId), ['big', 'mark_big', 'done']);
  } finally {
    await t.close();
  }
});
