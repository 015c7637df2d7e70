import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AttemptStatus } from '../../src/core/statuses.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { createTestSystem } from '../support/test-system.ts';

test('the journal of a step and what is nested in it: "_" in a step id is a character, not a wildcard', async () => {
  const t = await createTestSystem();
  try {
    const db = inspectDatabase(t.system.store);
    const row = (stepPath: string, position: number) => ({
      run_id: 'run_x', step_path: stepPath, visit: 1, attempt: 1, step_id: stepPath, step_type: 'set', position,
      status: AttemptStatus.succeeded, input: null, output: null, error: null, started_at: position, finished_at: position,
    });
    await db.insertInto('step_attempts').values([row('a_b', 1), row('a_b/0/x', 2), row('axb/0/y', 3), row('a_bc', 4)]).execute();
    const under = await t.system.store.listAttempts('run_x', { under: 'a_b' });
    assert.deepEqual(under.map((attempt) => attempt.stepPath), ['a_b', 'a_b/0/x']);
    assert.equal((await t.system.store.listAttempts('run_x')).length, 4);
  } finally {
    await t.close();
  }
});
