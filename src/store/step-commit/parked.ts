import { RunStatus } from '../../core/statuses.ts';
import type { CommitOutcome, StepCommit } from '../records.ts';
import { attemptTime, type CommitContext } from './commit-context.ts';
import { updateRunProgress } from './run-progress.ts';
import { settleWorkItem } from './settle-work-item.ts';

/** The step waits until something outside wakes it (an approval decided, a child run ended, a branch ended); the run waits. */
export async function applyParked(context: CommitContext, commit: Extract<StepCommit, { kind: 'parked' }>): Promise<CommitOutcome> {
  const settled = await settleWorkItem(context, commit, { item: { kind: 'done' }, attempt: commit.attempt });
  if (settled.result !== 'owned') return settled;
  await updateRunProgress(context, commit.runId, { at: attemptTime(commit.attempt), status: RunStatus.waiting });
  return { result: 'applied' };
}
