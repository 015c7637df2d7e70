import type { CommitOutcome, StepCommit } from '../records.ts';
import { finishRun } from '../run-end/finish-run.ts';
import type { RunEndRow } from '../run-end/run-end-row.ts';
import type { CommitContext } from './commit-context.ts';
import { commitTime, writeInlinedRows } from './inlined-rows.ts';
import { mergedRunVariables } from './run-progress.ts';
import { settleWorkItem } from './settle-work-item.ts';

/** The run ended at this step: it takes the step's variables, and its end is an event the run's request, approvals and parent react to. */
export async function applyFinished(context: CommitContext, commit: Extract<StepCommit, { kind: 'finished' }>): Promise<CommitOutcome> {
  const settled = await settleWorkItem(context, commit, { item: { kind: 'run_ended' }, attempt: commit.attempt });
  if (settled.result !== 'owned') return settled;
  const { run } = settled;
  await writeInlinedRows(context, commit.runId, commit.inlined);
  const parent = run.parent_run_id !== null && run.parent_step_path !== null ? { runId: run.parent_run_id, stepPath: run.parent_step_path } : null;
  await finishRun(
    { trx: context.trx, capabilities: context.database.capabilities },
    {
      finished: { runId: commit.runId, end: commit.end, requestId: run.request_id, parent, hadApprovalTasks: run.has_approval_tasks !== 0, at: new Date(commitTime(commit)) },
      ...(Object.keys(commit.assign).length === 0 ? {} : { variables: mergedRunVariables(run, commit.assign) }),
      queueCleared: true,
      lastPosition: context.positions.get(commit.runId),
      // Its row is written with the batch's other solo endings (solo-commits.ts).
      ...(context.solo.deferred.has(commit.itemId) ? { holdRunEnd: (row: RunEndRow) => context.solo.ends.push(row) } : {}),
    },
  );
  // The parent's waiting step woke: its row changed, so its own commit in this batch reads it again.
  if (parent !== null) context.lockedRuns.delete(parent.runId);
  return { result: 'applied', wokeParent: parent !== null };
}
