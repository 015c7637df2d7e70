import type { Command } from 'commander';
import { topicsTable } from '../../reference/docs-files.ts';
import { findTopic } from '../../reference/reference-lookup.ts';

export function registerDocsCommand(program: Command): void {
  program
    .command('docs')
    .description('print the reference of a trigger type, a step type, the variables, expressions or error codes; alone, list the topics; no server needed')
    .argument('[topic]', 'e.g. event, wait, variables, expressions, errors')
    .action((topic: string | undefined) => {
      // The same text as docs/.
      process.stdout.write(topic === undefined ? `${topicsTable()}\n` : findTopic(topic).render());
    });
}
