import type { Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';
import type { StepCommit } from '../records.ts';
import { writeRunEnds, type RunEndRow } from '../run-end/run-end-row.ts';
import type { LockedRun } from './commit-context.ts';

/**
 * The runs a batch ends "solo", written with one statement or two per batch
 * instead of two per run. A solo ending is a `finished` commit that is its
 * run's only commit in the batch, of a run that is no other run's parent in
 * it: then no other commit of the batch reads or changes that run's row or
 * work items (a child's end would wake a step of its parent, another commit
 * of the run would enqueue one). So the run's queue goes before the batch's
 * first commit applies, and its row is written after its last.
 */
export interface SoloEndings {
  /** Per solo ending's item: whether the worker still held it when its run's queue went (with it). */
  released: ReadonlyMap<string, boolean>;
  /** The solo-ended runs' rows, written by `writeSoloEnds` before the batch commits. */
  ends: RunEndRow[];
}

/**
 * Empties the queues of the batch's solo endings, as each commit's own delete
 * would: a run's queue goes only while the worker still holds the ending step's item.
 */
export async function releaseSoloEndings(trx: Kysely<Database>, commits: readonly StepCommit[], runs: ReadonlyMap<string, LockedRun>): Promise<SoloEndings> {
  const released = new Map<string, boolean>();
  for (const [owner, itemIds] of soloEndingItems(commits, runs)) {
    const deleted = await trx
      .deleteFrom('work_items')
      .where('run_id', 'in', (eb) => eb.selectFrom('work_items as held').select('held.run_id').where('held.id', 'in', itemIds).where('held.lease_owner', '=', owner))
      .returning('id')
      .execute();
    const gone = new Set(deleted.map((row) => row.id));
    for (const itemId of itemIds) released.set(itemId, gone.has(itemId));
  }
  return { released, ends: [] };
}

/** Writes the rows of the runs the batch ended solo. */
export async function writeSoloEnds(trx: Kysely<Database>, solo: SoloEndings): Promise<void> {
  if (solo.ends.length > 0) await writeRunEnds(trx, solo.ends);
}

/** The solo endings' items, by the worker that holds them. */
function soloEndingItems(commits: readonly StepCommit[], runs: ReadonlyMap<string, LockedRun>): Map<string, string[]> {
  const commitsPerRun = new Map<string, number>();
  for (const commit of commits) commitsPerRun.set(commit.runId, (commitsPerRun.get(commit.runId) ?? 0) + 1);
  const parents = new Set<string>();
  for (const run of runs.values()) if (run.parent_run_id !== null) parents.add(run.parent_run_id);
  const byOwner = new Map<string, string[]>();
  for (const commit of commits) {
    if (commit.kind !== 'finished' || commitsPerRun.get(commit.runId) !== 1 || parents.has(commit.runId)) continue;
    const items = byOwner.get(commit.owner) ?? [];
    items.push(commit.itemId);
    byOwner.set(commit.owner, items);
  }
  return byOwner;
}
