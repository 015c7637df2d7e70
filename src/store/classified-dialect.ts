import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryResult, TransactionSettings } from 'kysely';

/**
 * Turns what a driver throws into what the store promises: an outage (a
 * dropped connection, a busy file) becomes a `StoreUnavailableError`, anything
 * else (a constraint violated, a bad query) stays as it is. Each dialect
 * gives its own, deciding by the driver's error class and code.
 */
export type DriverErrorClassifier = (error: unknown) => unknown;

/**
 * Wraps a Kysely dialect so that every error its driver throws (from a query,
 * BEGIN, COMMIT, ROLLBACK or taking a connection) passes the classifier: the
 * store boundary, below every store module, so none can forget it.
 */
export function classifiedDialect(inner: Dialect, classify: DriverErrorClassifier): Dialect {
  return {
    createDriver: () => new ClassifiedDriver(inner.createDriver(), classify),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createAdapter: () => inner.createAdapter(),
    createIntrospector: (db) => inner.createIntrospector(db),
  };
}

class ClassifiedConnection implements DatabaseConnection {
  readonly inner: DatabaseConnection;
  readonly #classify: DriverErrorClassifier;

  constructor(inner: DatabaseConnection, classify: DriverErrorClassifier) {
    this.inner = inner;
    this.#classify = classify;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return await this.inner.executeQuery<R>(compiledQuery);
    } catch (error) {
      throw this.#classify(error);
    }
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    try {
      yield* this.inner.streamQuery<R>(compiledQuery, chunkSize);
    } catch (error) {
      throw this.#classify(error);
    }
  }
}

class ClassifiedDriver implements Driver {
  readonly #inner: Driver;
  readonly #classify: DriverErrorClassifier;

  constructor(inner: Driver, classify: DriverErrorClassifier) {
    this.#inner = inner;
    this.#classify = classify;
  }

  async #call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw this.#classify(error);
    }
  }

  init(): Promise<void> {
    return this.#call(() => this.#inner.init());
  }

  acquireConnection(): Promise<DatabaseConnection> {
    return this.#call(async () => new ClassifiedConnection(await this.#inner.acquireConnection(), this.#classify));
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.#call(() => this.#inner.beginTransaction(unwrap(connection), settings));
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#call(() => this.#inner.commitTransaction(unwrap(connection)));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
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
