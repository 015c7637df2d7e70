// The connect timeout (TOLLGATE_DATABASE_CONNECT_TIMEOUT) bounds making a new connection, and nothing else:
// a query that waits for a busy pool's one connection waits as long as it takes, as before.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { TollgateError } from '../../src/core/errors.ts';
import { openPostgres } from '../../src/store/postgres/postgres-database.ts';
import { openStore } from '../../src/store/open-store.ts';
import { createTestDatabase, testDialect, type TestDatabase } from '../support/test-database.ts';

const onPostgres = { skip: testDialect() === 'sqlite' ? 'a PostgreSQL pool' : false };
const CONNECT_TIMEOUT_MS = 200;
/** The pool's own first connection must be made within this, on a busy machine too: well above a local connect. */
const POOL_CONNECT_TIMEOUT_MS = 2000;

let database: TestDatabase | undefined;
before(async () => {
  if (testDialect() === 'postgres') database = await createTestDatabase();
});
after(async () => {
  await database?.drop();
});

test('a query waiting for the busy pool outlasts the connect timeout and then runs', onPostgres, async () => {
  assert.ok(database?.databaseUrl);
  const postgres = openPostgres({ url: database.databaseUrl, poolSize: 1, connectTimeoutMs: POOL_CONNECT_TIMEOUT_MS });
  try {
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding = (): void => undefined;
    const taken = new Promise<void>((resolve) => (holding = resolve));
    // The pool's one connection, held in a transaction until released.
    const holder = postgres.db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      holding();
      await held;
    });
    await taken;
    const waiting = sql<{ answer: number }>`select 42 as answer`.execute(postgres.db);
    // More than one connect timeout passes while the query waits for the connection.
    await sleep(POOL_CONNECT_TIMEOUT_MS * 2);
    release();
    await holder;
    assert.deepEqual((await waiting).rows, [{ answer: 42 }]);
  } finally {
    await postgres.close();
  }
});

test('a host that accepts and never answers fails the start within the connect timeout, naming the host and the setting', async () => {
  const silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const address = silent.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  try {
    const opening = openStore({ databaseUrl: `postgres://ops:hunter2@127.0.0.1:${address.port}/tollgate`, sqliteFile: '', connectTimeoutMs: CONNECT_TIMEOUT_MS });
    await assert.rejects(opening, (error: unknown) => {
      assert.ok(error instanceof TollgateError);
      assert.equal(error.code, 'database_unreachable');
      assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${address.port} did not complete a connection within 200 ms`));
      assert.match(error.message, /TOLLGATE_DATABASE_CONNECT_TIMEOUT/);
      assert.doesNotMatch(error.message, /hunter2/);
      return true;
    });
  } finally {
    silent.close();
  }
});
