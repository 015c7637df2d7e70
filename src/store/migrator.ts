import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { sql } from 'kysely';
import { TollgateError } from '../core/errors.ts';
import type { DialectDatabase } from './dialect.ts';

const MIGRATION_FILE = /^(\d{4})-([a-z0-9-]+)\.sql$/;

export interface MigrationFile {
  version: number;
  name: string;
  path: string;
}

export function migrationsFolder(dialect: 'sqlite' | 'postgres'): string {
  return fileURLToPath(new URL(`./migrations/${dialect}/`, import.meta.url));
}

/**
 * The numbered migrations of one dialect, in order. Fails on a gap, a
 * duplicate number or a badly named file: migrations are forward-only.
 */
export function listMigrations(folder: string): MigrationFile[] {
  const files = readdirSync(folder).filter((name) => name.endsWith('.sql')).sort();
  const migrations = files.map((name) => {
    const match = MIGRATION_FILE.exec(name);
    if (!match) {
      throw new TollgateError('migration_invalid', `${join(folder, name)}: name migrations NNNN-short-name.sql`);
    }
    return { version: Number(match[1]), name, path: join(folder, name) };
  });
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new TollgateError(
        'migration_invalid',
        `${folder}: expected migration ${String(index + 1).padStart(4, '0')}, found ${migration.name} (gap or duplicate)`,
      );
    }
  });
  return migrations;
}

/**
 * Applies the migrations not yet applied, each in its own transaction. Many
 * processes may start at once on one database: each migration is applied
 * under the dialect's migration lock, by whichever comes first.
 * @throws TollgateError `database_newer` when the database has migrations this build does not know.
 */
export async function migrate(database: DialectDatabase): Promise<{ applied: string[] }> {
  const { db } = database;
  const migrations = listMigrations(migrationsFolder(database.capabilities.name));
  // Not bounded by the query timeout: a migration may take minutes on a large table, and others wait for it.
  const unbounded = { queryTimeout: false } as const;
  await database.transaction(async (trx) => {
    await database.lockForMigrations(trx);
    await sql`CREATE TABLE IF NOT EXISTS tollgate_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`.execute(trx);
  }, unbounded);
  const done = await db.selectFrom('tollgate_migrations').select(['version', 'name']).orderBy('version').execute();
  const unknown = done.filter((row) => row.version > migrations.length);
  if (unknown.length > 0) {
    throw new TollgateError(
      'database_newer',
      `the database was migrated by a newer Tollgate: it has ${unknown.map((row) => row.name).join(', ')}, and this one knows migrations up to ${migrations.at(-1)?.name ?? '(none)'}. Run the newer version, or restore the backup taken before the upgrade`,
    );
  }
  const doneVersions = new Set(done.map((row) => row.version));
  const applied: string[] = [];
  for (const migration of migrations) {
    if (doneVersions.has(migration.version)) continue;
    const statements = readFileSync(migration.path, 'utf8')
      .split(/;\s*$/m)
      .map((statement) => statement.trim())
      .filter((statement) => statement.length > 0);
    const ran = await database.transaction(async (trx) => {
      await database.lockForMigrations(trx);
      // Another process may have applied it while this one waited for the lock.
      if ((await trx.selectFrom('tollgate_migrations').select('version').where('version', '=', migration.version).executeTakeFirst()) !== undefined) return false;
      for (const statement of statements) await sql.raw(statement).execute(trx);
      await trx
        .insertInto('tollgate_migrations')
        .values({ version: migration.version, name: migration.name, applied_at: Date.now() })
        .execute();
      return true;
    }, unbounded);
    if (ran) applied.push(migration.name);
  }
  return { applied };
}
