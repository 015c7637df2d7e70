import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { InvalidInputError } from '../../../src/core/errors.ts';
import { openDatabase } from '../../../src/store/open-database.ts';
import { ENVIRONMENT, readConfig } from '../../../src/system/config.ts';

test('TOLLGATE_MEMORY takes lean or fast; another value fails start-up and names the variable', () => {
  assert.ok('TOLLGATE_MEMORY' in ENVIRONMENT, 'documented with the other variables');
  assert.doesNotThrow(() => readConfig({ TOLLGATE_MEMORY: 'lean' }));
  assert.doesNotThrow(() => readConfig({ TOLLGATE_MEMORY: 'fast' }));
  assert.throws(
    () => readConfig({ TOLLGATE_MEMORY: 'small' }),
    (error) => error instanceof InvalidInputError && error.code === 'config_invalid' && error.message.includes('TOLLGATE_MEMORY="small"'),
  );
});

test('TOLLGATE_MEMORY sizes SQLite\'s page cache: 4 MB when lean (the default), better-sqlite3\'s 16 MB when fast', () => {
  assert.equal(readConfig({}).sqliteCacheMb, 4);
  assert.equal(readConfig({ TOLLGATE_MEMORY: 'lean' }).sqliteCacheMb, 4);
  assert.equal(readConfig({ TOLLGATE_MEMORY: 'fast' }).sqliteCacheMb, 16);
});

test('an SQLite database opened with a page cache size keeps it; without one, the driver\'s 16 MB', async () => {
  const cacheKib = async (options: { sqliteCacheMb?: number }): Promise<unknown> => {
    const database = await openDatabase({ sqliteFile: ':memory:', ...options });
    try {
      const { rows } = await sql<{ cache_size: number }>`pragma cache_size`.execute(database.db);
      return rows[0]?.cache_size;
    } finally {
      await database.close();
    }
  };
  assert.equal(await cacheKib({ sqliteCacheMb: 4 }), -4096);
  assert.equal(await cacheKib({}), -16000);
});
