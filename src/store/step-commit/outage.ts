import type { CommitOutcome, StepCommit } from '../records.ts';
import type { CommitContext } from './commit-context.ts';
import { updateRunProgress } from './run-progress.ts';
import { settleWorkItem } from './settle-work-item.ts';

/** The store failed under the step: no journal row; the same attempt runs again at `retryAt`, and the run goes on. */
export async function applyOutage(context: CommitContext, commit: Extract<StepCommit, { kind: 'outage' }>): Promise<CommitOutcome> {
  const settled = await settleWorkItem(context, commit, { item: { kind: 'due_again', dueAt: commit.retryAt }, attempt: null });
  if (settled.result !== 'owned') return settled;
  // No journal row says when: the time of the commit.
  await updateRunProgress(context, commit.runId, { at: Date.now() });
  return { result: 'applied' };
}
