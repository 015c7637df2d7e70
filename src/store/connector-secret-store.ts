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
}
