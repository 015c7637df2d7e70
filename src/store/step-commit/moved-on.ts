import { RunStatus } from '../../core/statuses.ts';
import type { CommitOutcome, StepCommit } from '../records.ts';
import { toRun } from '../row-mappers.ts';
import { startsWith } from '../starts-with.ts';
import type { CommitContext } from './commit-context.ts';
import { enqueueSteps, type ChainedStep } from './enqueue-steps.ts';
import { commitTime, writeInlinedRows } from './inlined-rows.ts';
import { assignVariables, updateRunProgress } from './run-progress.ts';
import { reachScopeEnd } from './scope-end.ts';
import { settleWorkItem } from './settle-work-item.ts';

/** The step is done (and those it ran after it in the commit): its variables are set, and the run goes on at its destination (a next step, or the end of its scope). */
export async function applyMovedOn(context: CommitContext, commit: Extract<StepCommit, { kind: 'moved_on' }>): Promise<CommitOutcome> {
  const settled = await settleWorkItem(context, commit, { item: { kind: 'done' }, attempt: commit.attempt });
  if (settled.result !== 'owned') return settled;
  const { run } = settled;
  // The steps that ran after this one in the same commit: their rows before the next step's visit is counted.
  await writeInlinedRows(context, commit.runId, commit.inlined);
  const now = commitTime(commit);
  const variables = await assignVariables(context, run, commit.assign);
  // A solo move's row is written with the batch's others, after its last commit (solo-commits.ts).
  if (context.solo.deferred.has(commit.itemId)) context.solo.progress.push({ runId: commit.runId, at: now, variables });
  else await updateRunProgress(context, commit.runId, { at: now, status: RunStatus.running, variables });
  const cancelScope = commit.cancelScope;
  if (cancelScope !== null) {
    await context.trx.deleteFrom('work_items').where('run_id', '=', commit.runId).where((eb) => startsWith(eb, eb.ref('step_path'), cancelScope)).execute();
  }
  const { destination } = commit;
  let chained: ChainedStep | undefined;
  switch (destination.kind) {
    case 'step':
      chained = await enqueueSteps(context, {
        runId: commit.runId,
        owner: commit.owner,
        steps: [{ stepPath: destination.stepPath, dueAt: new Date(now) }],
        now,
        chainLeaseMs: commit.chainLeaseMs,
      });
      break;
    case 'scope_end':
      await reachScopeEnd(context, commit.runId, destination, now);
      break;
    default: {
      const unknown: never = destination;
      throw new Error(`unknown destination ${JSON.stringify(unknown)}`);
    }
  }
  if (!chained) return { result: 'applied' };
  // The run as this transaction leaves it, for the worker to run the chained step with.
  const updated = { ...run, updated_at: now, variables: variables ?? run.variables, status: RunStatus.running };
  return { result: 'applied', chained: { ...chained, run: toRun(updated) } };
}
