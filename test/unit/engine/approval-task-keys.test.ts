import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { approvalNotifyKeys, approvalTaskId } from '../../../src/engine/approval-task-keys.ts';

const visit = { runId: 'run_1', stepPath: 'sign_off', visit: 1 };

void describe("an approval task's email keys", () => {
  void it('are those of the retry generation that opened the task, and its escalation', () => {
    const task = { ...visit, id: approvalTaskId({ ...visit, retryGeneration: 1 }), assigneeTeam: 'finance' };
    assert.deepEqual(approvalNotifyKeys(task, 2), ['tg:run_1:sign_off:g1:notify', `${task.id}:escalated:finance`]);
  });

  void it('tell the visits of a step apart, and a task for users has no escalation key', () => {
    const task = { ...visit, visit: 2, id: approvalTaskId({ ...visit, visit: 2, retryGeneration: 0 }), assigneeTeam: null };
    assert.deepEqual(approvalNotifyKeys(task, 0), ['tg:run_1:sign_off:v2:notify']);
  });

  void it("are an outcome check's own for a task no approval step opened", () => {
    assert.deepEqual(approvalNotifyKeys({ ...visit, id: 'apt_check', assigneeTeam: null }, 0), ['apt_check:notify']);
  });
});
