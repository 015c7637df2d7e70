import { after, before } from 'node:test';
import { openStore } from '../../src/store/open-store.ts';
import type { SqlStore } from '../../src/store/sql-store.ts';
import { StatementCounter } from '../../src/store/statement-counter.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

/**
 * For a `describe` block: a store on a fresh test database that counts its
 * statements, opened before the block's tests and dropped after them.
 */
export function countedStoreForSuite(): { readonly store: SqlStore; statements: StatementCounter } {
  const statements = new StatementCounter();
  let database: TestDatabase | undefined;
  let store: SqlStore | undefined;
  before(async () => {
    database = await createTestDatabase();
    store = await openStore({ databaseUrl: database.databaseUrl, sqliteFile: database.sqliteFile, sqliteSynchronous: 'NORMAL', statementCounter: statements });
  });
  after(async () => {
    await store?.close();
    await database?.drop();
  });
  return {
    statements,
    get store(): SqlStore {
      if (store === undefined) throw new Error('the store opens before the suite’s first test');
      return store;
    },
  };
}
