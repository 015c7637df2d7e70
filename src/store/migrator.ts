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

/** Applies the migrations not yet applied, each in its own transaction. */
export async function migrate(database: DialectDatabase): Promise<{ applied: string[] }> {
  const { db } = database;
  await sql`CREATE TABLE IF NOT EXISTS tollgate_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`.execute(db);
  const done = new Set((await db.selectFrom('tollgate_migrations').select('version').execute()).map((row) => row.version));
  const applied: string[] = [];
  for (const migration of listMigrations(migrationsFolder(database.capabilities.name))) {
    if (done.has(migration.version)) continue;
    const statements = readFileSync(migration.path, 'utf8')
      .split(/;\s*$/m)
      .map((statement) => statement.trim())
      .filter((statement) => statement.length > 0);
    await database.transaction(async (trx) => {
      for (const statement of statements) await sql.raw(statement).execute(trx);
      await trx
        .insertInto('tollgate_migrations')
        .values({ version: migration.version, name: migration.name, applied_at: Date.now() })
        .execute();
    });
    applied.push(migration.name);
  }
  return { applied };
}
