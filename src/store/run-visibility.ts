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
    eb.exists(
      eb
        .selectFrom('approval_tasks')
        .select(sql.lit(1).as('one'))
        .whereRef('approval_tasks.run_id', '=', 'runs.id')
        .where((inner) => holdsJsonString(inner.ref('approval_tasks.approvers'), person)),
    ),
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

/**
 * `column`, a JSON list of strings, holds `value`: the quoted string occurs in
 * its text. Not LIKE, whose `_` and `%` are wildcards and are common in emails;
 * `replace` is exact and the same on both dialects. Emails hold no `"` or `\`,
 * so the JSON text of one is the value in quotes.
 */
function holdsJsonString(column: Expression<string>, value: string): Expression<SqlBool> {
  const quoted = JSON.stringify(value);
  return sql<SqlBool>`replace(${column}, ${quoted}, '') <> ${column}`;
}
