import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { approvalEmailKeys, approvalTaskId } from '../../../src/engine/approval-task-keys.ts';

const visit = { runId: 'run_1', stepPath: 'sign_off', visit: 1 };
const createdAt = new Date('2026-12-01T09:00:00Z');
const DAY = 86_400_000;
const keysOf = (keys: ReturnType<typeof approvalEmailKeys>) => keys?.map(({ key, kind, reminder }) => `${kind}${reminder === null ? '' : ` ${reminder}`}: ${key}`);

void describe("an approval task's email keys", () => {
  void it('are those of the retry generation that opened the task, and its escalation', () => {
    const task = { ...visit, id: approvalTaskId({ ...visit, retryGeneration: 1 }), assigneeTeam: 'finance', createdAt };
    assert.deepEqual(keysOf(approvalEmailKeys(task, { current: 2, remindEveryMs: null, until: new Date(createdAt.getTime() + 5 * DAY) })), [
      'opened: tg:run_1:sign_off:g1:notify',
      `escalated: ${task.id}:escalated:finance`,
    ]);
  });

  void it('tell the visits of a step apart, and a task for users has no escalation key', () => {
    const task = { ...visit, visit: 2, id: approvalTaskId({ ...visit, visit: 2, retryGeneration: 0 }), assigneeTeam: null, createdAt };
    assert.deepEqual(keysOf(approvalEmailKeys(task, { current: 0, remindEveryMs: null, until: createdAt })), ['opened: tg:run_1:sign_off:v2:notify']);
  });

  void it('hold each reminder due until the task stopped waiting, of the first email and of the escalation', () => {
    const task = { ...visit, id: approvalTaskId({ ...visit, retryGeneration: 0 }), assigneeTeam: 'finance', createdAt };
    assert.deepEqual(keysOf(approvalEmailKeys(task, { current: 0, remindEveryMs: DAY, until: new Date(createdAt.getTime() + 2 * DAY + 3_600_000) })), [
      'opened: tg:run_1:sign_off:notify',
      `escalated: ${task.id}:escalated:finance`,
      'reminder 1: tg:run_1:sign_off:notify:reminder:1',
      `reminder 1: ${task.id}:escalated:finance:reminder:1`,
      'reminder 2: tg:run_1:sign_off:notify:reminder:2',
      `reminder 2: ${task.id}:escalated:finance:reminder:2`,
    ]);
    const forUsers = { ...task, assigneeTeam: null };
    assert.deepEqual(keysOf(approvalEmailKeys(forUsers, { current: 0, remindEveryMs: DAY, until: new Date(createdAt.getTime() + DAY - 1) })), ['opened: tg:run_1:sign_off:notify'], 'none before the first is due');
  });

  void it('are none for a task no approval step of the run opened (an outcome check)', () => {
    assert.equal(approvalEmailKeys({ ...visit, id: 'apt_check', assigneeTeam: null, createdAt }, { current: 3, remindEveryMs: null, until: createdAt }), undefined);
  });
});
