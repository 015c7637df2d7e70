import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { FaultPoints } from '../../core/fault-points.ts';
import type { Logger } from '../../core/logger.ts';
import { classifiedDialect } from '../classified-dialect.ts';
import { storeFaultPoints } from '../store-faults.ts';
import { classifyPostgresError } from './postgres-error-classifier.ts';
import { outageAwarePool } from './outage-aware-pool.ts';
import { writeAsOneStatement } from './one-statement-write.ts';
import { WorkChannelListener } from './work-channel-listener.ts';
import { WORK_NOTIFICATION } from './work-channel.ts';
import type { Database } from '../database-schema.ts';
import type { DialectDatabase } from '../dialect.ts';
import { describeDatabaseUrl } from '../database-url.ts';
import { DatabaseConnectTimeout, DEFAULT_CONNECT_TIMEOUT_MS } from '../database-connect-timeout.ts';
import { DEFAULT_QUERY_TIMEOUT_MS } from '../database-query-timeout.ts';
import type { StatementCounter } from '../statement-counter.ts';

const INT8_OID = 20;

export interface PostgresOptions {
  url: string;
  poolSize?: number;
  /** Fault points tests arm; none in production. */
  faults?: FaultPoints;
  /** Counts every round trip (tests and the bench). */
  statementCounter?: StatementCounter;
  /** How long a new connection may take to be ready; default DEFAULT_CONNECT_TIMEOUT_MS. */
  connectTimeoutMs?: number;
  /** How long a query may wait for its answer before its connection is given up; default DEFAULT_QUERY_TIMEOUT_MS. */
  queryTimeoutMs?: number;
  /** Where a lost connection is reported (once per connection, at warn); unset: nowhere. */
  logger?: Logger;
}

/** The advisory lock key `migrate` holds while it applies a migration: any constant no other code takes ("tollgate" in ASCII). */
const MIGRATION_LOCK_KEY = '8390043843661231205';
/** How often a process waiting to migrate tries the migration lock again. */
const MIGRATION_LOCK_RETRY_MS = 100;

/** Opens a PostgreSQL pool. Many processes on many machines may share the database. */
export function openPostgres(options: PostgresOptions): DialectDatabase {
  // Times are BIGINT epoch milliseconds: safe as JS numbers for the next 285,000 years.
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID ? (value: string) => Number(value) : (pg.types.getTypeParser(oid, format) as (value: string) => unknown),
  };
  const Client = boundedConnectClient(options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
  // No connectionTimeoutMillis on the pool: pg-pool would apply it to waits for a busy pool's next free connection too.
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, types, Client });
  // pg-pool listens for a client's 'error' only while it is idle in the pool, and Kysely not at all: a connection
  // reset while a query runs, or while a transaction waits between statements, would throw an unhandled 'error'
  // and end the process. Each client is listened to for its whole life instead. The statement that was running, or
  // the next one sent on it, fails with the error, an outage its caller retries, and the client is never handed out
  // again (outage-aware-pool.ts).
  pool.on('connect', (client) => warnOnceWhenLost(client, { logger: options.logger, database: describeDatabaseUrl(options.url) }));
  // An idle connection dropped by the server (restart, failover): the pool discards it, and the next query opens a
  // new one or reports the outage. Reported by the client's own listener above.
  pool.on('error', () => undefined);
  const kysely = (queryTimeoutMs: number | undefined, end: 'end' | 'keep') => {
    const bounded = outageAwarePool(pool, { queryTimeoutMs });
    const dialect = new PostgresDialect({ pool: end === 'end' ? bounded : { connect: () => bounded.connect(), end: () => Promise.resolve() } });
    return new Kysely<Database>({ dialect: classifiedDialect(dialect, { classify: classifyPostgresError, counter: options.statementCounter }) });
  };
  const queryTimeoutMs = options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  const db = kysely(queryTimeoutMs, 'end');
  // Transactions whose statements may run past the query timeout (migrations), on the same pool: it is ended with `db`.
  const untimed = kysely(undefined, 'keep');
  const listeners = new Set<WorkChannelListener>();

  return {
    db,
    capabilities: { name: 'postgres', skipLocked: true, rowLocks: true, notifications: true, concurrentWriters: true, manyProcesses: true, queriesHoldMainThread: false },
    transaction: (fn, transactionOptions) =>
      (transactionOptions?.queryTimeout === false ? untimed : db).transaction().execute(async (trx) => {
        if (transactionOptions?.durable === false) await sql`SET LOCAL synchronous_commit = off`.execute(trx);
        return fn(trx);
      }),
    writeAsOneStatement: (fn) => writeAsOneStatement(db, fn),
    fault: storeFaultPoints(options.faults, classifyPostgresError),
    migrationLock: (fn) =>
      untimed.connection().execute(async (session) => {
        for (let tries = 0; !(await sql<{ locked: boolean }>`SELECT pg_try_advisory_lock(${MIGRATION_LOCK_KEY}::bigint) AS locked`.execute(session)).rows[0]?.locked; tries += 1) {
          if (tries === 0) options.logger?.info({ database: describeDatabaseUrl(options.url) }, 'waiting for another Tollgate process to finish migrating the database');
          await new Promise((resolve) => setTimeout(resolve, MIGRATION_LOCK_RETRY_MS));
        }
        try {
          return await fn({ db: session, transaction: (work) => session.transaction().execute(work), outsideTransaction: true });
        } finally {
          await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY}::bigint)`.execute(session);
        }
      }),
    async notifyWork(trx) {
      await trx.executeQuery(WORK_NOTIFICATION);
    },
    async listenForWork(listener) {
      // Its connection checked as often as a query may wait: a silent one is found within twice the query timeout.
      const check = { everyMs: queryTimeoutMs, timeoutMs: queryTimeoutMs };
      const channel = new WorkChannelListener({ newClient: () => new Client({ connectionString: options.url }), listener, check });
      await channel.start();
      listeners.add(channel);
      return async () => {
        listeners.delete(channel);
        await channel.stop();
      };
    },
    describe: () => describeDatabaseUrl(options.url),
    async close() {
      const channels = [...listeners];
      listeners.clear();
      await Promise.all(channels.map((channel) => channel.stop()));
      await untimed.destroy();
      await db.destroy();
    },
  };
}

/** Has `client` report the first error of its connection (pg emits one more when the socket then closes). */
function warnOnceWhenLost(client: pg.PoolClient, context: { logger: Logger | undefined; database: string }): void {
  let reported = false;
  client.on('error', (error) => {
    if (reported) return;
    reported = true;
    context.logger?.warn(
      { err: error, database: context.database },
      'a connection to PostgreSQL was lost; what ran on it fails as an outage and is retried, and the next query opens a new connection',
    );
  });
}

/**
 * pg's Client, with each connection attempt given up after `timeoutMs` (pg's own timer closes the socket) and
 * failing with DatabaseConnectTimeout: without it, a host that accepts and never answers (or drops packets)
 * holds a start-up, or a query needing a new connection, for as long as TCP keeps trying.
 */
function boundedConnectClient(timeoutMs: number): typeof pg.Client {
  return class BoundedConnectClient extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      super({ ...(typeof config === 'string' ? { connectionString: config } : config), connectionTimeoutMillis: timeoutMs });
    }

    override connect(): Promise<pg.Client>;
    override connect(callback: (error: Error | null, client?: pg.Client) => void): void;
    override connect(callback?: (error: Error | null, client?: pg.Client) => void): Promise<pg.Client> | undefined {
      // Started before pg's timer of the same length, so it has fired by the time pg's makes the attempt fail.
      let timedOut = false;
      const timer = setTimeout(() => (timedOut = true), timeoutMs).unref();
      const attempt = new Promise<pg.Client>((resolve, reject) => {
        super.connect((error: Error | null | undefined) => {
          clearTimeout(timer);
          if (error === null || error === undefined) resolve(this);
          else reject(timedOut ? new DatabaseConnectTimeout({ address: `${this.host}:${this.port}`, timeoutMs }) : error);
        });
      });
      if (callback === undefined) return attempt;
      attempt.then(
        (client) => callback(null, client),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
      return undefined;
    }
  };
}
