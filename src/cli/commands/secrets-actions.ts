/** The actions of `tollgate secrets`, imported when one runs (secrets-command.ts registers them). */
import type { Config } from '../../system/config.ts';
import { listStoredSecrets } from '../../system/secret-listing.ts';
import { rotateSecrets, type RotationReport } from '../../system/secret-rotation.ts';
import { createCliLogger } from '../cli-logger.ts';
import { localConfig } from '../local-config.ts';
import type { LocalOptions } from '../local-options.ts';
import { cell, formatTable, formatTime, printJson, printLines } from '../output.ts';

interface SecretsOptions extends LocalOptions {
  json?: boolean;
}

export async function listCommand(options: SecretsOptions): Promise<void> {
  const secrets = await listStoredSecrets(localConfig(options));
  if (options.json) return printJson({ secrets: secrets.map((secret) => ({ connector: secret.connector, name: secret.name, updated_by: secret.updatedBy, updated_at: secret.updatedAt.toISOString(), key_id: secret.keyId })) });
  if (secrets.length === 0) return printLines('no stored secrets');
  const rows = secrets.map((secret) => [secret.connector, cell(secret.name, 40), secret.updatedBy ?? '-', formatTime(secret.updatedAt.toISOString()), secret.keyId ?? 'v1 (rotate to give it one)']);
  printLines(formatTable(['connector', 'name', 'updated by', 'updated at', 'key id'], rows));
}

export async function rotateCommand(options: SecretsOptions): Promise<void> {
  const config = localConfig(options);
  const report = await rotateSecrets({ config, logger: createCliLogger(config) });
  if (options.json) return printJson(rotationJson(report));
  printLines(...rotationText(report, config));
}

function rotationJson(report: RotationReport): unknown {
  return {
    database: report.database,
    renewed: report.renewed === null ? null : { previous_key_id: report.renewed.previousKeyId, kept_as: report.renewed.keptAs },
    current_key_id: report.currentKeyId,
    resealed: report.resealed,
    total: report.total,
    droppable: report.droppable,
  };
}

function rotationText(report: RotationReport, config: Config): string[] {
  const lines = [];
  if (report.renewed !== null) lines.push(`new key ${report.currentKeyId} in ${config.dataDir}/secret.key; the previous key ${report.renewed.previousKeyId} is kept in ${report.renewed.keptAs}`);
  lines.push(`${report.database}: ${report.resealed} of ${report.total} stored secret(s) re-sealed; all are sealed with key ${report.currentKeyId} now`);
  if (report.renewed !== null) lines.push('back up the new key file now, and restart running servers and workers so they seal with it');
  for (const key of report.droppable) {
    lines.push(
      key.source.startsWith('TOLLGATE_SECRET_KEY_OLD')
        ? `no stored secret uses key ${key.id} any more: remove it from TOLLGATE_SECRET_KEY_OLD (after the restart)`
        : `no stored secret uses key ${key.id} any more: delete ${key.source} (after the restart)`,
    );
  }
  return lines;
}
