import type { Command } from 'commander';
import { migrateDatabase } from '../../system/migrate-database.ts';
import { localConfig, withDataOption, type LocalOptions } from '../local-options.ts';
import { printJson, printLines } from '../output.ts';

interface MigrateOptions extends LocalOptions {
  json?: boolean;
}

export function registerMigrateCommand(program: Command): void {
  const command = program
    .command('migrate')
    .description('apply pending database migrations (DATABASE_URL, else SQLite under --data) and list them')
    .option('--json', 'print JSON instead of text');
  withDataOption(command);
  command.action(migrateCommand);
}

async function migrateCommand(options: MigrateOptions): Promise<void> {
  const report = await migrateDatabase(localConfig(options));
  if (options.json) return printJson(report);
  if (report.applied.length === 0) return printLines(`${report.database}: up to date, no migrations to apply`);
  printLines(`${report.database}: applied ${report.applied.length} migration(s)`, ...report.applied.map((name) => `  ${name}`));
}
