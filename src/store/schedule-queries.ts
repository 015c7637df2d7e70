import type { Selectable } from 'kysely';
import type { SchedulesTable } from './database-schema.ts';
import type { DialectDatabase } from './dialect.ts';
import type { ClaimedWork, NewRun, ScheduleRecord } from './records.ts';

/** What firing the due schedules did: runs started, and the first steps of those inserted leased. */
export interface FiredSchedules {
  started: number;
  leased: ClaimedWork[];
}
import { insertRuns } from './run-queries.ts';

function toSchedule(row: Selectable<SchedulesTable>): ScheduleRecord {
  return { workflowId: row.workflow_id, version: row.version, cron: row.cron, timezone: row.timezone, catchUp: row.catch_up === 1, nextAt: new Date(row.next_at) };
}

export async function listSchedules(database: DialectDatabase): Promise<ScheduleRecord[]> {
  const rows = await database.db.selectFrom('schedules').selectAll().orderBy('next_at').execute();
  return rows.map(toSchedule);
}

/**
 * Fires every schedule whose tick is due: one run per tick claimed, and the
 * schedule's next tick moved forward, in the same transaction, so a tick is
 * never lost nor fired twice, whichever process gets there first. Returns
 * how many runs started, and the first steps inserted leased (`NewRun.lease`).
 */
export async function fireDueSchedules(
  database: DialectDatabase,
  input: { now: Date; makeRun: (schedule: ScheduleRecord, tick: Date) => NewRun | null; nextAt: (schedule: ScheduleRecord, tick: Date) => Date },
): Promise<FiredSchedules> {
  return database.transaction(async (trx) => {
    const rows = await trx
      .selectFrom('schedules')
      .selectAll()
      .where('next_at', '<=', input.now.getTime())
      .$if(database.capabilities.skipLocked, (qb) => qb.forUpdate().skipLocked())
      .execute();
    const runs: NewRun[] = [];
    for (const row of rows) {
      const schedule = toSchedule(row);
      const run = input.makeRun(schedule, schedule.nextAt);
      if (run) runs.push(run);
      const next = input.nextAt(schedule, schedule.nextAt);
      await trx.updateTable('schedules').set({ next_at: next.getTime() }).where('workflow_id', '=', row.workflow_id).execute();
    }
    const leased = await insertRuns(trx, runs);
    if (leased.length < runs.length) await database.notifyWork(trx);
    return { started: runs.length, leased };
  });
}
