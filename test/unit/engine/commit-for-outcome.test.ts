// The executor says what happened in a step attempt as one StepCommit kind, with only the fields that kind needs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PermanentError, TransientError } from '../../../src/core/errors.ts';
import { parseDocuments } from '../../../src/definition/parse-documents.ts';
import { validateDocuments } from '../../../src/definition/validate-documents.ts';
import { commitForFailure, commitForOutcome, failRun, type LocatedAttempt } from '../../../src/engine/commit-for-outcome.ts';
import { locateStep } from '../../../src/engine/step-graph.ts';
import { retryAfterOutage } from '../../../src/engine/store-outage.ts';
import type { ClaimedWork, RunRecord } from '../../../src/store/records.ts';
import { fakeOperations } from '../definition/fake-operations.ts';

const yaml = `
kind: Workflow
id: kinds
trigger: { type: manual }
steps:
  - id: call
    type: action
    uses: http.request
    with: { url: "https://example.com" }
    retry: { attempts: 2, backoff: 1s, max_delay: 1s }
    on_error: recover
  - id: loop
    type: foreach
    items: "[1, 2]"
    steps:
      - { id: inner, type: set, values: { x: 1 } }
  - id: recover
    type: set
    values: { recovered: true }
`;

function workflowSteps() {
  const result = validateDocuments(parseDocuments(yaml, { source: 'kinds.yaml' }), { operations: fakeOperations });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  const [workflow] = result.documents;
  if (workflow?.kind !== 'Workflow') throw new Error('expected a workflow');
  return workflow.steps;
}

const startedAt = new Date('2026-03-01T10:00:00Z');
const finishedAt = new Date('2026-03-01T10:00:01Z');
const run: RunRecord = {
  id: 'run_1',
  workflowId: 'kinds',
  version: 1,
  status: 'running',
  outcome: null,
  variables: {},
  trigger: { type: 'manual' },
  error: null,
  failedStep: null,
  retryGeneration: 0,
  parentRunId: null,
  parentStepPath: null,
  requestId: null,
  createdAt: startedAt,
  updatedAt: startedAt,
  finishedAt: null,
};
const base = { itemId: 'wi_1', owner: 'worker', runId: run.id };

function attemptAt(stepPath: string, attempt = 1): LocatedAttempt {
  const work: ClaimedWork = { itemId: 'wi_1', stepPath, visit: 1, attempt, resume: null, leaseExpiries: 0, run };
  return { base, work, location: locateStep(workflowSteps(), stepPath), startedAt, finishedAt };
}

void describe('the executor commits one kind per outcome or failure', () => {
  void it('continue: moved on to the next step, or to the end of its scope; at the end of the top-level steps the run finished', () => {
    const next = commitForOutcome(attemptAt('call'), { kind: 'continue', output: { ok: true } });
    assert.ok(next.kind === 'moved_on');
    assert.deepEqual(next.destination, { kind: 'step', stepPath: 'loop' });
    assert.deepEqual(next.assign, { target: { kind: 'run' }, values: { call: { ok: true } } });

    const scopeEnd = commitForOutcome(attemptAt('loop/1/inner'), { kind: 'continue', output: 7, assign: { x: 1 } });
    assert.ok(scopeEnd.kind === 'moved_on');
    assert.deepEqual(scopeEnd.destination, { kind: 'scope_end', scope: 'loop/1/', ownerPath: 'loop', output: 7 });
    assert.deepEqual(scopeEnd.assign, { target: { kind: 'scope', scope: 'loop/1/' }, values: { x: 1 } }, 'a set step in an iteration sets its scope only');

    const last = commitForOutcome(attemptAt('recover'), { kind: 'continue', assign: { recovered: true } });
    assert.ok(last.kind === 'finished');
    assert.deepEqual(last.end, { status: 'succeeded', outcome: null, error: null, failedStep: null });
    assert.deepEqual(last.assign, { recovered: true });
  });

  void it('end: finished with its status and outcome; sleep: slept; fork: forked; park: parked; discard: dropped', () => {
    const ended = commitForOutcome(attemptAt('recover'), { kind: 'end', outcome: 'Refused', status: 'failed' });
    assert.ok(ended.kind === 'finished');
    assert.deepEqual(ended.end, { status: 'failed', outcome: 'Refused', error: null, failedStep: null });

    const until = new Date('2026-03-02T00:00:00Z');
    const slept = commitForOutcome(attemptAt('call'), { kind: 'sleep', until });
    assert.ok(slept.kind === 'slept');
    assert.deepEqual([slept.until, slept.resume, slept.attempt.status, slept.attempt.finishedAt], [until, { until: until.toISOString() }, 'waiting', null]);

    const forked = commitForOutcome(attemptAt('loop'), { kind: 'fork', enqueue: ['loop/0/inner', 'loop/1/inner'], scopes: [{ index: 0, variables: { item: 1 } }, { index: 1, variables: { item: 2 } }] });
    assert.ok(forked.kind === 'forked');
    assert.deepEqual(forked.steps, ['loop/0/inner', 'loop/1/inner']);
    assert.deepEqual(forked.opened, { ownerPath: 'loop', visit: 1, scopes: [{ index: 0, variables: { item: 1 } }, { index: 1, variables: { item: 2 } }] });
    const rewoken = commitForOutcome(attemptAt('loop'), { kind: 'fork', enqueue: ['loop/1/inner'] });
    assert.ok(rewoken.kind === 'forked');
    assert.equal(rewoken.opened, null, 'a fork after the first opens no scopes');

    assert.equal(commitForOutcome(attemptAt('call'), { kind: 'park' }).kind, 'parked');
    assert.deepEqual(commitForOutcome(attemptAt('call'), { kind: 'discard' }), { ...base, kind: 'dropped' });
  });

  void it('a transient failure retries while attempts remain, then on_error moves on; a permanent one fails the run', () => {
    const transient = new TransientError('http_network_error', 'the other side said 503');
    const retrying = commitForFailure(attemptAt('call', 1), { thrown: transient, input: { url: 'x' } });
    assert.ok(retrying.kind === 'retrying');
    assert.equal(retrying.attempt.status, 'retrying');
    assert.ok(retrying.retryAt > finishedAt);

    const recovered = commitForFailure(attemptAt('call', 2), { thrown: transient, input: undefined });
    assert.ok(recovered.kind === 'moved_on');
    assert.deepEqual(recovered.destination, { kind: 'step', stepPath: 'recover' });
    assert.equal(recovered.attempt.status, 'failed');
    assert.deepEqual(Object.keys(recovered.assign.values), ['error']);

    const failed = commitForFailure(attemptAt('loop/0/inner'), { thrown: new PermanentError('expression_failed', 'no'), input: undefined });
    assert.ok(failed.kind === 'finished');
    assert.deepEqual([failed.end.status, failed.end.failedStep, failed.end.error?.code], ['failed', 'loop/0/inner', 'expression_failed']);
  });

  void it('a step that cannot be found fails the run; a store outage runs the same attempt again, with no journal row', () => {
    const missing = failRun({ base, work: attemptAt('call').work, step: { id: 'call', type: 'unknown' }, startedAt, finishedAt, error: { type: 'permanent', code: 'step_not_found', message: 'gone' }, input: undefined });
    assert.ok(missing.kind === 'finished');
    assert.equal(missing.attempt.stepType, 'unknown');
    const outage = retryAfterOutage(base, finishedAt, () => 0.5);
    assert.deepEqual(outage, { ...base, kind: 'outage', retryAt: new Date(finishedAt.getTime() + 1500) });
  });
});
