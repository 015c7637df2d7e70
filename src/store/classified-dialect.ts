import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryResult, TransactionSettings } from 'kysely';
import type { StatementCounter } from './statement-counter.ts';

/**
 * Turns what a driver throws into what the store promises: an outage (a
 * dropped connection, a busy file) becomes a `StoreUnavailableError`, anything
 * else (a constraint violated, a bad query) stays as it is. Each dialect
 * gives its own, deciding by the driver's error class and code.
 */
export type DriverErrorClassifier = (error: unknown) => unknown;

/** What the boundary does with each statement: classify its errors, and count it when asked. */
export interface DialectBoundary {
  classify: DriverErrorClassifier;
  counter?: StatementCounter | undefined;
}

/**
 * Wraps a Kysely dialect so that every error its driver throws (from a query,
 * BEGIN, COMMIT, ROLLBACK or taking a connection) passes the classifier: the
 * store boundary, below every store module, so none can forget it. Every
 * statement crosses it, so it is where they are counted too.
 */
export function classifiedDialect(inner: Dialect, boundary: DialectBoundary): Dialect {
  return {
    createDriver: () => new ClassifiedDriver(inner.createDriver(), boundary),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createAdapter: () => inner.createAdapter(),
    createIntrospector: (db) => inner.createIntrospector(db),
  };
}

class ClassifiedConnection implements DatabaseConnection {
  readonly inner: DatabaseConnection;
  readonly #boundary: DialectBoundary;

  constructor(inner: DatabaseConnection, boundary: DialectBoundary) {
    this.inner = inner;
    this.#boundary = boundary;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    this.#boundary.counter?.record(compiledQuery.sql);
    try {
      return await this.inner.executeQuery<R>(compiledQuery);
    } catch (error) {
      throw this.#boundary.classify(error);
    }
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    this.#boundary.counter?.record(compiledQuery.sql);
    try {
      yield* this.inner.streamQuery<R>(compiledQuery, chunkSize);
    } catch (error) {
      throw this.#boundary.classify(error);
    }
  }
}

class ClassifiedDriver implements Driver {
  readonly #inner: Driver;
  readonly #boundary: DialectBoundary;

  constructor(inner: Driver, boundary: DialectBoundary) {
    this.#inner = inner;
    this.#boundary = boundary;
  }

  async #call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw this.#boundary.classify(error);
    }
  }

  init(): Promise<void> {
    return this.#call(() => this.#inner.init());
  }

  acquireConnection(): Promise<DatabaseConnection> {
    return this.#call(async () => new ClassifiedConnection(await this.#inner.acquireConnection(), this.#boundary));
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    this.#boundary.counter?.record('begin');
    return this.#call(() => this.#inner.beginTransaction(unwrap(connection), settings));
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    this.#boundary.counter?.record('commit');
    return this.#call(() => this.#inner.commitTransaction(unwrap(connection)));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    this.#boundary.counter?.record('rollback');
    return this.#call(() => this.#inner.rollbackTransaction(unwrap(connection)));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.#inner.releaseConnection(unwrap(connection));
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }
}

function unwrap(connection: DatabaseConnection): DatabaseConnection {
  return connection instanceof ClassifiedConnection ? connection.inner : connection;
}
