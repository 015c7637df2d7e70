import type { Kysely } from 'kysely';
import type { FaultPoint } from '../core/fault-points.ts';
import type { Database } from './database-schema.ts';

/**
 * What differs between the databases, in one place. Store code asks these
 * flags; it never asks "is this SQLite?".
 */
export interface DialectCapabilities {
  name: 'sqlite' | 'postgres';
  /** `FOR UPDATE SKIP LOCKED` when claiming work, so many workers never take the same row. */
  skipLocked: boolean;
  /** `SELECT ... FOR UPDATE` to serialise writers of one run across processes. */
  rowLocks: boolean;
  /** Cross-process wake-ups (LISTEN/NOTIFY); without it, other processes poll. */
  notifications: boolean;
  /** Several write transactions may run at once (a pool of connections); SQLite has one writer. */
  concurrentWriters: boolean;
  /** Many processes, on many machines, use the database at once; SQLite's file has one owner. */
  manyProcesses: boolean;
  /**
   * A query runs on the server's main thread (better-sqlite3), holding every request and step until it ends: a
   * read of a million rows goes in slices with a turn of the event loop between them. PostgreSQL answers on its
   * own processes, and one statement is cheaper than many round trips.
   */
  queriesHoldMainThread: boolean;
}

/** What a process listening for wake-ups (a worker) is told. */
export interface WorkListener {
  /** Look at the queue: another process signalled new work, or wake-ups were lost for a while and are back. */
  work(): void;
  /** The wake-ups stopped: the connection they come by was lost. Called once per loss; until `back`, only polling finds new work. */
  lost?(error: unknown): void;
  /** The wake-ups come again after a loss; `work` follows, for what was signalled meanwhile. */
  back?(): void;
}

/** An open database: the query builder plus the dialect's few special needs. */
/** What a migration runs on, under the migration lock. */
export interface MigrationSession {
  db: Kysely<Database>;
  /** A write transaction on `db`, its statements not bounded by the query timeout. */
  transaction<T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  /** Whether a migration marked so runs outside a transaction here (PostgreSQL); elsewhere it runs in one. */
  outsideTransaction: boolean;
}

export interface DialectDatabase {
  db: Kysely<Database>;
  capabilities: DialectCapabilities;
  /**
   * Runs `fn` in a write transaction (SQLite: BEGIN IMMEDIATE, so writers queue
   * instead of failing). `durable: false` skips the wait for the disk at commit
   * (SQLite synchronous=OFF, PostgreSQL synchronous_commit=off for that
   * transaction only): for writes whose loss is harmless, such as a lease,
   * whose loss only makes the step claimable again. A later durable commit
   * flushes them too. `queryTimeout: false` lets its statements take as long
   * as they take (PostgreSQL's query timeout does not apply): for a
   * migration, which may fill a column of a large table or wait for another
   * process's migration.
   */
  transaction<T>(fn: (trx: Kysely<Database>) => Promise<T>, options?: { durable?: boolean; queryTimeout?: false }): Promise<T>;
  /**
   * PostgreSQL only (SQLite has no round trips to save): runs `fn` against a
   * recorder of the inserts it makes and sends them as one statement, its own
   * transaction (postgres/one-statement-write.ts). Undefined, nothing
   * written, when that cannot do: then write in `transaction`.
   */
  writeAsOneStatement?: <T>(fn: (recorder: Kysely<Database>) => Promise<T>) => Promise<{ value: T } | undefined>;
  /**
   * Fires a named fault point (see core/fault-points.ts). Whatever a test armed
   * there is thrown as this dialect's driver errors are: outages as
   * `StoreUnavailableError`. Does nothing when nothing is armed.
   */
  fault(point: FaultPoint): void;
  /**
   * Runs `fn` while no other process migrates this database: processes started together after an upgrade then
   * apply each migration once instead of failing on each other's tables. PostgreSQL: a session-level advisory lock
   * on a connection of its own, which `fn` gets, with no query timeout (an index may take minutes to build). It is
   * waited for by trying every MIGRATION_LOCK_RETRY_MS, not in a blocked statement: a blocked statement holds a
   * snapshot, and the `CREATE INDEX CONCURRENTLY` of the process holding the lock would wait for that snapshot to
   * end, a deadlock. SQLite: each migration's BEGIN IMMEDIATE takes the file's one write lock, and `fn` gets the
   * database as it is.
   */
  migrationLock<T>(fn: (migrating: MigrationSession) => Promise<T>): Promise<T>;
  /** Sends a wake-up to every process listening; delivered when `trx` commits. */
  notifyWork(trx: Kysely<Database>): Promise<void>;
  /**
   * Tells `listener` when another process signals new work, and when the
   * wake-ups stop and come back (the connection they come by was lost and
   * made again). Returns a stop function.
   */
  listenForWork(listener: WorkListener): Promise<() => Promise<void>>;
  /** A safe description of where the data lives (no password). */
  describe(): string;
  close(): Promise<void>;
}
