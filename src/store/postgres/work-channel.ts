import { CompiledQuery } from 'kysely';

/** The channel of the wake-ups workers LISTEN on. */
export const WORK_CHANNEL = 'tollgate_work';

/** The wake-up, sent when its transaction commits: one statement, built once (one-statement-write.ts can keep it too). */
export const WORK_NOTIFICATION = CompiledQuery.raw(`select pg_notify($1, '')`, [WORK_CHANNEL]);
