/**
 * When a person may retry or cancel a run: the rules cancelRun and retryRun
 * (run-queries.ts) enforce inside their transaction, and a bulk preview reads
 * to say what would be done without doing it.
 */
import { ConflictError } from '../core/errors.ts';
import { isFinal, RunStatus } from '../core/statuses.ts';
import type { RunRecord } from './records.ts';

/** Where a retry of `run` starts again: its failed step; or why it cannot be retried (`run_not_retryable`). */
export function retryStart(run: Pick<RunRecord, 'id' | 'status' | 'failedStep'>): { kind: 'step'; step: string } | { kind: 'refused'; error: ConflictError } {
  if (run.status === RunStatus.failed && run.failedStep !== null) return { kind: 'step', step: run.failedStep };
  return { kind: 'refused', error: new ConflictError('run_not_retryable', `run ${run.id} is ${run.status}; only a failed run can be retried from its failed step`) };
}

/** Why `run` cannot be cancelled (`run_already_finished`), or undefined when it can. */
export function cancelRefusal(run: Pick<RunRecord, 'id' | 'status'>): ConflictError | undefined {
  if (!isFinal(run.status)) return undefined;
  return new ConflictError('run_already_finished', `run ${run.id} already ended (${run.status}); only running or waiting runs can be cancelled`);
}
