import type { InlinedAttempt, JournalAttempt } from '../records.ts';
import { attemptTime, type CommitContext } from './commit-context.ts';
import { writeHeldRowsOf } from './held-rows.ts';
import { writeAttempt } from './journal-row.ts';

/**
 * Writes the journal rows of the steps that ran in this commit after its own step, in order, each at the
 * next visit of its path: one more than the journal holds, as an enqueued step's visit is counted (a loop
 * that comes back to a path within the commit counts each pass). One look at the journal for all of them.
 */
export async function writeInlinedRows(context: CommitContext, runId: string, inlined: readonly InlinedAttempt[] | undefined): Promise<void> {
  if (inlined === undefined || inlined.length === 0) return;
  const paths = [...new Set(inlined.map((row) => row.stepPath))];
  await writeHeldRowsOf(context.trx, runId, paths);
  const latest = await context.trx
    .selectFrom('step_attempts')
    .select((eb) => ['step_path', eb.fn.max('visit').as('visit')])
    .where('run_id', '=', runId)
    .where('step_path', 'in', paths)
    .groupBy('step_path')
    .execute();
  const visits = new Map(latest.map((row) => [row.step_path, Number(row.visit)]));
  for (const row of inlined) {
    const visit = (visits.get(row.stepPath) ?? 0) + 1;
    visits.set(row.stepPath, visit);
    await writeAttempt(context, runId, { ...row, visit, attempt: 1 });
  }
}

/** When a commit happened: when the last step it ran finished. */
export function commitTime(commit: { attempt: JournalAttempt; inlined?: readonly InlinedAttempt[] }): number {
  const last = commit.inlined?.at(-1);
  return last === undefined ? attemptTime(commit.attempt) : (last.finishedAt ?? last.startedAt).getTime();
}
