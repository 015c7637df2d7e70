import type { Command } from 'commander';

export function registerOperationsCommand(program: Command): void {
  program
    .command('operations')
    .description('list the operations action steps may use, or show one in full (parameters, example, Stripe API page); no server needed')
    .argument('[name]', 'an operation, e.g. stripe.refunds.create')
    .action(async (name: string | undefined) => {
      const [{ operationSection, operationsTable }, { findOperation }] = await Promise.all([import('../../reference/operation-page.ts'), import('../../reference/reference-lookup.ts')]);
      // The same text as docs/operations.md.
      process.stdout.write(name === undefined ? operationsTable() : operationSection(findOperation(name)));
    });
}
