import { NotFoundError } from '../core/errors.ts';
import type { Variables } from '../core/json.ts';
import { RunStatus } from '../core/statuses.ts';
import { startRun } from '../engine/start-run.ts';
import type { AttemptRecord, RunRecord } from '../store/records.ts';
import type { AppContext } from './app-context.ts';
import { requireRunReadable } from './run-access.ts';
import { requireWorkflow } from './workflow-admin.ts';

/** Starts a run of a workflow on demand (manual trigger, or any trigger for testing). */
export async function invokeWorkflow(app: AppContext, input: { workflowId: string; input: Variables; by?: string }): Promise<RunRecord> {
  const workflow = await requireWorkflow(app, input.workflowId);
  const run = await startRun(app.engine, {
    workflowId: workflow.id,
    input: input.input,
    trigger: { type: 'manual', ...(input.by === undefined ? {} : { by: input.by }) },
  });
  app.wakeWorker();
  return run;
}

export interface RunDetail {
  run: RunRecord;
  steps: AttemptRecord[];
}

/**
 * A run and its step timeline. `reader` (see run-access.ts) limits it to runs that person may read.
 * @throws NotFoundError `run_not_found`; ForbiddenError `not_your_run`.
 */
export async function runDetail(app: AppContext, id: string, options: { reader?: string | undefined } = {}): Promise<RunDetail> {
  const run = await app.engine.store.getRun(id);
  if (!run) throw new NotFoundError('run_not_found', `no run "${id}"; list runs with \`tollgate runs list\``, { path: 'run' });
  await requireRunReadable(app, options.reader, id);
  return { run, steps: await app.engine.store.listAttempts(id) };
}

export async function cancelRun(app: AppContext, id: string): Promise<RunRecord> {
  return app.engine.store.cancelRun({ id, now: app.engine.clock.now() });
}

export async function retryRun(app: AppContext, id: string): Promise<RunRecord> {
  const run = await app.engine.store.retryRun({ id, now: app.engine.clock.now() });
  app.wakeWorker();
  return run;
}

export const RUN_STATUSES = Object.values(RunStatus);
