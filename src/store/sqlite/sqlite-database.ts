import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { FaultPoints } from '../../core/fault-points.ts';
import { classifiedDialect } from '../classified-dialect.ts';
import type { Database } from '../database-schema.ts';
import type { DialectDatabase, WorkListener } from '../dialect.ts';
import type { StatementCounter } from '../statement-counter.ts';
import { storeFaultPoints } from '../store-faults.ts';
import { classifySqliteError } from './sqlite-error-classifier.ts';
import { withStatementCache } from './statement-cache.ts';

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
  const db = new Kysely<Database>({ dialect: classifiedDialect(new SqliteDialect({ database: withStatementCache(connection) }), { classify: classifySqliteError, counter: options.statementCounter }) });
  // One process owns an SQLite file, so wake-ups are in-process (never lost): listeners run after the commit that asked for them.
  const listeners = new Set<WorkListener>();
  let wakeAfterCommit = false;

  const transaction: DialectDatabase['transaction'] = async (fn, transactionOptions) => {
    const durable = transactionOptions?.durable ?? true;
    // Kysely's SQLite driver holds its one connection for the whole callback,
    // so BEGIN IMMEDIATE here takes the write lock up front.
    return db.connection().execute(async (conn) => {
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
    });
   };

  return {
    db,
    capabilities: { name: 'sqlite', skipLocked: false, rowLocks: false, notifications: false, concurrentWriters: false, manyProcesses: false, queriesHoldMainThread: true },
    transaction,
    fault: storeFaultPoints(options.faults, classifySqliteError),
    // Each migration's BEGIN IMMEDIATE takes the file's one write lock: no other process writes, or migrates, until it commits.
    migrationLock(fn) {
      return fn({ db, transaction: (work) => transaction(work), outsideTransaction: false });
    },
    notifyWork() {
      wakeAfterCommit = true;
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
    close: () => db.destroy(),
  };
}
