import pg from 'pg';
import { StoreUnavailableError } from '../../core/errors.ts';
import { DatabaseQueryTimeout } from '../database-query-timeout.ts';

/**
 * SQLSTATE classes and codes that say "not now": connection exceptions (08),
 * insufficient resources (53), the server shutting down or starting (57P01-3),
 * system I/O errors (58), a transaction the server chose to abort
 * (serialization failure, deadlock), and a session it ended for waiting on its
 * client too long (idle_in_transaction_session_timeout 25P03,
 * idle_session_timeout 57P05). See the PostgreSQL appendix "Error Codes".
 */
const UNAVAILABLE_CLASSES = new Set(['08', '53', '58']);
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '57P05', '40001', '40P01', '25P03']);

/**
 * The server reports its errors as `DatabaseError` with a SQLSTATE; anything
 * else the driver throws is about the connection itself (terminated, refused,
 * reset, timed out): the database is unavailable.
 */
export function classifyPostgresError(error: unknown): unknown {
  if (error instanceof StoreUnavailableError) return error;
  if (error instanceof DatabaseQueryTimeout) {
    return new StoreUnavailableError(`${error.message}; the connection was closed and the work is retried`, { code: 'database_query_timeout', cause: error });
  }
  if (error instanceof pg.DatabaseError) {
    const code = error.code ?? '';
    if (!UNAVAILABLE_CLASSES.has(code.slice(0, 2)) && !UNAVAILABLE_CODES.has(code)) return error;
    return new StoreUnavailableError(`the PostgreSQL database is unavailable (${code}): ${error.message}; the work is retried`, { cause: error });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new StoreUnavailableError(`the connection to PostgreSQL failed: ${reason}; the work is retried`, { cause: error });
}
