/**
 * The `connector_secrets` table: connector variables set through the API,
 * each value sealed by the caller (the store never sees a value in clear).
 */
import { appendAudit, type AuditInput } from './audit-input.ts';
import type { DialectDatabase } from './dialect.ts';

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

export class ConnectorSecretStore {
  readonly #database: DialectDatabase;

  constructor(database: DialectDatabase) {
    this.#database = database;
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
      await appendAudit(trx, this.#database.capabilities, input.audit, undefined);
    });
  }

  /** Which variables are set, by connector and name: never their values. */
  async list(): Promise<ConnectorSecretInfo[]> {
    const rows = await this.#database.db.selectFrom('connector_secrets').select(['connector_id', 'name', 'updated_by', 'updated_at']).orderBy('connector_id').orderBy('name').execute();
    return rows.map((row) => ({ connectorId: row.connector_id, name: row.name, updatedBy: row.updated_by, updatedAt: new Date(Number(row.updated_at)) }));
  }

  /** The sealed values of one connector's variables, by name. */
  async sealedOf(connectorId: string): Promise<Map<string, string>> {
    const rows = await this.#database.db.selectFrom('connector_secrets').select(['name', 'sealed']).where('connector_id', '=', connectorId).execute();
    return new Map(rows.map((row) => [row.name, row.sealed]));
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
    return this.#database.transaction(async (trx) => {
      const rows = await trx.selectFrom('connector_secrets').selectAll().orderBy('connector_id').orderBy('name').execute();
      let replaced = 0;
      for (const row of rows) {
        const sealed = await reseal({ connectorId: row.connector_id, name: row.name, sealed: row.sealed, updatedBy: row.updated_by, updatedAt: new Date(Number(row.updated_at)) });
        if (sealed === undefined || sealed === row.sealed) continue;
        await trx.updateTable('connector_secrets').set({ sealed }).where('connector_id', '=', row.connector_id).where('name', '=', row.name).execute();
        replaced += 1;
      }
      await appendAudit(trx, this.#database.capabilities, audit?.(replaced), undefined);
      return replaced;
    });
  }
}
