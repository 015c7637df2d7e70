import type { Command } from 'commander';
import { operationSection, operationsTable } from '../../reference/operation-page.ts';
import { findOperation } from '../../reference/reference-lookup.ts';

export function registerOperationsCommand(program: Command): void {
  program
    .command('operations')
    .description('list the operations action steps may use, or show one in full (parameters, example, Stripe API page); no server needed')
    .argument('[name]', 'an operation, e.g. stripe.refunds.create')
    .action((name: string | undefined) => {
      // The same text as docs/operations.md.
      process.stdout.write(name === undefined ? operationsTable() : operationSection(findOperation(name)));
    });
}
