import { describeDuration } from '../core/duration.ts';

/**
 * How long a query may wait for PostgreSQL's answer, unless configured. Every
 * query the product runs outside a migration reads a page, an indexed row or
 * a count, or writes a batch: milliseconds, a few seconds on large tables or
 * behind another transaction's row locks. 30 s leaves ample room for that on
 * a loaded server, gives up on a silent server or network path long before
 * TCP would (about 15 minutes), and is under half a worker's default lease
 * (60 s): a worker whose connection died takes a new one and extends its
 * leases before other workers take its steps over.
 */
export const DEFAULT_QUERY_TIMEOUT_MS = 30_000;

/**
 * PostgreSQL did not answer a query in time on a connection that was open: a
 * stopped or frozen server, a network path that drops packets. The connection
 * is closed (it is never used again). The cause a store outage with the code
 * `database_query_timeout` carries.
 */
export class DatabaseQueryTimeout extends Error {
  /** `host:port`, as the driver connected to it. */
  readonly address: string;
  readonly timeoutMs: number;

  constructor(options: { address: string; timeoutMs: number }) {
    super(`PostgreSQL at ${options.address} did not answer a query within ${describeDuration(options.timeoutMs)} (TOLLGATE_DATABASE_QUERY_TIMEOUT)`);
    this.name = 'DatabaseQueryTimeout';
    this.address = options.address;
    this.timeoutMs = options.timeoutMs;
  }
}
