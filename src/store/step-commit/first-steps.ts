import type { Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';
import type { DialectDatabase } from '../dialect.ts';
import { appendAudit, type AuditInput } from '../audit-input.ts';
import type { CreatedRuns, NewRun, StepCommit } from '../records.ts';
import { newRunRow } from '../new-run.ts';
import { insertRuns } from '../run-queries.ts';
import { applyStepCommits } from './commit-steps.ts';

/**
 * Inserts runs (and tells the workers of those whose first step is queued for
 * any of them), and commits in the same transaction the first steps that ran
 * before the write (run-handoff.ts `handOffRunsWithFirstSteps`): one commit
 * where there were two, the runs' and then the steps'. Those runs get no work
 * item, and nothing reads their rows back. Returns the steps still to run:
 * the first steps inserted leased, and the next steps the committed ones
 * chained to their worker; and what was committed. `audit` (the runs' start)
 * is appended before the steps' commits, so the trail reads in order.
 */
export async function insertRunsWithFirstSteps(
  trx: Kysely<Database>,
  database: DialectDatabase,
  input: { runs: readonly NewRun[]; firstSteps: readonly StepCommit[]; audit?: AuditInput | undefined },
): Promise<CreatedRuns> {
  const runs = new Map(input.runs.map((run) => [run.id, run]));
  // The first step of a run inserted here (not of an event stored before), once, in run id order.
  const firstOf = (commit: StepCommit) => runs.get(commit.runId)?.firstItemId === commit.itemId;
  const commits = [...new Map(input.firstSteps.filter(firstOf).map((commit) => [commit.runId, commit])).values()].sort((a, b) =>
    a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0,
  );
  const created = new Map(commits.flatMap((commit) => {
    const run = runs.get(commit.runId);
    return run === undefined ? [] : [[commit.runId, newRunRow(run)] as const];
  }));
  // A run its first steps end is inserted as it ended, with the batch's solo rows: one write, not an insert and an update.
  const bornEnded = new Set(commits.filter((commit) => commit.kind === 'finished').map((commit) => commit.runId));
  const leased = await insertRuns(trx, input.runs.filter((run) => !bornEnded.has(run.id)), { firstStepsRan: new Set(created.keys()) });
  // Leased first steps are their worker's already, and committed ones are done: only the others need a worker to look.
  if (input.runs.some((run) => run.lease === undefined && !created.has(run.id))) await database.notifyWork(trx);
  await appendAudit(trx, database.capabilities, input.audit, undefined);
  const outcomes = await applyStepCommits(trx, database, commits, created, bornEnded);
  const chained = outcomes.flatMap((outcome) => (outcome.result === 'applied' && outcome.chained ? [outcome.chained] : []));
  return { leased: [...leased, ...chained], committed: { commits, results: outcomes.map((outcome) => outcome.result) } };
}
