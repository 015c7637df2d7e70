import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/store/database-schema.ts';
import type { DialectDatabase } from '../../src/store/dialect.ts';

/**
 * PostgreSQL: how many other sessions of this database last tried the migration lock, that is, wait for it (a
 * process waiting to migrate tries it again and again; the holder's `session` and `database`'s own are left out).
 */
export async function sessionsTryingTheLock(database: DialectDatabase, session: Kysely<Database>): Promise<number> {
  const holder = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(session)).rows[0]?.pid;
  const { rows } = await sql<{ waiting: string }>`
    SELECT count(*) AS waiting FROM pg_stat_activity
    WHERE datname = current_database() AND pid <> ${holder} AND pid <> pg_backend_pid() AND query LIKE 'SELECT pg_try_advisory_lock%'`.execute(database.db);
  return Number(rows[0]?.waiting);
}
