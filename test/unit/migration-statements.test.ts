import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { TollgateError } from '../../src/core/errors.ts';
import { OUTSIDE_TRANSACTION_MARKER, readMigration } from '../../src/store/migration-statements.ts';

const folder = mkdtempSync(join(tmpdir(), 'tollgate-migration-statements-'));
after(() => rmSync(folder, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

void describe('readMigration', () => {
  void it('splits a migration into its statements, without its comments, in a transaction unless marked', () => {
    const path = file('0001-plain.sql', '-- Why this migration exists.\nCREATE TABLE a (id TEXT);\n-- and the index\nCREATE INDEX a_by_id ON a (id);\n');
    assert.deepEqual(readMigration(path), { statements: ['CREATE TABLE a (id TEXT)', 'CREATE INDEX a_by_id ON a (id)'], outsideTransaction: false });
  });

  void it('reads a migration marked on its first line as one to run outside a transaction', () => {
    const text = `${OUTSIDE_TRANSACTION_MARKER}\n-- Rebuilt without blocking writes.\nDROP INDEX CONCURRENTLY IF EXISTS runs_by_x;\nCREATE INDEX CONCURRENTLY runs_by_x\n  ON runs (status, created_at DESC, id DESC);\nDROP INDEX CONCURRENTLY IF EXISTS runs_by_old;\nALTER INDEX IF EXISTS runs_by_x RENAME TO runs_by_old;\n`;
    assert.deepEqual(readMigration(file('0002-outside.sql', text)), {
      statements: ['DROP INDEX CONCURRENTLY IF EXISTS runs_by_x', 'CREATE INDEX CONCURRENTLY runs_by_x\n  ON runs (status, created_at DESC, id DESC)', 'DROP INDEX CONCURRENTLY IF EXISTS runs_by_old', 'ALTER INDEX IF EXISTS runs_by_x RENAME TO runs_by_old'],
      outsideTransaction: true,
    });
  });

  void it('takes a partial index built concurrently', () => {
    const text = `${OUTSIDE_TRANSACTION_MARKER}\nDROP INDEX CONCURRENTLY IF EXISTS runs_by_request;\nCREATE INDEX CONCURRENTLY runs_by_request ON runs (request_id) WHERE request_id IS NOT NULL;\n`;
    assert.deepEqual(readMigration(file('0004-partial.sql', text)).statements, ['DROP INDEX CONCURRENTLY IF EXISTS runs_by_request', 'CREATE INDEX CONCURRENTLY runs_by_request ON runs (request_id) WHERE request_id IS NOT NULL']);
  });

  void it('refuses, naming the file and the statement, what a migration outside a transaction could not safely run twice', () => {
    for (const unsafe of ['ALTER TABLE runs ADD COLUMN x TEXT', 'DROP INDEX CONCURRENTLY runs_by_x', 'CREATE INDEX runs_by_x ON runs (status)', 'CREATE INDEX CONCURRENTLY IF NOT EXISTS runs_by_x ON runs (status)', 'CREATE INDEX CONCURRENTLY runs_by_x ON runs (status) WHERE', 'ALTER INDEX runs_by_x RENAME TO runs_by_y']) {
      const path = file('0003-unsafe.sql', `${OUTSIDE_TRANSACTION_MARKER}\nDROP INDEX CONCURRENTLY IF EXISTS runs_by_y;\n${unsafe};\n`);
      assert.throws(
        () => readMigration(path),
        (error: unknown) => error instanceof TollgateError && error.code === 'migration_invalid' && error.message.startsWith(`${path}: `) && error.message.endsWith(`not: ${unsafe}`),
        unsafe,
      );
    }
  });

  void it('takes the marker only on the first line', () => {
    const path = file('0004-late-marker.sql', `CREATE TABLE b (id TEXT);\n${OUTSIDE_TRANSACTION_MARKER}\nALTER TABLE b ADD COLUMN x TEXT;\n`);
    assert.equal(readMigration(path).outsideTransaction, false);
  });
});
