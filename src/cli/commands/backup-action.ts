/** The action of `tollgate backup`, imported when it runs (backup-command.ts registers it). */
import { backupDatabase } from '../../system/backup-database.ts';
import { localConfig } from '../local-config.ts';
import type { LocalOptions } from '../local-options.ts';
import { printJson, printLines } from '../output.ts';

interface BackupOptions extends LocalOptions {
  json?: boolean;
}

export function backupCommand(file: string, options: BackupOptions): void {
  const report = backupDatabase(localConfig(options), file);
  if (options.json) return printJson(report);
  printLines(
    `backed up ${report.source} to ${report.target}: ${(report.bytes / 1_048_576).toFixed(1)} MB, schema ${report.schemaVersion}, ${report.runs} runs, ${report.events} events; the copy checks whole`,
    `to restore: stop Tollgate, then tollgate restore ${report.target}`,
    ...(report.secretKey === null
      ? []
      : [`connector secrets set in the web app are sealed with ${report.secretKey}: keep a copy of that key with the backup, as the backup cannot open them without it`]),
  );
}
