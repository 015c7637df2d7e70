import { RunStatus } from '../../core/statuses.ts';
import type { CommitOutcome, StepCommit } from '../records.ts';
import { attemptTime, type CommitContext } from './commit-context.ts';
import { updateRunProgress } from './run-progress.ts';
import { settleWorkItem } from './settle-work-item.ts';

/** A timer: the same attempt runs again at `until`; the run waits. */
export async function applySlept(context: CommitContext, commit: Extract<StepCommit, { kind: 'slept' }>): Promise<CommitOutcome> {
  const item = { kind: 'due_again', dueAt: commit.until, next: { attempt: commit.attempt.attempt, resume: commit.resume } } as const;
  const settled = await settleWorkItem(context, commit, { item, attempt: commit.attempt });
  if (settled.result !== 'owned') return settled;
  await updateRunProgress(context, commit.runId, { at: attemptTime(commit.attempt), status: RunStatus.waiting });
  return { result: 'applied' };
}
