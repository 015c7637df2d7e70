import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { settledWithin } from '../../core/settled-within.ts';
import { DatabaseQueryTimeout } from '../database-query-timeout.ts';

/** The server went away under the connection: terminated, reset, a connection exception (08xxx, 57P01-5), or a session ended idle in its transaction (25P03). */
function isConnectionLost(error: unknown): boolean {
  if (!(error instanceof pg.DatabaseError)) return true;
  const code = error.code ?? '';
  return code.startsWith('08') || code.startsWith('57P0') || code === '25P03';
}

/**
 * A pool that never hands out a connection an outage broke. pg puts a client
 * back in the pool on release even when its server connection was just
 * terminated, and the next query on it fails as well. A client whose query
 * lost its connection, or whose connection failed while it was checked out
 * with no query running (a transaction between statements), is released with
 * that error, which makes pg discard it. What is sent on it after that (a
 * transaction's ROLLBACK) fails at once with the same error, saying why.
 *
 * A query not answered within `queryTimeoutMs` (undefined: no limit) fails
 * with DatabaseQueryTimeout, and its connection is closed. pg's own
 * `query_timeout` is not enough: it fails the query but leaves it active on
 * the client, so the next statement there (a transaction's ROLLBACK) waits
 * behind it, and a client released without an error goes back to the pool.
 */
export function outageAwarePool(pool: pg.Pool, options: { queryTimeoutMs: number | undefined }): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let lost: Error | undefined;
      // The pool's own listener (postgres-database.ts) reports it; this one only marks the client lost.
      const onError = (error: Error): void => {
        lost ??= error;
      };
      client.on('error', onError);
      const query = (...args: unknown[]): unknown => {
        // A connection lost or given up on sends nothing more: what follows (Kysely's ROLLBACK) fails at once, saying why.
        if (lost !== undefined) return Promise.reject(lost);
        const result: unknown = (client.query as (...queryArgs: unknown[]) => unknown)(...args);
        if (!(result instanceof Promise)) return result;
        const answer = result.catch((error: unknown) => {
          if (isConnectionLost(error)) lost ??= error instanceof Error ? error : new Error(String(error));
          throw error;
        });
        const timeoutMs = options.queryTimeoutMs;
        if (timeoutMs === undefined) return answer;
        return settledWithin(answer, timeoutMs, () => {
          lost = new DatabaseQueryTimeout({ address: `${client.host}:${client.port}`, timeoutMs });
          // Closing it fails the query pg still waits on (ignored now); ending on purpose, the client emits no 'error'.
          void client.end().catch(() => undefined);
          return lost;
        });
      };
      const release = (): void => {
        client.removeListener('error', onError);
        client.release(lost);
      };
      return { query: query as PostgresPoolClient['query'], release };
    },
    end: () => pool.end(),
  };
}
