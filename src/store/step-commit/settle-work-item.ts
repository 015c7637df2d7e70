import { isFinal } from '../../core/statuses.ts';
import { preparedQuery } from '../prepared-query.ts';
import { lockRun } from '../run-lock.ts';
import type { JournalAttempt, StepCommit } from '../records.ts';
import { toJson } from '../row-mappers.ts';
import { takeLockedRun, type CommitContext, type LockedRun } from './commit-context.ts';
import { lastPositionOf, seedPositions, writeAttempt } from './journal-row.ts';
import { appendMoneyAudit } from './money-audit.ts';
import { applyStepWrites } from './step-writes.ts';

/**
 * What becomes of the step's work item: gone (the step is done with it), gone with every other item of
 * its run (the run ends at this step), or due again (the same attempt, or `next`).
 */
export type ItemAfterCommit = { kind: 'done' } | { kind: 'run_ended' } | { kind: 'due_again'; dueAt: Date; next?: { attempt: number; resume: unknown } };

export type Settled = { result: 'lease_lost' } | { result: 'run_not_active' } | { result: 'owned'; run: LockedRun };

/**
 * The start of every commit: lock the run, take the work item off the queue
 * (or set it due again) if this worker still holds its lease, and write the
 * journal row. The journal keeps an attempt that finished after its run ended
 * (a cancel while the step ran), but nothing else of the commit applies then.
 */
export async function settleWorkItem(context: CommitContext, commit: StepCommit, input: { item: ItemAfterCommit; attempt: JournalAttempt | null }): Promise<Settled> {
  const { trx, database } = context;
  // The run's row lock first, before any of its work items: a batch that locked a work item and then waited for
  // the run deadlocked with one that held the run and woke that item (a foreach's iterations ending at once).
  const run = takeLockedRun(context, commit.runId) ?? (await lockRun(trx, database.capabilities, commit.runId));
  if (run) seedPositions(context, run);
  const owned = await releaseItem(context, commit, input.item);
  const active = run !== undefined && !isFinal(run.status);
  // A lost lease means another worker has the step: it will record the attempt.
  if (!owned && active) return { result: 'lease_lost' };
  if (input.attempt) await writeAttempt(context, commit.runId, input.attempt);
  if (input.attempt?.writes !== undefined) applyStepWrites(context, input.attempt.writes);
  const money = input.attempt?.money;
  if (money !== undefined && run !== undefined && input.attempt) await appendMoneyAudit(context, { run, stepPath: input.attempt.stepPath, money, at: input.attempt.finishedAt ?? input.attempt.startedAt });
  if (!active) {
    // No run update follows in this commit: the journal counter is written back here.
    if (input.attempt) await trx.updateTable('runs').set(lastPositionOf(context, commit.runId)).where('id', '=', commit.runId).execute();
    return { result: 'run_not_active' };
  }
  return { result: 'owned', run };
}

/** Most step commits take their item off the queue with it: compiled once (prepared-query.ts). */
const deleteHeldItem = preparedQuery<'id' | 'owner', never>((db, param) => db.deleteFrom('work_items').where('id', '=', param('id')).where('lease_owner', '=', param('owner')));

async function releaseItem({ trx, solo }: CommitContext, commit: StepCommit, item: ItemAfterCommit): Promise<boolean> {
  // A solo commit's item went before the batch's first commit (solo-commits.ts).
  const released = solo.released.get(commit.itemId);
  if (released !== undefined) return released;
  if (item.kind === 'run_ended') {
    // One statement for the step's item and the rest of its run's queue, and only while this worker holds the step.
    const deleted = await trx
      .deleteFrom('work_items')
      .where('run_id', '=', commit.runId)
      .where((eb) => eb.exists(eb.selectFrom('work_items as held').select('held.id').where('held.id', '=', commit.itemId).where('held.lease_owner', '=', commit.owner)))
      .returning('id')
      .execute();
    return deleted.some((row) => row.id === commit.itemId);
  }
  if (item.kind === 'done') {
    const deleted = await deleteHeldItem.execute(trx, { id: commit.itemId, owner: commit.owner });
    return (deleted.numAffectedRows ?? 0n) > 0n;
  }
  const updated = await trx
    .updateTable('work_items')
    .set({
      due_at: item.dueAt.getTime(),
      ...(item.next ? { attempt: item.next.attempt, resume: toJson(item.next.resume) } : {}),
      lease_owner: null,
      lease_until: null,
      lease_expiries: 0,
    })
    .where('id', '=', commit.itemId)
    .where('lease_owner', '=', commit.owner)
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}
