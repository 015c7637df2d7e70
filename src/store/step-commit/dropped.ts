import type { CommitOutcome, StepCommit } from '../records.ts';
import type { CommitContext } from './commit-context.ts';
import { updateRunProgress } from './run-progress.ts';
import { settleWorkItem } from './settle-work-item.ts';

/** Nothing happened: a late wake-up of a step that already went on, or a step of a run that ended. Its work item goes. */
export async function applyDropped(context: CommitContext, commit: Extract<StepCommit, { kind: 'dropped' }>): Promise<CommitOutcome> {
  const settled = await settleWorkItem(context, commit, { item: { kind: 'done' }, attempt: null });
  if (settled.result !== 'owned') return settled;
  // No journal row says when: the time of the commit.
  await updateRunProgress(context, commit.runId, { at: Date.now() });
  return { result: 'applied' };
}
