import { openStore } from '../store/open-store.ts';
import { databaseOptionsOf, type Config } from './config.ts';
import { sealedKeyId } from './secret-box.ts';

/** A stored secret as `tollgate secrets list` shows it: never its value. */
export interface StoredSecretView {
  connector: string;
  name: string;
  updatedBy: string | null;
  updatedAt: Date;
  /** The id of the key that sealed it; null for a value sealed before key ids (`v1:`). */
  keyId: string | null;
}

/** Every stored secret of the configured database, by connector and name, with the key that sealed it. */
export async function listStoredSecrets(config: Config): Promise<StoredSecretView[]> {
  const store = await openStore(databaseOptionsOf(config));
  try {
    const rows = await store.connectorSecrets.sealedRows();
    return rows.map((row) => ({ connector: row.connectorId, name: row.name, updatedBy: row.updatedBy, updatedAt: row.updatedAt, keyId: sealedKeyId(row.sealed) }));
  } finally {
    await store.close();
  }
}
