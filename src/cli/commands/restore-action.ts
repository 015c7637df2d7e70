/** The action of `tollgate restore`, imported when it runs (restore-command.ts registers it). */
import { restoreDatabase } from '../../system/restore-database.ts';
import { localConfig } from '../local-config.ts';
import type { LocalOptions } from '../local-options.ts';
import { printJson, printLines } from '../output.ts';

interface RestoreOptions extends LocalOptions {
  json?: boolean;
}

export function restoreCommand(file: string, options: RestoreOptions): void {
  const report = restoreDatabase(localConfig(options), file, new Date());
  if (options.json) return printJson(report);
  printLines(
    `restored ${report.source} to ${report.target}: schema ${report.schemaVersion}, ${report.runs} runs, ${report.events} events; the backup checked whole`,
    report.keptAside === null ? 'there was no database before it' : `the database it replaced is kept as ${report.keptAside}`,
    report.migrationsToApply === 0 ? 'start Tollgate to use it' : `start Tollgate to use it: it applies the ${report.migrationsToApply} newer migration${report.migrationsToApply === 1 ? '' : 's'} first`,
    ...(report.secretKey === null ? [] : [`connector secrets in it open only with the key they were sealed with; this Tollgate uses ${report.secretKey}`]),
  );
}
