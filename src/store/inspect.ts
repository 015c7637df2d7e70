/**
 * Raw SQL over a store's database, for tests and the bench only: they read
 * rows no store method shows (leases, sealed secrets), plant broken states and
 * time bare commits. Application code uses the store's typed members; the
 * layer lint forbids `src/` outside the store from importing this file.
 */
import type { Kysely } from 'kysely';
import type { Database } from './database-schema.ts';
import type { DialectDatabase } from './dialect.ts';

/** The key under which a store hands its database to this module and nobody else. */
export const inspectionKey: unique symbol = Symbol('tollgate.store.inspection');

/** A store whose database tests may inspect (`SqlStore`). */
export interface Inspectable {
  [inspectionKey](): DialectDatabase;
}

/** The query builder over the store's database: `inspectDatabase(store).selectFrom('work_items')...`. */
export function inspectDatabase(store: Inspectable): Kysely<Database> {
  return store[inspectionKey]().db;
}

/** Runs `fn` in a durable write transaction, as the store commits its own writes (the bench times these). */
export function inspectTransaction<T>(store: Inspectable, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return store[inspectionKey]().transaction(fn);
}
