/**
 * `tollgate secrets rotate`: re-seals every stored secret under the current
 * key, in one transaction, and says which old keys no secret uses any more.
 *
 * With the key file (no TOLLGATE_SECRET_KEY), it first makes a new key file,
 * keeping the previous key as `secret.key.<id>.old`; with TOLLGATE_SECRET_KEY,
 * the operator sets the new key there and the previous one in
 * TOLLGATE_SECRET_KEY_OLD, then runs it. Safe to interrupt anywhere: until the
 * operator drops an old key, every value opens with one key or another, and a
 * second run finishes the work.
 */
import { PermanentError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { SealedSecretRow } from '../store/connector-secret-store.ts';
import { openStore } from '../store/open-store.ts';
import { databaseOptionsOf, type Config } from './config.ts';
import { secretBinding } from './connector-secret-vault.ts';
import { sealedKeyId, secretBox, type SecretBox } from './secret-box.ts';
import { renewKeyFile } from './secret-key-ring.ts';

export interface RotationReport {
  /** Where the secrets are stored (no password). */
  database: string;
  /** The key file was renewed: the previous key's id and the file that keeps it. */
  renewed: { previousKeyId: string; keptAs: string } | null;
  currentKeyId: string;
  /** Values re-sealed under the current key now. */
  resealed: number;
  /** Values stored in all. */
  total: number;
  /** Old keys no stored value uses any more: they may be dropped (after restarting servers that started before the rotation). */
  droppable: { id: string; source: string }[];
}

/**
 * Rotates the secret key of the configured database.
 * @throws PermanentError `secret_rotation_refused` with TOLLGATE_SECRET_KEY set and no old key to move from;
 *   `secret_key_unknown` / `secret_unreadable` when a stored value opens with none of the keys (nothing is changed then).
 */
export async function rotateSecrets(options: { config: Config; logger: Logger }): Promise<RotationReport> {
  const { config, logger } = options;
  const store = await openStore(databaseOptionsOf(config));
  try {
    const before = secretBox({ configured: config.secretKey, old: config.oldSecretKeys, dataDir: config.dataDir, logger });
    const rows = await store.connectorSecrets.sealedRows();
    // Every value must open before anything changes: a value no key opens would be lost by a new key.
    for (const row of rows) await before.open(row.sealed, secretBinding(row.connectorId, row.name));
    const ring = await before.keys();
    if (config.secretKey !== undefined && ring.old.length === 0 && rows.every((row) => sealedKeyId(row.sealed) === ring.current.id)) {
      throw new PermanentError(
        'secret_rotation_refused',
        `TOLLGATE_SECRET_KEY (key ${ring.current.id}) seals every stored secret already: to rotate, put a new key in TOLLGATE_SECRET_KEY (\`openssl rand -hex 32\`) and the present one in TOLLGATE_SECRET_KEY_OLD, then run \`tollgate secrets rotate\` again`,
      );
    }
    const renewed = config.secretKey === undefined ? await renewKeyFile({ dataDir: config.dataDir, logger }) : null;
    const box = renewed === null ? before : secretBox({ configured: undefined, old: config.oldSecretKeys, dataDir: config.dataDir, logger });
    const { current, old } = await box.keys();
    const resealed = await store.connectorSecrets.resealAll(
      (row) => resealUnderCurrent(box, row, current.id),
      (count) => ({ actor: { type: 'system', id: 'cli' }, action: 'secrets.rotated', target: { type: 'secret_key', id: current.id }, detail: { resealed: count, total: rows.length, previous_key: renewed?.previous.id ?? null }, at: new Date() }),
    );
    const used = new Set((await store.connectorSecrets.sealedRows()).map((row) => sealedKeyId(row.sealed)));
    const report: RotationReport = {
      database: store.describe(),
      renewed: renewed === null ? null : { previousKeyId: renewed.previous.id, keptAs: renewed.oldFile },
      currentKeyId: current.id,
      resealed,
      total: rows.length,
      droppable: old.filter((key) => !used.has(key.id)).map((key) => ({ id: key.id, source: key.source })),
    };
    logger.info({ event: 'secrets.rotated', key_id: current.id, resealed, total: rows.length, droppable: report.droppable.map((key) => key.id) }, 'secrets re-sealed under the current key');
    return report;
  } finally {
    await store.close();
  }
}

async function resealUnderCurrent(box: SecretBox, row: SealedSecretRow, currentKeyId: string): Promise<string | undefined> {
  if (sealedKeyId(row.sealed) === currentKeyId) return undefined;
  const binding = secretBinding(row.connectorId, row.name);
  return box.seal(await box.open(row.sealed, binding), binding);
}
