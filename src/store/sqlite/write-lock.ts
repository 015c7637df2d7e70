import type { CompiledQuery, QueryResult } from 'kysely';

/**
 * SQLite lets one connection write at a time. With two in one process (the
 * main one and the writer thread's, sqlite-writer.ts), a writer that finds the
 * file taken would wait in SQLite's busy handler, which sleeps the main thread.
 * This lock makes them take turns in JavaScript instead, without blocking:
 * each write waits its turn here, then finds the file free.
 */
export class WriteLock {
  #tail: Promise<unknown> = Promise.resolve();
  /** True while the main connection's transaction holds the lock (its own statements need not take it again). */
  heldByTransaction = false;

  /** Runs `work` when every write queued before it has ended. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(work);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /**
   * The main connection's gate (classified-dialect.ts): a write outside a
   * transaction takes the lock (a transaction takes it as a whole:
   * sqlite-database.ts). Reads never wait: in WAL mode they do not block on a writer.
   */
  readonly gate = (query: CompiledQuery, run: () => Promise<QueryResult<unknown>>): Promise<QueryResult<unknown>> =>
    this.heldByTransaction || isRead(query) ? run() : this.run(run);
}

function isRead(query: CompiledQuery): boolean {
  return query.query.kind === 'SelectQueryNode' || /^\s*select\b/i.test(query.sql);
}
