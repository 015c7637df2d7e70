import { PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from '../database-schema.ts';
import { combinedInsert } from '../insert-together.ts';
import { recordInserts, type RecorderDialect } from '../insert-recorder.ts';
import { WORK_NOTIFICATION } from './work-channel.ts';

// One adapter for every recorder: prepared inserts keep their compiled text per adapter (prepared-insert.ts).
const postgresRecorder: RecorderDialect = {
  adapter: new PostgresAdapter(),
  createQueryCompiler: () => new PostgresQueryCompiler(),
  createIntrospector: (db) => new PostgresIntrospector(db),
  notification: WORK_NOTIFICATION,
};

/**
 * Runs `fn` against a recorder (insert-recorder.ts), then sends the inserts it
 * made, and the workers' wake-up if it asked for one, as ONE statement
 * (insert-together.ts), which PostgreSQL runs as its own transaction: one
 * round trip for a write a transaction makes in five or more (BEGIN, each
 * insert, COMMIT), all or nothing. Resolves undefined, having written
 * nothing, when one statement cannot do it: `fn` made any other statement (a
 * read, an update, an insert built on the spot whose result it may read), or
 * a unique key refused a row (say, an event stored before). The caller then
 * writes in a transaction, as it would have without this.
 */
export async function writeAsOneStatement<T>(db: Kysely<Database>, fn: (recorder: Kysely<Database>) => Promise<T>): Promise<{ value: T } | undefined> {
  const recorded = await recordInserts(postgresRecorder, fn);
  if (recorded === undefined) return undefined;
  // The wake-up last: a statement's last part may be a select, and NOTIFY is delivered when it commits.
  const parts = recorded.notify ? [...recorded.inserts, WORK_NOTIFICATION] : recorded.inserts;
  if (parts.length === 0) return { value: recorded.value };
  const statement = combinedInsert(parts);
  if (statement === undefined) return undefined;
  try {
    await db.executeQuery(statement);
  } catch (error) {
    if (error instanceof pg.DatabaseError && error.code === UNIQUE_VIOLATION) return undefined;
    throw error;
  }
  return { value: recorded.value };
}

const UNIQUE_VIOLATION = '23505';
