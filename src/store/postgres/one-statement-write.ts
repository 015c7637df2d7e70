import { Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type CompiledQuery, type DatabaseConnection, type Driver, type QueryResult } from 'kysely';
import pg from 'pg';
import type { Database } from '../database-schema.ts';
import { combinedInsert, insertsOf } from '../insert-together.ts';
import { WORK_NOTIFICATION } from './work-channel.ts';

/** Thrown by the recorder at a statement it cannot keep for later. */
class NotRecordable extends Error {}

// One adapter for every recorder: prepared inserts keep their compiled text per adapter (prepared-insert.ts).
const recorderAdapter = new PostgresAdapter();

/**
 * Runs `fn` against a recorder, then sends the inserts it made, and the
 * workers' wake-up if it asked for one, as ONE statement (insert-together.ts),
 * which PostgreSQL runs as its own transaction: one round trip for a write a
 * transaction makes in five or more (BEGIN, each insert, COMMIT), all or
 * nothing. Resolves undefined, having written nothing, when one statement
 * cannot do it: `fn` made any other statement (a read, an update, an insert
 * built on the spot whose result it may read), or a unique key refused a row
 * (say, an event stored before). The caller then writes in a transaction, as
 * it would have without this.
 */
export async function writeAsOneStatement<T>(db: Kysely<Database>, fn: (recorder: Kysely<Database>) => Promise<T>): Promise<{ value: T } | undefined> {
  const kept: Kept = { inserts: [], notify: false };
  let value: T;
  try {
    value = await fn(insertRecorder(kept));
  } catch (error) {
    if (error instanceof NotRecordable) return undefined;
    throw error;
  }
  // The wake-up last: a statement's last part may be a select, and NOTIFY is delivered when it commits.
  const parts = kept.notify ? [...kept.inserts, WORK_NOTIFICATION] : kept.inserts;
  if (parts.length === 0) return { value };
  const statement = combinedInsert(parts);
  if (statement === undefined) return undefined;
  try {
    await db.executeQuery(statement);
  } catch (error) {
    if (error instanceof pg.DatabaseError && error.code === UNIQUE_VIOLATION) return undefined;
    throw error;
  }
  return { value };
}

const UNIQUE_VIOLATION = '23505';

/** What the recorder kept: the inserts, in order, and whether the workers are to be woken. */
interface Kept {
  inserts: CompiledQuery[];
  notify: boolean;
}

/**
 * A query builder for PostgreSQL that sends nothing: it keeps the prepared
 * inserts (prepared-insert.ts, insert-together.ts) it is given, which return
 * nothing and whose callers read nothing back, and the workers' wake-up, and
 * refuses every other statement, whose answer its caller would wait for.
 */
function insertRecorder(kept: Kept): Kysely<Database> {
  const connection: DatabaseConnection = {
    executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      if (query === WORK_NOTIFICATION) {
        kept.notify = true;
        return Promise.resolve({ rows: [] });
      }
      const parts = insertsOf(query);
      if (!parts.every(isPreparedInsert)) return Promise.reject(new NotRecordable(query.sql));
      kept.inserts.push(...parts);
      return Promise.resolve({ rows: [] });
    },
    streamQuery(): never {
      throw new NotRecordable('stream');
    },
  };
  const refuse = () => Promise.reject(new NotRecordable('transaction'));
  const driver: Driver = {
    init: () => Promise.resolve(),
    acquireConnection: () => Promise.resolve(connection),
    beginTransaction: refuse,
    commitTransaction: refuse,
    rollbackTransaction: refuse,
    releaseConnection: () => Promise.resolve(),
    destroy: () => Promise.resolve(),
  };
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => recorderAdapter,
      createDriver: () => driver,
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
}

/** An insert laid out from prepared text (a raw query), returning nothing: built on the spot, its caller might read how many rows it took. */
function isPreparedInsert(query: CompiledQuery): boolean {
  return query.query.kind === 'RawNode' && query.sql.startsWith('insert into ') && !query.sql.includes(' returning ');
}
