import type { Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';
import type { StepCommit } from '../records.ts';
import { endedRunRows, writeRunEnds, type RunEndRow } from '../run-end/run-end-row.ts';
import { holdRunRows } from './held-rows.ts';
import type { CommitContext, LockedRun } from './commit-context.ts';
import { lastPositionOf } from './journal-row.ts';
import { writeRunProgress, type RunProgressRow } from './run-progress.ts';

/**
 * The commits a batch applies "solo", whose queue and row writes it makes
 * with one statement or two per batch instead of two per commit. A solo
 * commit is its run's only commit in the batch, of a run that is no other
 * run's parent in it: then no other commit of the batch reads or changes that
 * run's row or work items (a child's end would wake a step of its parent,
 * another commit of the run would enqueue one). Two kinds are solo:
 * - an ending (`finished`): its run's queue goes before the batch's first
 *   commit applies, and its row is written after its last;
 * - a step that moves on to the next step of its list (`moved_on` to a step,
 *   cancelling no scope): its item goes before the first commit, and its
 *   run's progress is written after the last. Its next step is enqueued by
 *   the commit itself, which counts the visit from the journal.
 */
export interface SoloCommits {
  /** Per commit whose item went before the batch's first commit: whether the worker still held it (an ending's went with its run's queue). */
  released: ReadonlyMap<string, boolean>;
  /** The solo commits' items: their runs' rows are written by `writeSoloRows`, after the batch's last commit. */
  deferred: ReadonlySet<string>;
  /** The solo-ended runs' rows, written by `writeSoloRows` before the batch commits. */
  ends: RunEndRow[];
  /** The solo moved-on runs' progress, written by `writeSoloRows` before the batch commits. */
  progress: RunProgressRow[];
}

/**
 * Takes the solo commits' items off the queue, as each commit's own delete
 * would, and only while the worker still holds them: an ending's with the rest
 * of its run's queue, a moved-on step's alone. A commit of a run `created` in
 * this transaction (its first step, run before the run was written) has no
 * item to take: it counts as held, and as solo when its kind is.
 */
export async function releaseSoloCommits(
  trx: Kysely<Database>,
  commits: readonly StepCommit[],
  runs: ReadonlyMap<string, LockedRun>,
  created: ReadonlySet<string> = new Set(),
): Promise<SoloCommits> {
  const released = new Map<string, boolean>();
  const note = (itemIds: readonly string[], deleted: readonly { id: string }[]) => {
    const gone = new Set(deleted.map((row) => row.id));
    for (const itemId of itemIds) released.set(itemId, gone.has(itemId));
  };
  for (const commit of commits) if (created.has(commit.runId)) released.set(commit.itemId, true);
  const { endings, moves, deferred } = soloItems(commits, runs);
  for (const [owner, itemIds] of held(endings, created)) {
    const deleted = await trx
      .deleteFrom('work_items')
      .where('run_id', 'in', (eb) => eb.selectFrom('work_items as held').select('held.run_id').where('held.id', 'in', itemIds).where('held.lease_owner', '=', owner))
      .returning('id')
      .execute();
    note(itemIds, deleted);
  }
  for (const [owner, itemIds] of held(moves, created)) {
    note(itemIds, await trx.deleteFrom('work_items').where('id', 'in', itemIds).where('lease_owner', '=', owner).returning('id').execute());
  }
  return { released, deferred, ends: [], progress: [] };
}

/** The solo commits' items in the queue, by owner: those of runs created in this transaction have none. */
function held(byOwner: Map<string, SoloItem[]>, created: ReadonlySet<string>): [string, string[]][] {
  return [...byOwner].flatMap(([owner, items]) => {
    const queued = items.filter((item) => !created.has(item.runId)).map((item) => item.itemId);
    return queued.length === 0 ? [] : [[owner, queued] as [string, string[]]];
  });
}

/**
 * Writes the rows of the runs the batch ended or moved on solo, with their journal positions. `unwritten`:
 * runs created in this transaction and not inserted yet, which the batch ended: inserted as they ended.
 */
export async function writeSoloRows(context: Pick<CommitContext, 'trx' | 'positions' | 'solo'>, unwritten: readonly LockedRun[] = []): Promise<void> {
  const { trx, solo } = context;
  const inserted = new Set(unwritten.map((run) => run.id));
  const ends = solo.ends.filter((row) => !inserted.has(row.runId));
  // Held, to be written with the batch's journal rows (held-rows.ts).
  if (unwritten.length > 0) await holdRunRows(trx, endedRunRows(unwritten, solo.ends));
  if (ends.length > 0) await writeRunEnds(trx, ends);
  if (solo.progress.length > 0) await writeRunProgress(trx, solo.progress.map((row) => ({ ...row, lastPosition: lastPositionOf(context, row.runId).last_position })));
}

interface SoloItem {
  runId: string;
  itemId: string;
}

/** The solo commits' items, endings and moves apart, by the worker that holds them; and all of them. */
function soloItems(commits: readonly StepCommit[], runs: ReadonlyMap<string, LockedRun>): { endings: Map<string, SoloItem[]>; moves: Map<string, SoloItem[]>; deferred: Set<string> } {
  const commitsPerRun = new Map<string, number>();
  for (const commit of commits) commitsPerRun.set(commit.runId, (commitsPerRun.get(commit.runId) ?? 0) + 1);
  const parents = new Set<string>();
  for (const run of runs.values()) if (run.parent_run_id !== null) parents.add(run.parent_run_id);
  const endings = new Map<string, SoloItem[]>();
  const moves = new Map<string, SoloItem[]>();
  const deferred = new Set<string>();
  for (const commit of commits) {
    if (commitsPerRun.get(commit.runId) !== 1 || parents.has(commit.runId)) continue;
    const byOwner = commit.kind === 'finished' ? endings : isSoloMove(commit) ? moves : undefined;
    if (byOwner === undefined) continue;
    const items = byOwner.get(commit.owner) ?? [];
    items.push({ runId: commit.runId, itemId: commit.itemId });
    byOwner.set(commit.owner, items);
    deferred.add(commit.itemId);
  }
  return { endings, moves, deferred };
}

/** A step that goes on to a step of its list and cancels nothing: its commit changes its run's row and its own item, nothing else's. */
function isSoloMove(commit: StepCommit): boolean {
  return commit.kind === 'moved_on' && commit.cancelScope === null && commit.destination.kind === 'step';
}
