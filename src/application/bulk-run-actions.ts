/**
 * Retry or cancel many runs in one call, for the day after an outage. Each
 * run is changed by the single-run use case (run-admin.ts) in its own
 * transaction, with its own audit entry (`run.retried`, `run.cancelled`)
 * carrying the bulk call's id; so the single retry's rules hold per run: a
 * retry starts again at the failed step, never at a step that moved money.
 * A run that does not allow the change is skipped with the code the single
 * call would have answered. A preview says what would be done and does nothing.
 */
import { ConflictError, NotFoundError, type TollgateError } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import type { RunStatus } from '../core/statuses.ts';
import { cancelRefusal, retryStart } from '../store/run-change-rules.ts';
import type { RunRecord } from '../store/records.ts';
import type { AppContext } from './app-context.ts';
import { selectRuns, type BulkSelection, type SelectedRun } from './bulk-run-selection.ts';
import { cancelRun, retryRun, type RunChangeBy } from './run-admin.ts';

export const BulkRunAction = { retry: 'retry', cancel: 'cancel' } as const;
export type BulkRunAction = (typeof BulkRunAction)[keyof typeof BulkRunAction];

/** Why a run was left as it was: the error code the single-run call answers for it. */
export const BULK_SKIP_REASONS = ['run_not_found', 'run_not_retryable', 'run_already_finished'] as const;
export type BulkSkipReason = (typeof BULK_SKIP_REASONS)[number];

/** What happened to one run: done (or, in a preview, would be done), or skipped and why. */
export type BulkRunOutcome =
  | { id: string; result: 'retried' | 'cancelled' | 'would_retry' | 'would_cancel'; workflow: string; status: RunStatus }
  | { id: string; result: 'skipped'; reason: BulkSkipReason; message: string; workflow: string | null; status: RunStatus | null };

export interface BulkRunReport {
  /** The call's id, also in each audit entry it wrote; null for a preview. */
  bulk: string | null;
  action: BulkRunAction;
  preview: boolean;
  /** One per selected run, in the selection's order. */
  outcomes: BulkRunOutcome[];
}

export interface BulkRunInput {
  action: BulkRunAction;
  selection: BulkSelection;
  /** Say what would be done; change nothing. */
  preview: boolean;
  by: Omit<RunChangeBy, 'bulk'>;
}

/**
 * Applies `action` to each selected run, one transaction each, in order.
 * An unexpected failure (the database gone) stops the call and is thrown: the runs changed
 * before it stay changed, each in the audit trail under the call's id.
 * @throws InvalidInputError `bulk_limit_exceeded` (bulk-run-selection.ts).
 */
export async function bulkRunAction(app: AppContext, input: BulkRunInput): Promise<BulkRunReport> {
  const selected = await selectRuns(app, input.selection);
  if (input.preview) return { bulk: null, action: input.action, preview: true, outcomes: selected.map((one) => predicted(input.action, one)) };
  const bulk = newId('bulk', app.engine.clock.now());
  const outcomes: BulkRunOutcome[] = [];
  for (const one of selected) outcomes.push(await applied(app, input.action, one, { ...input.by, bulk }));
  return { bulk, action: input.action, preview: false, outcomes };
}

async function applied(app: AppContext, action: BulkRunAction, one: SelectedRun, by: RunChangeBy): Promise<BulkRunOutcome> {
  try {
    const after = action === BulkRunAction.retry ? await retryRun(app, one.id, by) : await cancelRun(app, one.id, by);
    return { id: one.id, result: action === BulkRunAction.retry ? 'retried' : 'cancelled', workflow: after.workflowId, status: after.status };
  } catch (error) {
    // Decided by code: the run does not allow the change (it may have changed since it was selected); read again for
    // the status it has now. Anything else stops the call.
    if ((error instanceof ConflictError || error instanceof NotFoundError) && isSkipReason(error.code)) return skipped({ id: one.id, run: await app.engine.store.getRun(one.id) }, error, error.code);
    throw error;
  }
}

/** What `applied` would do, by the same rules the store enforces (run-change-rules.ts). */
function predicted(action: BulkRunAction, one: SelectedRun): BulkRunOutcome {
  const run = one.run;
  if (run === undefined) return skipped(one, new NotFoundError('run_not_found', `no run "${one.id}"`), 'run_not_found');
  switch (action) {
    case BulkRunAction.retry: {
      const start = retryStart(run);
      return start.kind === 'refused' ? skipped(one, start.error, 'run_not_retryable') : { id: run.id, result: 'would_retry', workflow: run.workflowId, status: run.status };
    }
    case BulkRunAction.cancel: {
      const refusal = cancelRefusal(run);
      return refusal !== undefined ? skipped(one, refusal, 'run_already_finished') : { id: run.id, result: 'would_cancel', workflow: run.workflowId, status: run.status };
    }
    default: {
      const _: never = action;
      throw new Error(`unknown bulk action ${String(_)}`);
    }
  }
}

/** A skipped run, with its workflow and status as `one.run` last read them. */
function skipped(one: SelectedRun, error: TollgateError, reason: BulkSkipReason): BulkRunOutcome {
  const run: RunRecord | undefined = one.run;
  return { id: one.id, result: 'skipped', reason, message: error.message, workflow: run?.workflowId ?? null, status: run?.status ?? null };
}

function isSkipReason(code: string): code is BulkSkipReason {
  return (BULK_SKIP_REASONS as readonly string[]).includes(code);
}
