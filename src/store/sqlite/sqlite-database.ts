import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteAdapter, SqliteDialect, SqliteIntrospector, SqliteQueryCompiler, sql } from 'kysely';
import type { FaultPoints } from '../../core/fault-points.ts';
import { classifiedDialect } from '../classified-dialect.ts';
import type { Database } from '../database-schema.ts';
import type { DialectDatabase, WorkListener } from '../dialect.ts';
import type { StatementCounter } from '../statement-counter.ts';
import { recordInserts, wishWakeUp, type RecorderDialect } from '../insert-recorder.ts';
import { storeFaultPoints } from '../store-faults.ts';
import { classifySqliteError } from './sqlite-error-classifier.ts';
import { withStatementCache } from './statement-cache.ts';
import { SqliteWriter } from './sqlite-writer.ts';
import { WriteLock } from './write-lock.ts';

// One adapter for every recorder: prepared inserts keep their compiled text per adapter (prepared-insert.ts).
const sqliteRecorder: RecorderDialect = {
  adapter: new SqliteAdapter(),
  createQueryCompiler: () => new SqliteQueryCompiler(),
  createIntrospector: (db) => new SqliteIntrospector(db),
};

export interface SqliteOptions {
  /** File path, or `:memory:`. */
  filename: string;
  /** `FULL` (default) makes every commit survive power loss; `NORMAL` only a process crash. */
  synchronous?: 'FULL' | 'NORMAL';
  /** SQLite's page cache, in MB; unset keeps better-sqlite3's 16 MB. */
  cacheMb?: number;
  /** Fault points tests arm; none in production. */
  faults?: FaultPoints;
  /** Counts every statement sent (tests and the bench). */
  statementCounter?: StatementCounter;
}

/** Opens (and creates) an SQLite database in WAL mode. One process writes; readers never block. */
export function openSqlite(options: SqliteOptions): DialectDatabase {
  if (options.filename !== ':memory:') mkdirSync(dirname(options.filename), { recursive: true });
  const connection = new SQLite(options.filename);
  connection.pragma('journal_mode = WAL');
  const synchronous = options.synchronous ?? 'FULL';
  connection.pragma(`synchronous = ${synchronous}`);
  connection.pragma('busy_timeout = 10000');
  connection.pragma('foreign_keys = ON');
  // A negative cache_size counts KiB, not pages.
  if (options.cacheMb !== undefined) connection.pragma(`cache_size = -${Math.round(options.cacheMb * 1024)}`);
  const lock = new WriteLock();
  const db = new Kysely<Database>({
    dialect: classifiedDialect(new SqliteDialect({ database: withStatementCache(connection) }), { classify: classifySqliteError, counter: options.statementCounter, gate: lock.gate }),
  });
  // A file can have a second connection; an in-memory database is its one connection's alone.
  const writer = options.filename === ':memory:' ? undefined : new SqliteWriter({ filename: options.filename, synchronous });
  // One process owns an SQLite file, so wake-ups are in-process (never lost): listeners run after the commit that asked for them.
  const listeners = new Set<WorkListener>();
  let wakeAfterCommit = false;

  return {
    db,
    capabilities: { name: 'sqlite', skipLocked: false, rowLocks: false, notifications: false, concurrentWriters: false, manyProcesses: false },
    async transaction(fn, transactionOptions) {
      const durable = transactionOptions?.durable ?? true;
      // Kysely's SQLite driver holds its one connection for the whole callback,
      // so BEGIN IMMEDIATE here takes the write lock up front. The connection
      // first, then the lock: a write outside a transaction takes them in that order too.
      return db.connection().execute((conn) => lock.run(async () => {
        lock.heldByTransaction = true;
        try {
          return await inTransaction(conn);
        } finally {
          lock.heldByTransaction = false;
        }
      }));
      async function inTransaction(conn: Kysely<Database>) {
        if (!durable) await sql.raw('PRAGMA synchronous = OFF').execute(conn);
        // A BEGIN that failed (SQLITE_BUSY past the busy timeout) has nothing to roll back.
        try {
          await sql`BEGIN IMMEDIATE`.execute(conn);
        } catch (error) {
          if (!durable) await sql.raw(`PRAGMA synchronous = ${synchronous}`).execute(conn);
          throw error;
        }
        try {
          const result = await fn(conn);
          await sql`COMMIT`.execute(conn);
          if (!durable) await sql.raw(`PRAGMA synchronous = ${synchronous}`).execute(conn);
          if (wakeAfterCommit) {
            wakeAfterCommit = false;
            for (const listener of listeners) listener.work();
          }
          return result;
        } catch (error) {
          wakeAfterCommit = false;
          await sql`ROLLBACK`.execute(conn);
          if (!durable) await sql.raw(`PRAGMA synchronous = ${synchronous}`).execute(conn);
          throw error;
        }
      }
    },
    writeAsOneStatement: writer === undefined ? undefined : (fn) => writeThroughThread(fn),
    fault: storeFaultPoints(options.faults, classifySqliteError),
    // BEGIN IMMEDIATE took the file's one write lock: no other process writes, or migrates, until this commits.
    lockForMigrations: () => Promise.resolve(),
    notifyWork(trx) {
      // A recorder's wish is kept with its inserts, and granted when the writer thread has committed them.
      if (!wishWakeUp(trx)) wakeAfterCommit = true;
      return Promise.resolve();
    },
    listenForWork(listener) {
      listeners.add(listener);
      return Promise.resolve(() => {
        listeners.delete(listener);
        return Promise.resolve();
      });
    },
    describe: () => `sqlite:${options.filename}`,
    async close() {
      await writer?.close();
      await db.destroy();
    },
  };

  /**
   * The recorded inserts of `fn` (insert-recorder.ts), written and committed
   * by the writer thread while this thread goes on: the SQLite time of the
   * intake's batches, its disk wait included, off the thread that serves
   * requests. Undefined, nothing written, when `fn` did more than insert or
   * a unique key refused a row: then write in `transaction`.
   */
  async function writeThroughThread<T>(fn: (recorder: Kysely<Database>) => Promise<T>): Promise<{ value: T } | undefined> {
    const recorded = await recordInserts(sqliteRecorder, fn);
    if (recorded === undefined || writer === undefined) return undefined;
    if (recorded.inserts.length > 0) {
      for (const text of ['BEGIN IMMEDIATE', ...recorded.inserts.map((query) => query.sql), 'COMMIT']) options.statementCounter?.record(text);
      const result = await lock.run(() => writer.write(recorded.inserts)).catch((error: unknown) => {
        throw classifySqliteError(error);
      });
      if (result === 'conflict') return undefined;
    }
    if (recorded.notify) for (const listener of listeners) listener.work();
    return { value: recorded.value };
  }
}
