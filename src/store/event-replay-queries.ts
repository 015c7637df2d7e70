import type { Kysely } from 'kysely';
import { NotFoundError } from '../core/errors.ts';
import type { Database } from './database-schema.ts';
import type { DialectDatabase } from './dialect.ts';
import type { NewRun } from './records.ts';
import { insertRuns } from './run-queries.ts';

export interface ReplayInput {
  eventId: string;
  /** Every workflow listening to the event, as matched now: `run` is set where it would start one. */
  matches: readonly { workflowId: string; run: NewRun | null; reason: string }[];
  /** Start a run even where the event already started one (a new intent). */
  force: boolean;
  /** The email of who replays the event. */
  by: string | null;
  at: Date;
}

/** What a replay did for one workflow. */
export type ReplayOutcome =
  | { workflowId: string; result: 'started'; runId: string; generation: number }
  /** Without `force`: the event started this workflow before (oldest run first). */
  | { workflowId: string; result: 'already_ran'; runIds: string[] }
  /** The workflow does not start now: `condition_false`, `workflow_inactive`, `account_mismatch: ...`, `condition_error: ...`. */
  | { workflowId: string; result: 'not_started'; reason: string };

/** See `EventStore.replay`. */
export async function recordReplay(database: DialectDatabase, input: ReplayInput): Promise<ReplayOutcome[]> {
  return database.transaction(async (trx) => {
    await lockEvent(trx, database, input.eventId);
    const existing = await trx
      .selectFrom('event_matches')
      .select(['workflow_id', 'generation', 'run_id'])
      .where('event_id', '=', input.eventId)
      .orderBy('generation')
      .execute();
    const outcomes: ReplayOutcome[] = [];
    const runs: NewRun[] = [];
    for (const match of input.matches) {
      const earlier = existing.filter((row) => row.workflow_id === match.workflowId);
      const ran = earlier.flatMap((row) => (row.run_id === null ? [] : [row.run_id]));
      if (!input.force && ran.length > 0) {
        outcomes.push({ workflowId: match.workflowId, result: 'already_ran', runIds: ran });
        continue;
      }
      if (match.run === null) {
        outcomes.push({ workflowId: match.workflowId, result: 'not_started', reason: match.reason });
        continue;
      }
      const generation = Math.max(0, ...earlier.map((row) => row.generation)) + 1;
      const inserted = await trx
        .insertInto('event_matches')
        .values({
          event_id: input.eventId,
          workflow_id: match.workflowId,
          generation,
          run_id: match.run.id,
          reason: match.reason,
          replayed_by: input.by,
          replayed_at: input.at.getTime(),
        })
        // The lock above makes a clash impossible; the key is the last line of defence against a second start.
        .onConflict((oc) => oc.columns(['event_id', 'workflow_id', 'generation']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) {
        outcomes.push({ workflowId: match.workflowId, result: 'not_started', reason: `replay_conflict: another replay of ${input.eventId} recorded generation ${generation} at the same time` });
        continue;
      }
      runs.push({ ...match.run, trigger: { ...match.run.trigger, generation } });
      outcomes.push({ workflowId: match.workflowId, result: 'started', runId: match.run.id, generation });
    }
    await insertRuns(trx, runs);
    if (runs.length > 0) await database.notifyWork(trx);
    return outcomes;
  });
}

/** Replays of one event queue behind each other (SQLite has one writer anyway). */
async function lockEvent(trx: Kysely<Database>, database: DialectDatabase, eventId: string): Promise<void> {
  const row = await trx
    .selectFrom('stripe_events')
    .select('id')
    .where('id', '=', eventId)
    .$if(database.capabilities.rowLocks, (qb) => qb.forUpdate())
    .executeTakeFirst();
  if (!row) throw new NotFoundError('event_not_found', `no received event "${eventId}"; list events with \`tollgate events list\``, { path: 'event' });
}
