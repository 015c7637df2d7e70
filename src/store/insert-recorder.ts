import { Kysely, type CompiledQuery, type DatabaseConnection, type DialectAdapter, type Driver, type QueryCompiler, type QueryResult, type DatabaseIntrospector } from 'kysely';
import type { Database } from './database-schema.ts';
import { insertsOf } from './insert-together.ts';

/** Thrown by the recorder at a statement it cannot keep for later. */
class NotRecordable extends Error {}

/** What a recorder kept: the inserts, in order, and whether the workers are to be woken when they commit. */
export interface RecordedInserts<T> {
  value: T;
  inserts: CompiledQuery[];
  notify: boolean;
}

/** The dialect a recorder lays its inserts out for (placeholders differ: ? or $1), and the statement that stands for a wake-up. */
export interface RecorderDialect {
  adapter: DialectAdapter;
  createQueryCompiler: () => QueryCompiler;
  createIntrospector: (db: Kysely<Database>) => DatabaseIntrospector;
  /** The dialect's wake-up statement (PostgreSQL's NOTIFY), recorded as a wish rather than kept; none where wake-ups are in-process. */
  notification?: CompiledQuery;
}

/** The recorders running now, by their query builder, so a dialect's `notifyWork(trx)` can mark the wish on the recorder it was given. */
const recording = new WeakMap<Kysely<Database>, { notify: boolean }>();

/**
 * Runs `fn` against a query builder that sends nothing: it keeps the prepared
 * inserts (prepared-insert.ts, insert-together.ts) it is given, which return
 * nothing and whose callers read nothing back, and refuses every other
 * statement, whose answer its caller would wait for. Undefined when `fn` made
 * such a statement: then nothing was kept, and the caller writes the careful
 * way (in a transaction). The kept inserts are the whole write, to be sent at
 * once, all or nothing (postgres/one-statement-write.ts, sqlite/sqlite-writer.ts).
 */
export async function recordInserts<T>(dialect: RecorderDialect, fn: (recorder: Kysely<Database>) => Promise<T>): Promise<RecordedInserts<T> | undefined> {
  const inserts: CompiledQuery[] = [];
  const wish = { notify: false };
  const recorder = insertRecorder(dialect, inserts, wish);
  recording.set(recorder, wish);
  try {
    return { value: await fn(recorder), inserts, notify: wish.notify };
  } catch (error) {
    if (error instanceof NotRecordable) return undefined;
    throw error;
  } finally {
    recording.delete(recorder);
  }
}

/** Marks that `trx`, when it is a recorder, wants the workers woken once its inserts commit; false when `trx` is not one. */
export function wishWakeUp(trx: Kysely<Database>): boolean {
  const wish = recording.get(trx);
  if (wish === undefined) return false;
  wish.notify = true;
  return true;
}

function insertRecorder(dialect: RecorderDialect, inserts: CompiledQuery[], wish: { notify: boolean }): Kysely<Database> {
  const connection: DatabaseConnection = {
    executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      if (query === dialect.notification) {
        wish.notify = true;
        return Promise.resolve({ rows: [] });
      }
      const parts = insertsOf(query);
      if (!parts.every(isPreparedInsert)) return Promise.reject(new NotRecordable(query.sql));
      inserts.push(...parts);
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
      createAdapter: () => dialect.adapter,
      createDriver: () => driver,
      createIntrospector: dialect.createIntrospector,
      createQueryCompiler: dialect.createQueryCompiler,
    },
  });
}

/** An insert laid out from prepared text (a raw query), returning nothing: built on the spot, its caller might read how many rows it took. */
function isPreparedInsert(query: CompiledQuery): boolean {
  return query.query.kind === 'RawNode' && query.sql.startsWith('insert into ') && !query.sql.includes(' returning ');
}
