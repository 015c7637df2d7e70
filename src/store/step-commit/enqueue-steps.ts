import { sql } from 'kysely';
import { newId } from '../../core/ids.ts';
import type { ClaimedWork } from '../records.ts';
import type { CommitContext } from './commit-context.ts';
import { writeHeldRowsOf } from './held-rows.ts';

/** A step leased to the committing worker as it was enqueued; the caller adds the run. */
export type ChainedStep = Omit<ClaimedWork, 'run'>;

/**
 * Makes steps runnable, each as a new visit (one more than the journal has
 * seen of it). With `chainLeaseMs`, the first one due by `now` is leased to
 * `owner` and handed back, so its worker runs it next without a claim.
 */
export async function enqueueSteps(
  { trx }: CommitContext,
  input: { runId: string; owner: string; steps: { stepPath: string; dueAt: Date }[]; now: number; chainLeaseMs: number | undefined },
): Promise<ChainedStep | undefined> {
  let chained: ChainedStep | undefined;
  // The next visit counts the journal's rows of the step: those held in this batch too.
  await writeHeldRowsOf(trx, input.runId, input.steps.map((next) => next.stepPath));
  for (const next of input.steps) {
    const chain = input.chainLeaseMs !== undefined && chained === undefined && next.dueAt.getTime() <= input.now;
    const inserted = await trx
      .insertInto('work_items')
      .values({
        id: newId('wi'),
        run_id: input.runId,
        step_path: next.stepPath,
        visit: sql<number>`(SELECT COALESCE(MAX(visit), 0) + 1 FROM step_attempts WHERE run_id = ${input.runId} AND step_path = ${next.stepPath})`,
        attempt: 1,
        due_at: next.dueAt.getTime(),
        lease_owner: chain ? input.owner : null,
        lease_until: chain ? input.now + (input.chainLeaseMs ?? 0) : null,
        resume: null,
        created_at: input.now,
      })
      .onConflict((oc) => oc.columns(['run_id', 'step_path']).doNothing())
      .returning(['id', 'visit'])
      .executeTakeFirst();
    if (chain && inserted) chained = { itemId: inserted.id, stepPath: next.stepPath, visit: inserted.visit, attempt: 1, resume: null, leaseExpiries: 0 };
  }
  return chained;
}
