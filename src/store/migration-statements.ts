import { readFileSync } from 'node:fs';
import { TollgateError } from '../core/errors.ts';

/**
 * The first line of a migration that runs outside a transaction, each statement on its own (PostgreSQL's
 * `CREATE INDEX CONCURRENTLY`, which builds an index without blocking writes to its table, cannot run in one).
 */
export const OUTSIDE_TRANSACTION_MARKER = '-- tollgate: outside a transaction';

/**
 * What such a migration may hold. A crash between its statements leaves the migration unrecorded, so it runs again
 * from the top: each statement must be safe to repeat. A dropped-then-built index is, and so is a rename of one that
 * may be gone; an index built concurrently that failed halfway is left invalid under its name, and only dropping it
 * first mends it.
 */
const REPEATABLE_STATEMENT = [
  /^DROP INDEX CONCURRENTLY IF EXISTS \w+$/i,
  /^CREATE (UNIQUE )?INDEX CONCURRENTLY \w+ ON \w+ \([^;]+\)( WHERE [^;]+)?$/i,
  // An index built beside the one it replaces takes that one's name once it is dropped.
  /^ALTER INDEX IF EXISTS \w+ RENAME TO \w+$/i,
];

export interface MigrationStatements {
  statements: string[];
  outsideTransaction: boolean;
}

/** The statements of a migration file, and whether it runs outside a transaction. */
export function readMigration(path: string): MigrationStatements {
  const text = readFileSync(path, 'utf8');
  const outsideTransaction = text.startsWith(`${OUTSIDE_TRANSACTION_MARKER}\n`);
  const statements = text
    .split(/;\s*$/m)
    .map((statement) => withoutComments(statement).trim())
    .filter((statement) => statement.length > 0);
  if (outsideTransaction) {
    const unsafe = statements.find((statement) => !REPEATABLE_STATEMENT.some((shape) => shape.test(statement.replace(/\s+/g, ' '))));
    if (unsafe !== undefined) {
      throw new TollgateError(
        'migration_invalid',
        `${path}: a migration outside a transaction may hold only DROP INDEX CONCURRENTLY IF EXISTS, CREATE INDEX CONCURRENTLY and ALTER INDEX IF EXISTS … RENAME TO (a crash between statements runs it again from the top), not: ${unsafe}`,
      );
    }
  }
  return { statements, outsideTransaction };
}

function withoutComments(statement: string): string {
  return statement
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n');
}
