import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { TollgateError } from '../../core/errors.ts';
import { apiRequest } from '../api-client.ts';
import { printLines } from '../output.ts';
import { connectionFrom } from '../server-connection.ts';
import { withServerOptions, type ServerOptions } from '../server-options.ts';

interface ExportOptions extends ServerOptions {
  output?: string;
}

export function registerExportCommand(program: Command): void {
  const command = program
    .command('export')
    .description('print every definition of the running server as YAML (ready for `tollgate apply -f`)')
    .option('-o, --output <file>', 'write to this file instead of printing');
  withServerOptions(command).action(exportCommand);
}

async function exportCommand(options: ExportOptions): Promise<void> {
  const { documents } = await apiRequest<{ documents: unknown[] }>(connectionFrom(options), { method: 'GET', path: '/api/v1/export' });
  const { stringify } = await import('yaml');
  const text = options.json ? `${JSON.stringify({ documents }, null, 2)}\n` : documents.map((document) => stringify(document)).join('---\n');
  if (options.output === undefined) {
    process.stdout.write(text);
    return;
  }
  await writeFile(options.output, text).catch((error: unknown) => {
    throw new TollgateError('output_unwritable', `cannot write ${options.output}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  });
  printLines(`wrote ${documents.length} document(s) to ${options.output}`);
}
