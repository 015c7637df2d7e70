/**
 * The `connector_secrets` table: connector variables set through the API,
 * each value sealed by the caller (the store never sees a value in clear).
 */
import type { Kysely } from 'kysely';
import { appendAudit, type AuditInput } from './audit-input.ts';
import type { Database } from './database-schema.ts';
import type { DialectDatabase } from './dialect.ts';
import type { DirectoryCache } from './directory-cache.ts';
import { bumpDirectoryVersion } from './directory-version.ts';

export interface ConnectorSecretInfo {
  connectorId: string;
  name: string;
  updatedBy: string | null;
  updatedAt: Date;
}

/** A stored variable with its sealed value (for re-sealing and key ids; still no value in clear). */
export interface SealedSecretRow extends ConnectorSecretInfo {
  sealed: string;
}

/** Sealed values by connector, then by variable name. */
export type SealedVariables = ReadonlyMap<string, ReadonlyMap<string, string>>;

/** Every stored variable's sealed value, by connector and name (directory-cache.ts keeps them). */
export async function listSealedVariables(db: Kysely<Database>): Promise<SealedVariables> {
  const rows = await db.selectFrom('connector_secrets').select(['connector_id', 'name', 'sealed']).execute();
  const byConnector = new Map<string, Map<string, string>>();
  for (const row of rows) {
    let values = byConnector.get(row.connector_id);
    if (values === undefined) byConnector.set(row.connector_id, (values = new Map<string, string>()));
    values.set(row.name, row.sealed);
  }
  return byConnector;
}

/**
 * Reads go through the directory cache (a webhook delivery opens its
 * connector's signing secrets: no statement per delivery); a write bumps the
 * directory version, so every process reads the new values.
 */
export class ConnectorSecretStore {
  readonly #database: DialectDatabase;
  readonly #directory: DirectoryCache;

  constructor(database: DialectDatabase, directory: DirectoryCache) {
    this.#database = database;
    this.#directory = directory;
  }

  /** Sets (or replaces) the sealed value of one connector variable. */
  async put(input: { connectorId: string; name: string; sealed: string; updatedBy: string | null; now: Date; audit?: AuditInput }): Promise<void> {
    const values = { sealed: input.sealed, updated_by: input.updatedBy, updated_at: input.now.getTime() };
    await this.#database.transaction(async (trx) => {
      await trx
        .insertInto('connector_secrets')
        .values({ connector_id: input.connectorId, name: input.name, ...values })
        .onConflict((oc) => oc.columns(['connector_id', 'name']).doUpdateSet(values))
        .execute();
      await bumpDirectoryVersion(trx);
      await appendAudit(trx, this.#database.capabilities, input.audit, undefined);
    });
    this.#directory.invalidate();
  }

  /** Which variables are set, by connector and name: never their values. */
  async list(): Promise<ConnectorSecretInfo[]> {
    const rows = await this.#database.db.selectFrom('connector_secrets').select(['connector_id', 'name', 'updated_by', 'updated_at']).orderBy('connector_id').orderBy('name').execute();
    return rows.map((row) => ({ connectorId: row.connector_id, name: row.name, updatedBy: row.updated_by, updatedAt: new Date(Number(row.updated_at)) }));
  }

  /** The sealed values of one connector's variables, by name. */
  async sealedOf(connectorId: string): Promise<ReadonlyMap<string, string>> {
    return (await this.#directory.sealedVariables()).get(connectorId) ?? new Map<string, string>();
  }

  /** Every stored variable with its sealed value, by connector and name. */
  async sealedRows(): Promise<SealedSecretRow[]> {
    const rows = await this.#database.db.selectFrom('connector_secrets').selectAll().orderBy('connector_id').orderBy('name').execute();
    return rows.map((row) => ({ connectorId: row.connector_id, name: row.name, sealed: row.sealed, updatedBy: row.updated_by, updatedAt: new Date(Number(row.updated_at)) }));
  }

  /**
   * Re-seals stored values in ONE transaction: `reseal` gives a row's new
   * sealed value, or undefined to leave it. Either every row is replaced or
   * none is; who set a value and when stay as they were.
   * @returns how many rows were replaced
   */
  async resealAll(reseal: (row: SealedSecretRow) => Promise<string | undefined>, audit?: (replaced: number) => AuditInput): Promise<number> {
    const replaced = await this.#database.transaction(async (trx) => {
      const rows = await trx.selectFrom('connector_secrets').selectAll().orderBy('connector_id').orderBy('name').execute();
      let replaced = 0;
      for (const row of rows) {
        const sealed = await reseal({ connectorId: row.connector_id, name: row.name, sealed: row.sealed, updatedBy: row.updated_by, updatedAt: new Date(Number(row.updated_at)) });
        if (sealed === undefined || sealed === row.sealed) continue;
        await trx.updateTable('connector_secrets').set({ sealed }).where('connector_id', '=', row.connector_id).where('name', '=', row.name).execute();
        replaced += 1;
      }
      if (replaced > 0) await bumpDirectoryVersion(trx);
      await appendAudit(trx, this.#database.capabilities, audit?.(replaced), undefined);
      return replaced;
    });
    this.#directory.invalidate();
    return replaced;
  }
}
