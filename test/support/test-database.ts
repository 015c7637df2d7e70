/**
 * The database a test runs on, chosen by TOLLGATE_TEST_DIALECT (sqlite |
 * postgres). Each call makes a fresh, empty database: an SQLite file in a temp
 * folder, or a new PostgreSQL database on the server at TOLLGATE_TEST_POSTGRES_URL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import pg from 'pg';
import type { DialectDatabase } from '../../src/store/dialect.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { StatementCounter } from '../../src/store/statement-counter.ts';

export type TestDialect = 'sqlite' | 'postgres';

export function testDialect(): TestDialect {
  const dialect = process.env.TOLLGATE_TEST_DIALECT ?? 'sqlite';
  if (dialect !== 'sqlite' && dialect !== 'postgres') throw new Error(`TOLLGATE_TEST_DIALECT=${dialect}: use sqlite or postgres`);
  return dialect;
}

export interface TestDatabase {
  dialect: TestDialect;
  /** Set for PostgreSQL. */
  databaseUrl: string | undefined;
  /** The data directory (SQLite file lives in it). */
  dataDir: string;
  sqliteFile: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tollgate-test-'));
  const sqliteFile = join(dataDir, 'tollgate.db');
  if (testDialect() === 'sqlite') {
    return { dialect: 'sqlite', databaseUrl: undefined, dataDir, sqliteFile, drop: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })) };
  }
  const serverUrl = process.env.TOLLGATE_TEST_POSTGRES_URL;
  if (!serverUrl) throw new Error('TOLLGATE_TEST_DIALECT=postgres needs TOLLGATE_TEST_POSTGRES_URL (npm test starts a server and sets it)');
  const name = `tg_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    dialect: 'postgres',
    databaseUrl: url.toString(),
    dataDir,
    sqliteFile,
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh database with every migration applied, opened for store-level tests; `close` closes and drops it. */
async function openMigratedDatabase(options: { statementCounter?: StatementCounter } = {}): Promise<{ db: DialectDatabase; close(): Promise<void> }> {
  const database = await createTestDatabase();
  const where = { databaseUrl: database.databaseUrl, sqliteFile: database.sqliteFile };
  await (await openStore(where)).close();
  const db = await openDatabase({ ...where, ...options });
  return {
    db,
    async close() {
      await db.close();
      await database.drop();
    },
  };
}

/**
 * For a suite of store-level tests: a fresh migrated database opened before its tests and dropped after
 * (node:test hooks of the calling `describe`). Its `db` and `transaction` are the open database's, and
 * `database` is the open database itself.
 */
export function suiteDatabase(options: { statementCounter?: StatementCounter } = {}): Pick<DialectDatabase, 'db' | 'transaction'> & { readonly database: DialectDatabase } {
  let opened: Awaited<ReturnType<typeof openMigratedDatabase>> | undefined;
  before(async () => {
    opened = await openMigratedDatabase(options);
  });
  after(() => opened?.close());
  const open = (): DialectDatabase => {
    if (opened === undefined) throw new Error('suiteDatabase: the database opens in the suite\'s before hook; use it inside a test');
    return opened.db;
  };
  return {
    get db() {
      return open().db;
    },
    get database() {
      return open();
    },
    transaction: (fn, transactionOptions) => open().transaction(fn, transactionOptions),
  };
}
