import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';

/** The server went away under the connection: terminated, reset, or a connection exception (08xxx, 57P01-3). */
function isConnectionLost(error: unknown): boolean {
  if (!(error instanceof pg.DatabaseError)) return true;
  const code = error.code ?? '';
  return code.startsWith('08') || code.startsWith('57P0');
}

/**
 * A pool that never hands out a connection an outage broke. pg puts a client
 * back in the pool on release even when its server connection was just
 * terminated, and the next query on it fails as well. A client whose query
 * lost its connection is released with that error, which makes pg discard it.
 */
export function outageAwarePool(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let lost: Error | undefined;
      const query = (...args: unknown[]): unknown => {
        const result: unknown = (client.query as (...queryArgs: unknown[]) => unknown)(...args);
        if (!(result instanceof Promise)) return result;
        return result.catch((error: unknown) => {
          if (isConnectionLost(error)) lost = error instanceof Error ? error : new Error(String(error));
          throw error;
        });
      };
      return { query: query as PostgresPoolClient['query'], release: () => client.release(lost) };
    },
    end: () => pool.end(),
  };
}
