import { createHash } from 'node:crypto';
import { PermanentError } from '../../core/errors.ts';
import { isFinal, RunStatus } from '../../core/statuses.ts';
import { renderTemplate } from '../../expression/index.ts';
import type { WorkflowStep } from '../../definition/schema.ts';
import { handOffRuns } from '../run-handoff.ts';
import { prepareRun } from '../start-run.ts';
import type { StepHandler } from './step-handler.ts';

/**
 * Runs another published workflow and waits for its outcome. The child run's
 * id derives from this step's identity, so a re-run after a crash finds the
 * child it already started instead of starting a second one.
 */
export const runWorkflowStep: StepHandler<WorkflowStep> = async ({ step, path, visit, run, variables, engine }) => {
  const childId = `run_${createHash('sha256').update(`${run.id}/${path}/${visit}/${run.retryGeneration}`).digest('hex').slice(0, 26)}`;
  const existing = await engine.store.getRun(childId);
  if (!existing) {
    const input = (await renderTemplate(step.input, variables, { timeoutMs: engine.expressionTimeoutMs })) as Record<string, unknown>;
    const child = await prepareRun(engine, {
      workflowId: step.workflow,
      input,
      trigger: { type: 'workflow', parent_run: run.id, parent_step: path },
      parentRunId: run.id,
      parentStepPath: path,
    });
    // Not with its first steps (start-run.ts `insertRun`): a child that ended at creation would wake this step before it parks.
    await handOffRuns(engine, [{ ...child, id: childId }], async (runs) => (await engine.store.createRuns(runs)).leased);
    return { kind: 'park', input: { workflow: step.workflow, input, child_run: childId } };
  }
  if (!isFinal(existing.status)) return { kind: 'park', input: { workflow: step.workflow, child_run: childId } };
  const output = { run_id: childId, status: existing.status, outcome: existing.outcome, variables: existing.variables };
  if (existing.status !== RunStatus.succeeded) {
    throw new PermanentError('child_run_failed', `${path}: workflow "${step.workflow}" ended ${existing.status} (run ${childId})`, {
      details: { child_run: childId, child_error: existing.error },
    });
  }
  return { kind: 'continue', output };
};
