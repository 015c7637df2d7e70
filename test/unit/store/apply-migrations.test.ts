import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TollgateError } from '../../../src/core/errors.ts';
import { applyMigrations } from '../../../src/store/apply-migrations.ts';
import { openStore } from '../../../src/store/open-store.ts';
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
