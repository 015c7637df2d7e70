/** The `directory_version` row (migration 0017): how a process learns that another one changed connectors, teams or workflows. */
import type { Kysely } from 'kysely';
import type { Database } from './database-schema.ts';

/** Marks connectors, teams or workflows changed, in the transaction that changes them: every process's cache drops its copy. */
export async function bumpDirectoryVersion(trx: Kysely<Database>): Promise<void> {
  await trx.updateTable('directory_version').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', 1).execute();
}

export async function readDirectoryVersion(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('directory_version').select('version').where('id', '=', 1).executeTakeFirst();
  return Number(row?.version ?? 0);
}
