import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Logger } from '../../src/core/logger.ts';
import type { DialectDatabase } from '../../src/store/dialect.ts';
import { OUTSIDE_TRANSACTION_MARKER } from '../../src/store/migration-statements.ts';
import { listMigrations, migrate, migrationsFolder } from '../../src/store/migrator.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { sessionsTryingTheLock } from '../support/migration-lock-waiters.ts';
import { pollUntil } from '../support/poll-until.ts';
import { createTestDatabase, testDialect, type TestDatabase } from '../support/test-database.ts';

// PostgreSQL builds an index with CREATE INDEX CONCURRENTLY without blocking writes to its table, and refuses it in a
// transaction block: a migration marked to run outside one is applied on a session of its own.
void describe('a migration outside a transaction (PostgreSQL)', { skip: testDialect() !== 'postgres' }, () => {
  let database: TestDatabase;
  let db: DialectDatabase;
  const folder = mkdtempSync(join(tmpdir(), 'tollgate-migrations-'));
  const own = listMigrations(migrationsFolder('postgres'));
  const concurrent = `${String(own.length + 1).padStart(4, '0')}-index-concurrently.sql`;

  before(async () => {
    for (const migration of own) copyFileSync(migration.path, join(folder, migration.name));
    writeFileSync(join(folder, concurrent), `${OUTSIDE_TRANSACTION_MARKER}\n-- A test index, built without blocking writes.\nDROP INDEX CONCURRENTLY IF EXISTS runs_by_update;\nCREATE INDEX CONCURRENTLY runs_by_update ON runs (updated_at);\n`);
    database = await createTestDatabase();
    db = await openDatabase({ databaseUrl: database.databaseUrl, sqliteFile: database.sqliteFile });
  });
  after(async () => {
    await db.close();
    await database.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  const indexValid = async () => (await sql<{ valid: boolean }>`SELECT indisvalid AS valid FROM pg_index WHERE indexrelid = 'runs_by_update'::regclass`.execute(db.db)).rows[0]?.valid;
  const recorded = async () => (await db.db.selectFrom('tollgate_migrations').select('name').where('name', '=', concurrent).execute()).length;

  void it('builds its index concurrently (which a transaction refuses) and records it once', async () => {
    const { applied } = await migrate(db, { folder });
    assert.equal(applied.at(-1), concurrent);
    assert.equal(applied.length, own.length + 1);
    assert.equal(await indexValid(), true);
    assert.equal(await recorded(), 1);
    assert.deepEqual(await migrate(db, { folder }), { applied: [] });
  });

  void it('runs again from the top after a crash left its index invalid and the migration unrecorded', async () => {
    // What a build that failed halfway leaves: the index under its name, marked invalid, and no row for the migration.
    await sql`UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'runs_by_update'::regclass`.execute(db.db);
    await db.db.deleteFrom('tollgate_migrations').where('name', '=', concurrent).execute();
    assert.deepEqual(await migrate(db, { folder }), { applied: [concurrent] });
    assert.equal(await indexValid(), true);
    assert.equal(await recorded(), 1);
  });

  void it('waits for the process that holds the migration lock, saying so, then finds the migration done', async () => {
    await db.db.deleteFrom('tollgate_migrations').where('name', '=', concurrent).execute();
    const heard: string[] = [];
    const logger: Logger = { debug: () => undefined, info: (_details, message = '') => void heard.push(message), warn: () => undefined, error: () => undefined };
    const waiter = await openDatabase({ databaseUrl: database.databaseUrl, sqliteFile: database.sqliteFile, logger });
    const holder = await openDatabase({ databaseUrl: database.databaseUrl, sqliteFile: database.sqliteFile });
    try {
      // Wrapped: a promise returned from the callback would be awaited under the lock, and the lock never let go.
      const { migrating } = await holder.migrationLock(async (session) => {
        const migrating = migrate(waiter, { folder, logger });
        await pollUntil(() => sessionsTryingTheLock(holder, session.db), (waiting) => waiting === 1, { what: 'the migration waiting for the migration lock' });
        // Recorded by "the other process" while this one waited: the waiting one must not build the index again.
        await session.db.insertInto('tollgate_migrations').values({ version: own.length + 1, name: concurrent, applied_at: Date.now() }).execute();
        return { migrating };
      });
      assert.deepEqual(await migrating, { applied: [] });
      assert.equal(await recorded(), 1);
      assert.deepEqual(heard, ['waiting for another Tollgate process to finish migrating the database'], 'said once while it waited; nothing left to apply');
    } finally {
      await holder.close();
      await waiter.close();
    }
  });
});
