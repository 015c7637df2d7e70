import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Database } from './database-schema.ts';

/**
 * Which runs a person who may not read every run sees: runs that came from no
 * catalog request, the runs of their own requests, and the runs with an
 * approval task assigned to them. One predicate, for the list (filtered in the
 * query, so a page holds no hidden rows) and for a single read.
 */
export function runVisibleTo(eb: ExpressionBuilder<Database, 'runs'>, email: string): Expression<SqlBool> {
  const person = email.trim().toLowerCase();
  return eb.or([
    eb('runs.request_id', 'is', null),
    eb.exists(eb.selectFrom('requests').select(sql.lit(1).as('one')).whereRef('requests.id', '=', 'runs.request_id').where('requests.requester', '=', person)),
    // Through the approvers index (migration 0018), and only for runs that ever had a task (0019).
    eb.and([
      eb('runs.has_approval_tasks', '=', 1),
      eb.exists(
        eb
          .selectFrom('approval_tasks')
          .innerJoin('approval_task_approvers as named', 'named.task_id', 'approval_tasks.id')
          .select(sql.lit(1).as('one'))
          .whereRef('approval_tasks.run_id', '=', 'runs.id')
          .where('named.approver', '=', person),
      ),
    ]),
  ]);
}

/** True when `runId` exists and `email` may read it (see runVisibleTo). */
export async function isRunVisibleTo(db: Kysely<Database>, runId: string, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('runs')
    .select('runs.id')
    .where('runs.id', '=', runId)
    .where((eb) => runVisibleTo(eb, email))
    .executeTakeFirst();
  return row !== undefined;
}

