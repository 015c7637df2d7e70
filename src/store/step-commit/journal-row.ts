import type { Insertable, Kysely } from 'kysely';
import type { Database, StepAttemptsTable } from '../database-schema.ts';
import type { JournalAttempt } from '../records.ts';
import { toJson } from '../row-mappers.ts';

export type AttemptRow = Omit<Insertable<StepAttemptsTable>, 'run_id' | 'position'>;

/** Writes a step attempt to the run's journal. */
export async function writeAttempt(trx: Kysely<Database>, runId: string, attempt: JournalAttempt): Promise<void> {
  await insertAttemptRow(trx, runId, {
    step_path: attempt.stepPath,
    visit: attempt.visit,
    attempt: attempt.attempt,
    step_id: attempt.stepId,
    step_type: attempt.stepType,
    status: attempt.status,
    input: toJson(attempt.input),
    output: toJson(attempt.output),
    error: toJson(attempt.error ?? undefined),
    started_at: attempt.startedAt.getTime(),
    finished_at: attempt.finishedAt?.getTime() ?? null,
  });
}

/** Adds a row to the run's journal at the next position (or completes the row of a parked step). */
export async function insertAttemptRow(trx: Kysely<Database>, runId: string, row: AttemptRow): Promise<void> {
  // The next position is a counter in the run's row, which this transaction holds locked (or SQLite's single
  // writer): constant work, where a count of the run's attempts read its whole journal for every row added.
  // A parked step writes its attempt twice (waiting, then done): keep its first start time and position
  // (the number its second write took is left unused; positions only order the journal).
  const counter = await trx
    .updateTable('runs')
    .set((eb) => ({ last_position: eb('last_position', '+', 1) }))
    .where('id', '=', runId)
    .returning('last_position')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('step_attempts')
    .values({ ...row, run_id: runId, position: Number(counter.last_position) })
    .onConflict((oc) =>
      oc.columns(['run_id', 'step_path', 'visit', 'attempt']).doUpdateSet({ status: row.status, output: row.output ?? null, error: row.error ?? null, finished_at: row.finished_at ?? null }),
    )
    .execute();
}
