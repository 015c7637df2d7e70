import type { Command } from 'commander';
import { lazyAction } from '../lazy-action.ts';
import { withServerOptions } from '../server-options.ts';

/** `tollgate preview -f draft.yaml`: one simulated run of a draft (POST /api/v1/preview). */
export function registerPreviewCommand(program: Command): void {
  withServerOptions(
    program
      .command('preview')
      .description("run a draft workflow once with every side effect stubbed: the path it takes, each step's input (the email as it would be sent) and simulated output")
      .requiredOption('-f, --file <path>', 'the definition file with the draft Workflow document')
      .option('--event-file <path>', 'a Stripe event (JSON or YAML) to run it against')
      .option('--event <id>', 'a stored event (evt_...) to run it against; default a sample event of the trigger\'s type')
      .option('--live-reads', 'let reads (retrieve, list) go to Stripe for real')
      .option('--reject', 'reject approval steps (default: approve them)'),
  ).action(lazyAction(() => import('./preview-action.ts'), 'preview'));
}
