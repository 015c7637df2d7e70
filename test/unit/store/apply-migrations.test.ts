import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TollgateError } from '../../../src/core/errors.ts';
import type { Logger } from '../../../src/core/logger.ts';
import { applyMigrations } from '../../../src/store/apply-migrations.ts';
import { listMigrations, migrate, migrationsFolder } from '../../../src/store/migrator.ts';
import { openStore } from '../../../src/store/open-store.ts';
import { openSqlite } from '../../../src/store/sqlite/sqlite-database.ts';
import { closedPort } from '../../support/closed-port.ts';

void test('an unreachable database fails to migrate with database_unreachable, naming the URL without its password', async () => {
  const url = `postgres://ops:hunter2@127.0.0.1:${await closedPort()}/tollgate`;
  await assert.rejects(applyMigrations({ databaseUrl: url, sqliteFile: 'unused.db' }), (error: unknown) => {
    assert.ok(error instanceof TollgateError);
    assert.equal(error.code, 'database_unreachable');
    assert.match(error.message, /postgres:\/\/ops:\*\*\*@127\.0\.0\.1:\d+\/tollgate/);
    assert.doesNotMatch(error.message, /hunter2/);
    return true;
  });
});

void test('an empty DATABASE_URL means SQLite for migrate as for start: the store opens the file migrate brought up to date', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-migrations-'));
  try {
    const sqliteFile = join(dir, 'tollgate.db');
    const first = await applyMigrations({ databaseUrl: '', sqliteFile });
    assert.match(first.database, /^sqlite:/);
    assert.ok(first.applied.length > 0, 'a new file gets every migration');
    assert.deepEqual((await applyMigrations({ databaseUrl: '', sqliteFile })).applied, []);
    const store = await openStore({ databaseUrl: '', sqliteFile, migrate: false });
    try {
      assert.equal(await store.countRuns({}), 0);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('an upgrade logs its migrations at info, each with how long it took; a new database logs them at debug', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-migration-log-'));
  const heard: { level: string; message: string; details: object }[] = [];
  const record = (level: string) => (details: object, message = '') => void heard.push({ level, message, details });
  const logger: Logger = { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
  /** A folder holding the first `count` of SQLite's own migrations: this build as it was `count` migrations in. */
  const build = (count: number) => {
    const folder = join(dir, `first-${count}`);
    mkdirSync(folder, { recursive: true });
    for (const migration of listMigrations(migrationsFolder('sqlite')).slice(0, count)) copyFileSync(migration.path, join(folder, migration.name));
    return folder;
  };
  const database = openSqlite({ filename: join(dir, 'tollgate.db') });
  try {
    await migrate(database, { folder: build(2), logger });
    assert.deepEqual(heard.map((line) => `${line.level} ${line.message}`), ['debug applying 2 migration(s); on a large database this may take minutes', 'debug applied migration 0001-init.sql', 'debug applied migration 0002-outbox.sql']);
    heard.length = 0;
    await migrate(database, { folder: build(3), logger });
    assert.deepEqual(heard.map((line) => `${line.level} ${line.message}`), ['info applying 1 migration(s); on a large database this may take minutes', 'info applied migration 0003-approvals-and-requests.sql']);
    assert.deepEqual((heard[0]?.details as { migrations: string[] }).migrations, ['0003-approvals-and-requests.sql']);
    assert.ok(Number.isInteger((heard[1]?.details as { ms: number }).ms));
    heard.length = 0;
    await migrate(database, { folder: build(3), logger });
    assert.deepEqual(heard, [], 'nothing to apply, nothing said');
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
