import { RunStatus } from '../../core/statuses.ts';
import { openScopes } from '../scope-queries.ts';
import type { CommitOutcome, StepCommit } from '../records.ts';
import { toRun } from '../row-mappers.ts';
import { attemptTime, type CommitContext } from './commit-context.ts';
import { enqueueSteps } from './enqueue-steps.ts';
import { updateRunProgress } from './run-progress.ts';
import { settleWorkItem } from './settle-work-item.ts';

/** A parallel or foreach step starts nested steps (opening its scopes on a visit's first fork) and waits for them. */
export async function applyForked(context: CommitContext, commit: Extract<StepCommit, { kind: 'forked' }>): Promise<CommitOutcome> {
  const settled = await settleWorkItem(context, commit, { item: { kind: 'done' }, attempt: commit.attempt });
  if (settled.result !== 'owned') return settled;
  const { run } = settled;
  const now = attemptTime(commit.attempt);
  await updateRunProgress(context, commit.runId, { at: now, status: RunStatus.running });
  if (commit.opened) await openScopes(context.trx, commit.runId, commit.opened);
  const chained = await enqueueSteps(context, {
    runId: commit.runId,
    owner: commit.owner,
    steps: commit.steps.map((stepPath) => ({ stepPath, dueAt: commit.dueAt })),
    now,
    chainLeaseMs: commit.chainLeaseMs,
  });
  if (!chained) return { result: 'applied' };
  return { result: 'applied', chained: { ...chained, run: toRun({ ...run, updated_at: now, status: RunStatus.running }) } };
}
