import type { Command } from 'commander';

export function registerDocsCommand(program: Command): void {
  program
    .command('docs')
    .description('print the reference of a trigger type, a step type, the variables, expressions or error codes; alone, list the topics; no server needed')
    .argument('[topic]', 'e.g. event, wait, variables, expressions, errors')
    .action(async (topic: string | undefined) => {
      const [{ topicsTable }, { findTopic }] = await Promise.all([import('../../reference/docs-files.ts'), import('../../reference/reference-lookup.ts')]);
      // The same text as docs/.
      process.stdout.write(topic === undefined ? `${topicsTable()}\n` : findTopic(topic).render());
    });
}
