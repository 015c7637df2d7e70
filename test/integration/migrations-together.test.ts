import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TollgateError } from '../../src/core/errors.ts';
import { applyMigrations } from '../../src/store/apply-migrations.ts';
import { listMigrations, migrationsFolder } from '../../src/store/migrator.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { openStore } from '../../src/store/open-store.ts';
import { cleanEnv, runCli } from '../cli/cli-process.ts';
import { sessionsTryingTheLock } from '../support/migration-lock-waiters.ts';
import { pollUntil } from '../support/poll-until.ts';
import { createTestDatabase, testDialect } from '../support/test-database.ts';

function migrateAtOnce(env: NodeJS.ProcessEnv) {
  return Promise.all([1, 2, 3].map(() => runCli(['migrate', '--json'], { env })));
}

/** PostgreSQL: the three wait for the migration lock this holds, so they all start migrating in the same instant once it is let go. */
async function migrateAfterLock(databaseUrl: string, env: NodeJS.ProcessEnv) {
  const holder = await openDatabase({ databaseUrl, sqliteFile: 'unused.db' });
  try {
    // Wrapped: a promise returned from the callback would be awaited under the lock, and the lock never let go.
    const { runs } = await holder.migrationLock(async (migrating) => {
      const runs = migrateAtOnce(env);
      await pollUntil(() => sessionsTryingTheLock(holder, migrating.db), (waiting) => waiting === 3, { what: 'three migrate processes waiting for the migration lock' });
      return { runs };
    });
    return await runs;
  } finally {
    await holder.close();
  }
}

void test('processes that migrate one new database at once apply each migration once, and all succeed', async () => {
  const database = await createTestDatabase();
  try {
    // As `serve` and its workers started together after an upgrade: separate processes, one database.
    const env = cleanEnv({ TOLLGATE_DATA: database.dataDir, ...(database.databaseUrl === undefined ? {} : { DATABASE_URL: database.databaseUrl }) });
    const runs = await (database.databaseUrl === undefined ? migrateAtOnce(env) : migrateAfterLock(database.databaseUrl, env));
    for (const run of runs) assert.equal(run.code, 0, run.stderr);
    const applied = runs.flatMap((run) => (JSON.parse(run.stdout) as { applied: string[] }).applied).sort();
    assert.deepEqual(applied, listMigrations(migrationsFolder(testDialect())).map((migration) => migration.name));
  } finally {
    await database.drop();
  }
});

void test('a database migrated by a newer Tollgate is refused, naming the migrations this build does not know', async () => {
  const database = await createTestDatabase();
  const where = { databaseUrl: database.databaseUrl, sqliteFile: database.sqliteFile };
  try {
    await applyMigrations(where);
    const next = listMigrations(migrationsFolder(testDialect())).length + 1;
    const db = await openDatabase(where);
    await db.db.insertInto('tollgate_migrations').values({ version: next, name: `${next}-from-the-future.sql`, applied_at: Date.now() }).execute();
    await db.close();
    const newer = (error: unknown) => {
      assert.ok(error instanceof TollgateError);
      assert.equal(error.code, 'database_newer');
      assert.match(error.message, new RegExp(`the database was migrated by a newer Tollgate: it has ${next}-from-the-future\\.sql`));
      return true;
    };
    await assert.rejects(applyMigrations(where), newer);
    await assert.rejects(openStore(where), newer);
  } finally {
    await database.drop();
  }
});
