import type { Insertable, Kysely, OnConflictBuilder, Selectable } from 'kysely';
import type { Database, RunsTable, StepAttemptsTable } from '../database-schema.ts';
import { insertTogether } from '../insert-together.ts';
import { insertRunRows } from '../new-run.ts';
import { preparedInsert } from '../prepared-insert.ts';
import { outboxRowsInsert, type OutboxTable } from '../outbox-store.ts';

/**
 * The journal and outbox rows of a batch of step commits, and the rows of the
 * runs it creates ended, held until the batch is about to commit and then
 * written with one multi-row statement per table: a batch of 64 steps makes
 * three inserts, not 128 (on PostgreSQL, one statement: insert-together.ts).
 * Nothing in a batch reads the outbox or those runs back; whatever reads a
 * step's rows in the journal inside one (the next visit of an enqueued or
 * inlined step, `latestVisit`, `wakeStep`) writes the held rows first when
 * some are of that step, and a row written at once writes them all first, so
 * the journal reads and ends as if each row had been written in its turn.
 */
interface HeldRows {
  /** By attempt key: a second write of an attempt completes the first, as the upsert would. */
  journal: Map<string, Insertable<StepAttemptsTable>>;
  /** The steps (run and path) those rows are of. */
  steps: Set<string>;
  /** By Message-ID: a second row for a message is dropped, as the insert would. */
  outbox: Map<string, OutboxTable>;
  /** Runs that end in the commit that creates them, as they ended. */
  runs: Selectable<RunsTable>[];
}

const heldByTransaction = new WeakMap<Kysely<Database>, HeldRows>();

/** From now until `writeHeldRows(trx)`, the journal, outbox and ended runs' rows written in `trx` through this module are held (commitSteps opens every step commit's transaction so). */
export function holdRows(trx: Kysely<Database>): void {
  heldByTransaction.set(trx, { journal: new Map(), steps: new Set(), outbox: new Map(), runs: [] });
}

/** Holds a journal row until the batch writes its rows. */
export function holdJournalRow(trx: Kysely<Database>, row: Insertable<StepAttemptsTable>): void {
  const held = heldRowsOf(trx);
  const step = stepKey(row.run_id, row.step_path);
  const key = `${step}\u0000${row.visit}\u0000${row.attempt}`;
  const earlier = held.journal.get(key);
  held.steps.add(step);
  if (earlier === undefined) held.journal.set(key, row);
  else Object.assign(earlier, { status: row.status, output: row.output ?? null, error: row.error ?? null, finished_at: row.finished_at ?? null });
}

/** Holds an outbox row until the batch writes its rows. */
export function holdOutboxRow(trx: Kysely<Database>, row: OutboxTable): void {
  const held = heldRowsOf(trx);
  if (!held.outbox.has(row.message_id)) held.outbox.set(row.message_id, row);
}

/** Holds new runs' rows until the batch writes its rows (before their journal rows); outside a step commit's transaction, writes them now. */
export async function holdRunRows(trx: Kysely<Database>, rows: readonly Selectable<RunsTable>[]): Promise<void> {
  const held = heldByTransaction.get(trx);
  if (held === undefined) await insertRunRows.execute(trx, rows);
  else held.runs.push(...rows);
}

/** Rows are held only in a step commit's transaction: anywhere else they would never be written. */
function heldRowsOf(trx: Kysely<Database>): HeldRows {
  const held = heldByTransaction.get(trx);
  if (held === undefined) throw new Error('rows are held only in a transaction opened by commitSteps (held-rows.ts: holdRows); write this row with its own statement instead');
  return held;
}

/** Writes the rows held in `trx` if some are of one of these steps of the run: before the journal is read for them. */
export async function writeHeldRowsOf(trx: Kysely<Database>, runId: string, stepPaths: readonly string[]): Promise<void> {
  const held = heldByTransaction.get(trx);
  if (held !== undefined && stepPaths.some((path) => held.steps.has(stepKey(runId, path)))) await writeHeldRows(trx);
}

/** Writes the rows held in `trx` so far (none: nothing to do); holding goes on for the rows written after. */
export async function writeHeldRows(trx: Kysely<Database>): Promise<void> {
  const held = heldByTransaction.get(trx);
  if (held === undefined) return;
  const { runs } = held;
  const journal = [...held.journal.values()];
  const outbox = [...held.outbox.values()];
  held.journal.clear();
  held.steps.clear();
  held.outbox.clear();
  held.runs = [];
  await insertTogether(trx, [...insertRunRows.compile(trx, runs), ...insertJournalRows.compile(trx, journal), ...outboxRowsInsert.compile(trx, outbox)]);
}

const insertJournalRows = preparedInsert<Insertable<StepAttemptsTable>>((db, rows) => db.insertInto('step_attempts').values(rows).onConflict(completeAttempt));

/** A second write of an attempt (a parked step, done) completes its row: its position and start stay. */
export function completeAttempt(oc: OnConflictBuilder<Database, 'step_attempts'>) {
  return oc.columns(['run_id', 'step_path', 'visit', 'attempt']).doUpdateSet((eb) => ({
    status: eb.ref('excluded.status'),
    output: eb.ref('excluded.output'),
    error: eb.ref('excluded.error'),
    finished_at: eb.ref('excluded.finished_at'),
  }));
}

function stepKey(runId: string, stepPath: string): string {
  return `${runId}\u0000${stepPath}`;
}
