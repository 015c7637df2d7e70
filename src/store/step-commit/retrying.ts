import { RunStatus } from '../../core/statuses.ts';
import type { CommitOutcome, StepCommit } from '../records.ts';
import { attemptTime, type CommitContext } from './commit-context.ts';
import { updateRunProgress } from './run-progress.ts';
import { settleWorkItem } from './settle-work-item.ts';

/** A transient failure: the journal keeps the attempt, and the next one is due at `retryAt`. */
export async function applyRetrying(context: CommitContext, commit: Extract<StepCommit, { kind: 'retrying' }>): Promise<CommitOutcome> {
  const item = { kind: 'due_again', dueAt: commit.retryAt, next: { attempt: commit.attempt.attempt + 1, resume: undefined } } as const;
  const settled = await settleWorkItem(context, commit, { item, attempt: commit.attempt });
  if (settled.result !== 'owned') return settled;
  await updateRunProgress(context, commit.runId, { at: attemptTime(commit.attempt), status: RunStatus.running });
  return { result: 'applied' };
}
