import { NotFoundError } from '../core/errors.ts';
import type { Variables } from '../core/json.ts';
import { RunStatus } from '../core/statuses.ts';
import type { AuditActor, AuditEntryInput } from '../core/audit-entry.ts';
import { insertRun, prepareRun } from '../engine/start-run.ts';
import { CLI_ACTOR } from '../identity/audit-actor.ts';
import type { AttemptRecord, RunRecord } from '../store/records.ts';
import type { AppContext } from './app-context.ts';
import { requireRunReadable } from './run-access.ts';
import { requireWorkflow } from './workflow-admin.ts';

/** Starts a run of a workflow on demand (manual trigger, or any trigger for testing); `actor` (who, for the audit trail) defaults to the CLI. */
export async function invokeWorkflow(app: AppContext, input: { workflowId: string; input: Variables; by?: string; actor?: AuditActor }): Promise<RunRecord> {
  const workflow = await requireWorkflow(app, input.workflowId);
  const run = await prepareRun(app.engine, {
    workflowId: workflow.id,
    input: input.input,
    trigger: { type: 'manual', ...(input.by === undefined ? {} : { by: input.by }) },
  });
  const audit = { actor: input.actor ?? CLI_ACTOR, action: 'run.started', target: { type: 'run', id: run.id }, detail: { workflow: run.workflowId, version: run.version, trigger: 'manual' }, at: run.createdAt } as const;
  const inserted = await insertRun(app.engine, run, (runs, firstSteps) => app.engine.store.createRuns(runs, { audit, firstSteps }));
  if (inserted.queued) app.wakeWorker();
  return inserted.run;
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

/** Who changes a run, for the audit trail. */
export interface RunChangeBy {
  /** Who; defaults to the CLI. */
  actor?: AuditActor;
  /** The bulk action (bulk-run-actions.ts) this change is one run of; its id goes in the audit entry's detail. */
  bulk?: string;
}

/**
 * Cancels a running or waiting run.
 * @throws NotFoundError `run_not_found`; ConflictError `run_already_finished`.
 */
export async function cancelRun(app: AppContext, id: string, by: RunChangeBy = {}): Promise<RunRecord> {
  const now = app.engine.clock.now();
  return app.engine.store.cancelRun({ id, now, audit: (before) => runEntry(by, 'run.cancelled', before, now) });
}

/**
 * Retries a failed run from its failed step, on the version it is pinned to. Steps that succeeded
 * (money moved) are not run again; the failed step runs under a new retry generation, and a money
 * call whose outcome was never known is first looked up under its old key (engine/money/money-guard.ts).
 * @throws NotFoundError `run_not_found`; ConflictError `run_not_retryable`.
 */
export async function retryRun(app: AppContext, id: string, by: RunChangeBy = {}): Promise<RunRecord> {
  const now = app.engine.clock.now();
  const run = await app.engine.store.retryRun({ id, now, audit: (before) => runEntry(by, 'run.retried', before, now) });
  app.wakeWorker();
  return run;
}

function runEntry(by: RunChangeBy, action: 'run.cancelled' | 'run.retried', before: RunRecord, at: Date): AuditEntryInput {
  return {
    actor: by.actor ?? CLI_ACTOR,
    action,
    target: { type: 'run', id: before.id },
    detail: {
      workflow: before.workflowId,
      version: before.version,
      before: before.status,
      ...(before.failedStep === null ? {} : { failed_step: before.failedStep }),
      ...(by.bulk === undefined ? {} : { bulk: by.bulk }),
    },
    at,
  };
}

export const RUN_STATUSES = Object.values(RunStatus);
