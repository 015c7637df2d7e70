import type { Insertable, Kysely } from 'kysely';
import type { Database, StepAttemptsTable } from '../database-schema.ts';
import type { JournalAttempt } from '../records.ts';
import { preparedQuery } from '../prepared-query.ts';
import { toJson } from '../row-mappers.ts';
import { completeAttempt, holdJournalRow, writeHeldRows } from './held-rows.ts';
import type { CommitContext, LockedRun } from './commit-context.ts';

export type AttemptRow = Omit<Insertable<StepAttemptsTable>, 'run_id' | 'position'>;

/**
 * Writes a step attempt of a run to its journal, inside a step commit: at the next position the commit
 * hands out for the run (seeded from the run's locked row, see `seedPositions`), which the run's update
 * in the same commit writes back. Without a seeded row it counts in the run's row itself.
 */
export async function writeAttempt(context: Pick<CommitContext, 'trx' | 'positions'>, runId: string, attempt: JournalAttempt): Promise<void> {
  const row = {
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
  };
  const last = context.positions.get(runId);
  if (last === undefined) return insertAttemptRow(context.trx, runId, row);
  context.positions.set(runId, last + 1);
  holdJournalRow(context.trx, { ...row, run_id: runId, position: last + 1 });
}

/** The run's row was read (locked) in this commit: its journal counter is where the positions the commit hands out start. */
export function seedPositions(context: Pick<CommitContext, 'positions'>, run: Pick<LockedRun, 'id' | 'last_position'>): void {
  // A row added since by another writer in this batch (insertAttemptRow) moved the counter on: take the larger.
  context.positions.set(run.id, Math.max(context.positions.get(run.id) ?? 0, Number(run.last_position)));
}

/** What the run's update writes back to its journal counter: set when the batch handed out positions for the run. */
export function lastPositionOf(context: Pick<CommitContext, 'positions'>, runId: string): { last_position?: number } {
  const last = context.positions.get(runId);
  return last === undefined ? {} : { last_position: last };
}

/** Adds a row to the run's journal at the next position (or completes the row of a parked step). */
export async function insertAttemptRow(trx: Kysely<Database>, runId: string, row: AttemptRow): Promise<void> {
  // The next position is a counter in the run's row, which this transaction holds locked (or SQLite's single
  // writer): constant work, where a count of the run's attempts read its whole journal for every row added.
  // A parked step writes its attempt twice (waiting, then done): keep its first start time and position
  // (the number its second write took is left unused; positions only order the journal).
  await writeHeldRows(trx);
  const counter = await trx
    .updateTable('runs')
    .set((eb) => ({ last_position: eb('last_position', '+', 1) }))
    .where('id', '=', runId)
    .returning('last_position')
    .executeTakeFirstOrThrow();
  await upsertAttemptRow(trx, runId, row, Number(counter.last_position));
}

async function upsertAttemptRow(trx: Kysely<Database>, runId: string, row: AttemptRow, position: number): Promise<void> {
  await upsertAttempt.execute(trx, {
    run_id: runId,
    position,
    step_path: row.step_path,
    visit: row.visit,
    attempt: row.attempt,
    step_id: row.step_id,
    step_type: row.step_type,
    status: row.status,
    input: row.input ?? null,
    output: row.output ?? null,
    error: row.error ?? null,
    started_at: row.started_at,
    finished_at: row.finished_at ?? null,
  });
}

/** Every step writes its row with it: compiled once (prepared-query.ts). A second write of the same attempt (a parked step done) completes the row. */
const upsertAttempt = preparedQuery<keyof StepAttemptsTable, never>((db, param) =>
  db
    .insertInto('step_attempts')
    .values({
      run_id: param('run_id'),
      position: param('position'),
      step_path: param('step_path'),
      visit: param('visit'),
      attempt: param('attempt'),
      step_id: param('step_id'),
      step_type: param('step_type'),
      status: param('status'),
      input: param('input'),
      output: param('output'),
      error: param('error'),
      started_at: param('started_at'),
      finished_at: param('finished_at'),
    })
    .onConflict(completeAttempt),
);
