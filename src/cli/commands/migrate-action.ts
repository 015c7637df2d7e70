/** The action of `tollgate migrate`, imported when it runs (migrate-command.ts registers it). */
import { migrateDatabase } from '../../system/migrate-database.ts';
import { createCliLogger } from '../cli-logger.ts';
import { localConfig } from '../local-config.ts';
import type { LocalOptions } from '../local-options.ts';
import { printJson, printLines } from '../output.ts';

interface MigrateOptions extends LocalOptions {
  json?: boolean;
}

export async function migrateCommand(options: MigrateOptions): Promise<void> {
  const config = localConfig(options);
  // Logged on stderr: the migrations about to run, then each one's time (one that rebuilds an index of a large table takes a while).
  const report = await migrateDatabase(config, createCliLogger(config));
  if (options.json) return printJson(report);
  if (report.applied.length === 0) return printLines(`${report.database}: up to date, no migrations to apply`);
  printLines(`${report.database}: applied ${report.applied.length} migration(s)`, ...report.applied.map((name) => `  ${name}`));
}
