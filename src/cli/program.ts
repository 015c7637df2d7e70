import { Command } from 'commander';
import { registerApplyCommand } from './commands/apply-command.ts';
import { registerExportCommand } from './commands/export-command.ts';
import { registerMigrateCommand } from './commands/migrate-command.ts';
import { registerBackupCommand } from './commands/backup-command.ts';
import { registerRestoreCommand } from './commands/restore-command.ts';
import { registerRunCommand } from './commands/run-command.ts';
import { registerRunsCommand } from './commands/runs-command.ts';
import { registerServeCommand } from './commands/serve-command.ts';
import { registerStartCommand } from './commands/start-command.ts';
import { registerValidateCommand } from './commands/validate-command.ts';
import { registerWorkerCommand } from './commands/worker-command.ts';
import { registerWorkflowsCommand } from './commands/workflows-command.ts';
import { registerUsersCommand } from './commands/users-command.ts';
import { registerKeysCommand } from './commands/keys-command.ts';
import { registerRequestsCommand } from './commands/requests-command.ts';
import { registerApprovalsCommand } from './commands/approvals-command.ts';
import { registerEventsCommand } from './commands/events-command.ts';
import { registerOutboxCommand } from './commands/outbox-command.ts';
import { registerInboxCommand } from './commands/inbox-command.ts';
import { registerStripeCommand } from './commands/stripe-command.ts';
import { registerTemplatesCommand } from './commands/templates-command.ts';
import { registerCompletionCommand } from './commands/completion-command.ts';
import { registerEventReplayCommand } from './commands/event-replay-command.ts';
import { registerEventRecoverCommand } from './commands/event-recover-command.ts';
import { registerRunWakeCommand } from './commands/run-wake-command.ts';
import { registerCatalogCommand } from './commands/catalog-command.ts';
import { packageVersion, VERSION_FLAGS } from './package-paths.ts';
import { registerOperationsCommand } from './commands/operations-command.ts';
import { registerDocsCommand } from './commands/docs-command.ts';
import { registerPreviewCommand } from './commands/preview-command.ts';
import { registerBacktestCommand } from './commands/backtest-command.ts';
import { registerSecretsCommand } from './commands/secrets-command.ts';
import { registerAuditCommand } from './commands/audit-command.ts';
import { registerTeamsCommand } from './commands/teams-command.ts';
import { registerServicesCommand } from './commands/services-command.ts';

/** The `tollgate` command and all its subcommands. */
export function buildProgram(): Command {
  const program = new Command('tollgate')
    .description('Tollgate: durable workflow automation for payment operations')
    .version(packageVersion(), VERSION_FLAGS)
    // Errors go up to main, which picks the exit code (2 for a usage error); set before the subcommands so they inherit it.
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError();
  for (const register of [
    registerStartCommand,
    registerServeCommand,
    registerWorkerCommand,
    registerMigrateCommand,
    registerBackupCommand,
    registerRestoreCommand,
    registerValidateCommand,
    registerApplyCommand,
    registerExportCommand,
    registerRunCommand,
    registerRunsCommand,
    registerStripeCommand,
    registerTemplatesCommand,
    registerWorkflowsCommand,
    registerRequestsCommand,
    registerApprovalsCommand,
    registerEventsCommand,
    registerOutboxCommand,
    registerInboxCommand,
    registerUsersCommand,
    registerTeamsCommand,
    registerKeysCommand,
    registerOperationsCommand,
    registerDocsCommand,
    registerEventReplayCommand,
    registerEventRecoverCommand,
    registerRunWakeCommand,
    registerCatalogCommand,
    registerServicesCommand,
    registerPreviewCommand,
    registerBacktestCommand,
    registerSecretsCommand,
    registerAuditCommand,
  ]) {
    register(program);
  }
  // Last: it completes every command registered before it.
  registerCompletionCommand(program);
  return program;
}
