import { test } from 'node:test';
import assert from 'node:assert/strict';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { StoreUnavailableError } from '../../../src/core/errors.ts';
import { classifyPostgresError } from '../../../src/store/postgres/postgres-error-classifier.ts';
import { classifySqliteError } from '../../../src/store/sqlite/sqlite-error-classifier.ts';
import { postgresAdminShutdown, postgresConnectionTerminated, sqliteBusy } from '../../support/driver-errors.ts';

function pgError(code: string): pg.DatabaseError {
  const error = new pg.DatabaseError('server error', 0, 'error');
  error.code = code;
  return error;
}

test('PostgreSQL: outages by SQLSTATE or a lost connection become store_unavailable; other errors stay', () => {
  for (const error of [postgresAdminShutdown(), postgresConnectionTerminated(), pgError('08006'), pgError('53300'), pgError('40001'), pgError('40P01'), pgError('25P03'), pgError('57P05')]) {
    const classified = classifyPostgresError(error);
    assert.ok(classified instanceof StoreUnavailableError, `${String(error)} is an outage`);
    assert.equal(classified.code, 'store_unavailable');
    assert.equal(classified.cause, error, 'the driver error is kept as the cause');
  }
  for (const code of ['23505', '42P01', '22P02']) {
    const error = pgError(code);
    assert.equal(classifyPostgresError(error), error, `${code} is not an outage`);
  }
});

test('SQLite: busy, locked, I/O and full become store_unavailable (extended codes too); other errors stay', () => {
  for (const error of [sqliteBusy(), new SQLite.SqliteError('x', 'SQLITE_BUSY_SNAPSHOT'), new SQLite.SqliteError('x', 'SQLITE_IOERR_FSYNC'), new SQLite.SqliteError('x', 'SQLITE_FULL')]) {
    const classified = classifySqliteError(error);
    assert.ok(classified instanceof StoreUnavailableError, `${error.code} is an outage`);
    assert.equal(classified.cause, error);
  }
  for (const error of [new SQLite.SqliteError('x', 'SQLITE_CONSTRAINT_UNIQUE'), new SQLite.SqliteError('x', 'SQLITE_ERROR'), new Error('not from the driver')]) {
    assert.equal(classifySqliteError(error), error);
  }
});
