import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { TollgateError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { Database } from './database-schema.ts';
import type { DialectDatabase, MigrationSession } from './dialect.ts';
import { readMigration } from './migration-statements.ts';

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
 * Applies the migrations not yet applied, each in its own transaction (on
 * PostgreSQL, one marked to run outside a transaction runs statement by
 * statement). Many processes may start at once on one database: the first to
 * take the dialect's migration lock applies them, and the others find them done.
 * `folder` replaces the dialect's own migrations (tests). `logger` hears which
 * migrations are about to run and how long each took (at info on an upgrade,
 * at debug on a new database): one that rebuilds an index of a large table may
 * take minutes, and a server answers only once every one is done.
 * @throws TollgateError `database_newer` when the database has migrations this build does not know.
 */
export function migrate(database: DialectDatabase, options: { folder?: string; logger?: Logger | undefined } = {}): Promise<{ applied: string[] }> {
  const migrations = listMigrations(options.folder ?? migrationsFolder(database.capabilities.name));
  return database.migrationLock(async (migrating) => {
    await sql`CREATE TABLE IF NOT EXISTS tollgate_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`.execute(migrating.db);
    const done = await migrating.db.selectFrom('tollgate_migrations').select(['version', 'name']).orderBy('version').execute();
    const unknown = done.filter((row) => row.version > migrations.length);
    if (unknown.length > 0) {
      throw new TollgateError(
        'database_newer',
        `the database was migrated by a newer Tollgate: it has ${unknown.map((row) => row.name).join(', ')}, and this one knows migrations up to ${migrations.at(-1)?.name ?? '(none)'}. Run the newer version, or restore the backup taken before the upgrade`,
      );
    }
    const doneVersions = new Set(done.map((row) => row.version));
    const pending = migrations.filter((migration) => !doneVersions.has(migration.version));
    // An upgrade may rebuild an index of a large table, and a server answers only once it is done: say so, and how
    // long each took. A new database's migrations take a moment, and a first start need not list them.
    const log = done.length === 0 ? options.logger?.debug.bind(options.logger) : options.logger?.info.bind(options.logger);
    if (pending.length > 0) log?.({ database: database.describe(), migrations: pending.map((migration) => migration.name) }, `applying ${pending.length} migration(s); on a large database this may take minutes`);
    const applied: string[] = [];
    for (const migration of pending) {
      const started = Date.now();
      if (!(await applyMigration(migrating, migration))) continue;
      applied.push(migration.name);
      log?.({ migration: migration.name, ms: Date.now() - started }, `applied migration ${migration.name}`);
    }
    return { applied };
  });
}

/** Applies `migration` and records it, unless another process did first (SQLite has no lock across a whole run); says whether it did. */
async function applyMigration(migrating: MigrationSession, migration: MigrationFile): Promise<boolean> {
  const { statements, outsideTransaction } = readMigration(migration.path);
  const apply = async (executor: Kysely<Database>) => {
    if ((await executor.selectFrom('tollgate_migrations').select('version').where('version', '=', migration.version).executeTakeFirst()) !== undefined) return false;
    for (const statement of statements) await sql.raw(statement).execute(executor);
    await executor.insertInto('tollgate_migrations').values({ version: migration.version, name: migration.name, applied_at: Date.now() }).execute();
    return true;
  };
  return outsideTransaction && migrating.outsideTransaction ? apply(migrating.db) : migrating.transaction(apply);
}
